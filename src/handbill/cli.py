"""The command line: ``handbill build``, ``check``, ``fonts``, ``layouts``.

    handbill build leaflets/victory-day-2023 [--layout a3-poster] [--lang fa] [--out out]

Exit status 0 on success, 1 when a job failed or input is invalid, 2 for usage errors. Errors are one
message each (file, key path, what to do); ``--debug`` shows the traceback too.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from handbill import __version__
from handbill.errors import HandbillError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbill", description="Multilingual statements into print-ready PDFs.")
    parser.add_argument("--version", action="version", version=f"handbill {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="make the PDFs of a leaflet")
    check = sub.add_parser("check", help="run everything but writing, and report")
    for command in (build, check):
        command.add_argument("leaflet", type=Path, help="the leaflet folder (holding leaflet.toml)")
        command.add_argument("--layout", action="append", dest="layouts", metavar="NAME",
                             help="only this layout (repeatable)")
        command.add_argument("--lang", action="append", dest="langs", metavar="CODE",
                             help="only this language (repeatable)")
        command.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                             help="worker processes (default: the number of cores)")
    build.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")

    fonts = sub.add_parser("fonts", help="list which font serves each script, and where it comes from")
    fonts.add_argument("leaflet", type=Path, nargs="?", default=Path("."), help="a leaflet or project folder")
    layouts = sub.add_parser("layouts", help="list the layouts")
    layouts.add_argument("leaflet", type=Path, nargs="?", default=Path("."), help="a leaflet or project folder")
    return parser


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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    _configure_logging(args.quiet)
    try:
        if args.command in ("build", "check"):
            return _build(args, write=args.command == "build")
        if args.command == "fonts":
            return _fonts(args)
        return _layouts(args)
    except HandbillError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _build(args: argparse.Namespace, write: bool) -> int:
    from handbill.build import build
    from handbill.report import Progress, stream_can_encode, summary_table

    from handbill.batch import default_workers

    progress = Progress(quiet=args.quiet)
    args.jobs = args.jobs or default_workers()
    report = build(args.leaflet, args.layouts, args.langs, getattr(args, "out", Path("out")), write=write,
                   workers=args.jobs, progress=progress)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    table = summary_table(report.results, report.skipped, unicode=stream_can_encode(sys.stdout, "✓·✗"))
    if args.quiet:
        table = "\n".join(line for line in table.splitlines() if line.startswith("failed"))
    if table:
        print(table)
    return 1 if report.failed else 0


def _fonts(args: argparse.Namespace) -> int:
    from handbill.fonts.catalog import STYLES, load_catalog
    from handbill.project import find_catalog

    catalog = load_catalog(find_catalog(args.leaflet))
    print(f"catalog: {catalog.path}")
    for script in sorted(catalog.scripts):
        print(f"{script}:")
        for family in catalog.family_names(script) if script != "default" else catalog.scripts["default"]:
            spec = catalog.families[family]
            for style in STYLES:
                file_name, used = spec.file_for(style)
                path = catalog.locate(file_name)
                note = "" if used == style else f" (substitute: {used})"
                where = str(path) if path else "NOT INSTALLED"
                print(f"  {family:<22} {style:<12} {where}{note}  [{spec.source}]")
            if script != "default":
                break  # the first family serves the script; `fonts --all` could list the chain
    return 0


def _layouts(args: argparse.Namespace) -> int:
    from handbill.load.layout import list_layouts
    from handbill.model import MM
    from handbill.project import layout_search_path

    for layout in list_layouts(layout_search_path(args.leaflet)):
        size = f"{layout.width / MM:.0f} x {layout.height / MM:.0f} mm"
        print(f"{layout.name:<18} {size:<16} {layout.description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
