"""What each command does, once its arguments are parsed: one handler per command (``COMMANDS``).

cli.py parses the command line and turns errors into exit statuses; the handlers here call the public
stages (``build``, ``check``, ``preview``, ``scaffold``, ``serve``) and print what they report. Each
imports its stage when it runs, so ``handbill --help`` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from handbill.errors import HandbillError

if TYPE_CHECKING:
    from handbill.fonts.catalog import FontCatalog
    from handbill.model import Layout


def os_error_text(exc: OSError) -> str:
    """An error the file system raised, as the one line a user reads: ``error: FILE: reason``."""
    where = f"{exc.filename}: " if exc.filename else ""
    return f"error: {where}{(exc.strerror or str(exc)).lower()}"


def _build_or_watch(args: argparse.Namespace) -> int:
    if not args.watch:
        return _build(args)
    from handbill.project import layout_search_path
    from handbill.watch import watch

    def rebuild() -> None:
        try:
            _build(args)
        except HandbillError as exc:
            print(f"error: {exc}", file=sys.stderr)
        except OSError as exc:  # a file vanished or was refused mid-build: report it and keep watching
            print(os_error_text(exc), file=sys.stderr)
        print("watching for changes (Ctrl-C to stop)", file=sys.stderr)

    watch([args.leaflet, *layout_search_path(args.leaflet)], rebuild)
    return 0


def _check(args: argparse.Namespace) -> int:
    from handbill.check import error_report, run_check

    try:
        report = run_check(args.leaflet, args.layouts, args.langs, strict=args.strict, condition=args.condition)
    except HandbillError as exc:
        if not args.json:
            raise
        report = error_report(args.leaflet, exc)  # --json: scripts get JSON whatever happened
    except Exception as exc:
        if not args.json or args.debug:
            raise
        report = error_report(args.leaflet, HandbillError(
            f"internal error ({type(exc).__name__}: {str(exc)[:300]})",
            hint="this is a bug in handbill; please report it with the output of --debug"))
    print(report.to_json() if args.json else report.to_text(quiet=args.quiet))
    return report.exit_code()


def _workers(args: argparse.Namespace) -> int:
    """--jobs, capped at the number of cores (more processes only compete for them and for memory)."""
    from handbill.batch import MAX_WORKERS, worker_limit

    limit = worker_limit()
    if args.jobs is not None and args.jobs > limit:
        if not getattr(args, "_jobs_noted", False):
            print(f"note: --jobs {args.jobs}: using {limit} worker processes (the number of cores here, "
                  f"at most {MAX_WORKERS})", file=sys.stderr)
            args._jobs_noted = True
        return limit
    return args.jobs or limit


def _build(args: argparse.Namespace) -> int:
    from handbill.build import build
    from handbill.report import Progress, stream_can_encode, summary_table

    progress = Progress(quiet=args.quiet)
    from handbill.model import SCREEN_FORMATS, ScreenOptions

    screen = ScreenOptions(args.formats or SCREEN_FORMATS, args.pdfua)
    report = build(args.leaflet, args.layouts, args.langs, args.out, workers=_workers(args),
                   progress=progress, separations=args.separations, screen=screen, condition=args.condition,
                   strict=args.strict)
    if args.quiet and report.warnings:  # errors only, but not a silent build: how many warnings were hidden
        count = len(report.warnings)
        print(f"{count} warning{'s' * (count != 1)} not shown (-q): run without -q, or handbill check, to read "
              f"{'them' if count != 1 else 'it'}", file=sys.stderr)
    for warning in [] if args.quiet else report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    table = summary_table(report.results, report.skipped, unicode=stream_can_encode(sys.stdout, "✓·✗"))
    if args.quiet:
        table = "\n".join(line for line in table.splitlines() if line.startswith("failed"))
    if table:
        print(table)
    for path in report.tidied.removed:
        print(f"removed  {path} (an earlier build wrote it; this one no longer makes it)", file=sys.stderr)
    if report.tidied.foreign and not args.quiet:
        names = ", ".join(path.name for path in report.tidied.foreign[:10])
        more = f" and {len(report.tidied.foreign) - 10} more" if len(report.tidied.foreign) > 10 else ""
        print(f"note: {report.tidied.foreign[0].parent} also holds {names}{more}, which no build of this leaflet "
              "wrote: remove them if they are out of date", file=sys.stderr)
    if args.strict and report.warnings:  # found while composing (an image under its resolution)
        print(f"error: {len(report.warnings)} warning{'s' * (len(report.warnings) != 1)} and --strict",
              file=sys.stderr)
        return 1
    return 1 if report.failed else 0


def _preview(args: argparse.Namespace) -> int:
    from handbill.build import build
    from handbill.preview import write_previews

    report = build(args.leaflet, args.layouts, args.langs, args.out, workers=_workers(args))
    for outcome in report.failed:
        print(f"failed   {outcome.label}: {outcome.error}", file=sys.stderr)
    folder = args.out / report.leaflet.name / "preview"
    pdfs = [path for path in report.written if path.suffix == ".pdf"]  # not a screen layout's images
    for path in write_previews(pdfs, folder, args.dpi, args.sheet):
        print(f"preview  {path}")
    return 1 if report.failed else 0


def _new(args: argparse.Namespace) -> int:
    from handbill.scaffold import new_leaflet

    for path in new_leaflet(args.name, args.lang):
        print(f"created  {path}")
    print(f"next: edit them, then run: handbill build {args.name}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from handbill.scaffold import new_leaflet
    from handbill.serve import serve

    folder: Path | None = args.leaflet
    if folder is not None and not (folder / "leaflet.toml").is_file():
        if folder.exists() and not folder.is_dir():
            raise HandbillError("not a folder", file=folder, hint="give a leaflet folder (holding leaflet.toml)")
        for path in new_leaflet(folder, args.lang):  # refuses a folder that holds other files
            print(f"created  {path}")
    serve(folder, args.host, args.port)
    return 0


def _fonts(args: argparse.Namespace) -> int:
    from handbill.fonts.catalog import STYLES
    from handbill.pipeline import open_catalog

    catalog = open_catalog(args.leaflet)
    print(f"catalog: {catalog.path}")
    chains = [(f"script {script}", names) for script, names in sorted(catalog.scripts.items())]
    chains += [(f"language {lang}", names) for lang, names in sorted(catalog.languages.items())]
    for label, names in chains:
        print(f"{label}: {' > '.join(names)}")
        spec = catalog.families[names[0]]  # the family that serves it; the others are fallbacks
        for style in STYLES:
            file_name, used = spec.file_for(style)
            path = catalog.locate(file_name)
            note = "" if used == style else f" (substitute: {used})"
            where = str(path) if path else "NOT INSTALLED"
            print(f"  {names[0]:<22} {style:<12} {where}{note}  [{spec.source}]")
    _discovered_fonts(catalog)
    return 0


def _discovered_fonts(catalog: FontCatalog) -> None:
    """What fontconfig discovery chooses for the world's scripts that the catalog has no chain for."""
    from handbill.fonts.catalog import STYLES
    from handbill.fonts.discover import SAMPLES, fontconfig_available

    if not catalog.discover:
        print("discovery: off (discover = false in the catalog)")
        return
    if not fontconfig_available():
        print("discovery: off (fontconfig's fc-list is not installed: Debian package fontconfig)")
        return
    print("discovered through fontconfig, for scripts the catalog does not list:")
    langs = {"Hani": ["zh", "zh-Hant", "ja"], "Hang": ["ko"], "Hira": ["ja"], "Kana": ["ja"]}
    for script in sorted(SAMPLES):
        if script in catalog.scripts:
            continue
        for lang in langs.get(script, [""]):
            label = f"script {script}" + (f" ({lang})" if lang else "")
            faces = [(style, catalog.discover_face(script, style, lang)) for style in STYLES]
            if all(face is None for _, face in faces):
                print(f"{label}: none installed")
                continue
            print(f"{label}:")
            for style, face in faces:
                where = f"{face.path}" + (f" #{face.index}" if face.index else "") if face else "NOT FOUND"
                name = face.family if face else ""
                print(f"  {name:<22} {style:<12} {where}  [discovered]")


def _layouts(args: argparse.Namespace) -> int:
    from handbill.load import survey_layouts
    from handbill.model import MM
    from handbill.project import search_folders

    folders = search_folders("layouts", args.leaflet)
    print("layouts are looked for in, nearest first:")
    for folder in folders:
        print(f"  {folder.origin:<15} {folder.path}")
    broken = 0
    for entry in survey_layouts(folders):
        if entry.layout is not None:
            size = f"{entry.layout.width / MM:.0f} x {entry.layout.height / MM:.0f} mm"
            if entry.layout.screen is not None:
                size = "{} x {} px".format(*entry.layout.screen.pixels)
            print(f"{entry.name:<18} {size:<16} {entry.layout.description}")
            shows = _picture_frames(entry.layout)
            if shows:
                print(f"{'':<18} has frames for: {shows}")
        else:
            broken += 1
            print(f"{entry.name:<18} BROKEN: {entry.error}")
        print(f"{'':<18} from {entry.origin}: {entry.path}")
        for path in entry.overrides:
            print(f"{'':<18} (overrides {path})")
    return 1 if broken else 0


def _picture_frames(layout: Layout) -> str:
    """The leaflet content beyond text a layout has frames for: ``logo, QR code (url)``."""
    blocks = {frame.block for page in (*layout.pages, *layout.long_pages) for frame in page.frames}
    names = {"logo": "logo", "photo": "photo", "qr": "QR code (url)"}
    return ", ".join(label for block, label in names.items() if block in blocks)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build_or_watch, "check": _check, "preview": _preview, "new": _new, "fonts": _fonts,
    "layouts": _layouts, "serve": _serve}
