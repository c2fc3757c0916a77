"""The command line: ``handbill build``, ``check``, ``preview``, ``new``, ``fonts``, ``layouts``, ``serve``.

    handbill build leaflets/victory-day-2023 [--layout a3-poster] [--lang fa] [--out out] [--jobs N] [--watch]

Exit status 0 on success, 1 when a job failed or input is invalid, 2 for usage errors. Errors are one
message each (file, key path, what to do); ``--debug`` shows the traceback too. This module parses the
arguments and turns whatever a command raises into a message and a status; what each command does is in
commands.py.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import signal
import sys
import threading
import traceback
from pathlib import Path

from handbill.commands import COMMANDS, os_error_text
from handbill.errors import HandbillError
from handbill.version import __version__

EXAMPLES = {
    "build": ("make the PDFs of a leaflet: every layout it names, in every language it has",
              "handbill build leaflets/victory-day-2023\n  handbill build leaflets/victory-day-2023 --layout a3-poster "
              "--lang fa --out print"),
    "check": ("run everything but the writing and report fonts, overflows, margins, colours, images, "
              "translations and PDF/X readiness; writes nothing",
              "handbill check leaflets/victory-day-2023\n  handbill check leaflets/victory-day-2023 --lang fa "
              "--strict"),
    "preview": ("build, then write PNG pages (or one contact sheet) to OUT/<leaflet>/preview",
                "handbill preview leaflets/victory-day-2023 --layout a4-flyer --dpi 72\n  "
                "handbill preview leaflets/victory-day-2023 --sheet"),
    "new": ("create a leaflet folder to fill in: a commented leaflet.toml and statement.<lang>.md",
            "handbill new leaflets/may-day-2025\n  handbill new leaflets/may-day-2025 --lang tr"),
    "fonts": ("list which font serves each script and language, and where its file comes from",
              "handbill fonts\n  handbill fonts leaflets/victory-day-2023 | less"),
    "serve": ("start a local web page to edit a leaflet (created if the folder does not exist), preview every "
              "version and download the PDFs; without LEAFLET, the page lists the leaflets in the working folder "
              "and creates new ones there",
              "handbill serve leaflets/victory-day-2023, then open http://127.0.0.1:8000/"),
    "layouts": ("list the layouts a leaflet can name, with their page size, file and where they are looked for",
                "handbill layouts\n  handbill layouts leaflets/victory-day-2023"),
}
MIN_DPI, MAX_DPI = 10.0, 600.0  # preview resolution: below 10 nothing is legible, above 600 an A3 page is 100 MP


def _global_options(parser: argparse.ArgumentParser, default: object) -> None:
    """--debug and -q, accepted before and after the subcommand (``handbill build -q x`` and ``handbill -q build x``).

    The subcommands' copies default to SUPPRESS so that they do not overwrite a value given before the
    subcommand."""
    parser.add_argument("--debug", action="store_true", default=default, help="show tracebacks of errors")
    parser.add_argument("-q", "--quiet", action="store_true", default=default,
                        help="print errors only (and how many warnings there were)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbill", description="Multilingual statements into print-ready PDFs.",
        epilog="start with: handbill new leaflets/my-leaflet; then: handbill build leaflets/my-leaflet\n"
               "help on a command: handbill help build (or handbill build --help)",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"handbill {__version__}")
    _global_options(parser, False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, short: str) -> argparse.ArgumentParser:
        description, example = EXAMPLES[name]
        made = sub.add_parser(name, help=short, description=description[0].upper() + description[1:] + ".",
                              epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
        _global_options(made, argparse.SUPPRESS)
        return made

    build = command("build", "make the PDFs of a leaflet")
    check = command("check", "run everything but writing, and report")
    for each in (build, check):
        each.add_argument("leaflet", type=leaflet_folder, help="the leaflet folder (holding leaflet.toml)")
        each.add_argument("--layout", action="append", dest="layouts", metavar="NAME",
                          help="only this layout (repeatable)")
        each.add_argument("--lang", action="append", dest="langs", metavar="CODE", type=_language_code,
                          help="only this language (repeatable)")
        each.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                          help="worker processes (default: the number of cores)")
        each.add_argument("--condition", metavar="NAME",
                          help="print for this registered condition: FOGRA39, FOGRA51, FOGRA52, GRACoL2013, "
                               "GRACoL2006, SWOP, SWOP5 (default: each layout's)")
        each.add_argument("--strict", action="store_true", help="exit non-zero on warnings too")
    build.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    build.add_argument("--watch", action="store_true", help="rebuild whenever a source file changes (Ctrl-C stops)")
    build.add_argument("--separations", action="store_true",
                       help="also write <layout>.<lang>.separations.pdf: one greyscale page per ink")
    build.add_argument("--format", type=_formats, default=None, metavar="LIST", dest="formats",
                       help="what screen layouts (posts, stories) write: a comma-separated list of pdf, png, "
                            "jpeg and alt (default: all four); print layouts always write their PDF")
    build.add_argument("--pdf-ua", action="store_true", dest="pdfua",
                       help="screen layouts' web PDFs claim PDF/UA-1 (accessible PDF)")
    check.add_argument("--json", action="store_true", help="the report as JSON, for scripts")

    preview = command("preview", "PNG pages (or a contact sheet) of a leaflet's PDFs")
    preview.add_argument("leaflet", type=leaflet_folder, help="the leaflet folder")
    preview.add_argument("--layout", action="append", dest="layouts", metavar="NAME", help="only this layout")
    preview.add_argument("--lang", action="append", dest="langs", metavar="CODE", type=_language_code,
                         help="only this language")
    preview.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    preview.add_argument("--dpi", type=_dpi, default=50,
                         help=f"resolution of the PNGs, {MIN_DPI:g} to {MAX_DPI:g} (default: 50)")
    preview.add_argument("--sheet", action="store_true", help="one contact sheet instead of a PNG per page")
    preview.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N", help="worker processes")

    new = command("new", "create a new leaflet folder to fill in")
    new.add_argument("name", type=Path, help="the new folder, e.g. leaflets/may-day-2025")
    new.add_argument("--lang", default="en", type=_language_code,
                     help="the main language, a BCP 47 code such as en, fa, tr, ckb (default: en)")

    fonts = command("fonts", "list which font serves each script, and where it comes from")
    fonts.add_argument("leaflet", type=leaflet_folder, nargs="?", default=None,
                       help="a leaflet folder (the working folder is searched anyway)")
    serve = command("serve", "edit a leaflet in your browser: every language side by side, live previews")
    serve.add_argument("leaflet", type=Path, nargs="?", help="the leaflet folder (created if missing)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    serve.add_argument("--lang", default="en", help="main language of a leaflet created (default en)")

    layouts = command("layouts", "list the layouts")
    layouts.add_argument("leaflet", type=leaflet_folder, nargs="?", default=None,
                         help="a leaflet folder (the working folder is searched anyway)")
    helper = sub.add_parser("help", help="show this help, or a command's: handbill help build")
    helper.add_argument("topic", nargs="?", choices=list(EXAMPLES), metavar="COMMAND",
                        help="the command to explain")
    _global_options(helper, argparse.SUPPRESS)
    return parser


def leaflet_folder(text: str) -> Path:
    """A leaflet argument: the folder, or its ``leaflet.toml`` (then its folder is meant)."""
    path = Path(text)
    if path.name == "leaflet.toml" and path.is_file():
        return path.parent
    return path


def _dpi(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not MIN_DPI <= value <= MAX_DPI:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text} is out of range: give {MIN_DPI:g} to {MAX_DPI:g} "
                                         "(72 shows a page at its printed size on most screens)")
    return value


def _language_code(text: str) -> str:
    from handbill.load.text_checks import language_problem

    problem = language_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{problem[0]}; {problem[1]}" if problem[1] else problem[0])
    return text


def _formats(text: str) -> tuple[str, ...]:
    from handbill.model import SCREEN_FORMATS

    names = tuple(dict.fromkeys(n.strip().lower().replace("jpg", "jpeg") for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in SCREEN_FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or '(none)'}: "
                                         f"give a comma-separated list of {', '.join(SCREEN_FORMATS)}")
    return names


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r} (1 to 65535)")
    return int(text)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _configure_logging(quiet: bool) -> None:
    """handbill's own loggers to stderr; other libraries' (fontTools') chatter stays off."""
    logger = logging.getLogger("handbill")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False


class Terminated(BaseException):
    """SIGTERM (``kill``): unwinds like Ctrl-C, so temporary files are removed and old PDFs stay whole."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _usable_streams() -> None:
    """Output that cannot fail: a closed stdout or stderr (``2>&-``) becomes the null device, and text a
    stream's encoding cannot hold (a non-UTF-8 locale) is written as escapes instead of ending the run."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as sys
        elif isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError, AttributeError):
                stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    _usable_streams()
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command in (None, "help"):  # bare 'handbill' and 'handbill help [COMMAND]' print help
        topic = getattr(args, "topic", None)
        if topic:
            parser.parse_args([topic, "--help"])  # exits 0 after printing the command's help
        parser.print_help()
        return 0
    if threading.current_thread() is not threading.main_thread():
        return _run(args)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _run(args)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    """Dispatch a parsed command; every error becomes one message and an exit status."""
    _configure_logging(args.quiet)
    try:
        return COMMANDS[args.command](args)
    except HandbillError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # 'handbill fonts | head': the reader has what it wanted; say nothing
        _silence_stdout()
        return 141  # 128 + SIGPIPE, what a shell tool ended by a closed pipe returns
    except Terminated:
        print("terminated", file=sys.stderr)
        return 143
    except OSError as exc:  # the file system refused something no stage turned into a message
        if args.debug:
            traceback.print_exc()
        print(os_error_text(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one message, the traceback only with --debug
        if args.debug:
            traceback.print_exc()
        print(f"error: internal error ({type(exc).__name__}: {str(exc)[:300]})\n"
              "  hint: this is a bug in handbill; please report it with the output of --debug", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """Point stdout at the null device, so Python's final flush does not report the closed pipe again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())



if __name__ == "__main__":
    sys.exit(main())
