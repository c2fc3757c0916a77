"""handbill's public Python API: leaflets in, PDF bytes and files out.

    import handbill

    leaflet = handbill.load_leaflet("leaflets/victory-day-2023")   # a leaflet folder, or:
    leaflet = handbill.leaflet_from_data(
        {"title": "May Day", "date": "2026-05-01", "lang": "en", "layouts": ["a4-flyer"],
         "slogans": [{"lang": "en", "text": "Bread and roses"}]},
        statements={"en": "# Bread and roses\\n\\nWe march on the first of May."},
    )
    plan = handbill.versions(leaflet)                            # layout x language, and what is skipped
    pdf = handbill.render_pdf(plan.versions[0])                  # PDF bytes, nothing written
    png = handbill.render_png(plan.versions[0], page=1, dpi=50)  # one page as PNG bytes
    report = handbill.build_leaflet(leaflet, "out")              # every version to out/<leaflet>/
    problems = handbill.check_leaflet(leaflet)                   # the preflight, as data

Every function raises a :class:`handbill.HandbillError` (or a subclass) for bad input, carrying
``file``, ``field`` (the key path), ``line`` and ``hint``. Fonts, layouts and shaped text stay warm
in a :class:`Session` per font catalog, so rendering again after an edit (``load_leaflet`` the folder anew)
costs only the changed text. The command line is a thin layer over the same functions.
"""

from __future__ import annotations

import datetime
import io
import tempfile
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import handbill.build as build_module
from handbill.check import run_check
from handbill.compose import Job, Skip, compose, plan_jobs
from handbill.errors import InputError
from handbill.findings import CheckReport
from handbill.load import load_leaflet as load_leaflet_folder
from handbill.model import Leaflet
from handbill.pipeline import Session, open_catalog
from handbill.project import find_catalog
from handbill.render.outputs import job_outputs

_SESSIONS: dict[Path, Session] = {}


@dataclass(frozen=True)
class Version:
    """One PDF a leaflet can give: a layout in a language (``a4-flyer.fa``)."""

    layout: str
    lang: str
    job: Job = field(repr=False, compare=False)

    @property
    def filename(self) -> str:
        """``<layout>.<lang>.pdf``, the name ``build`` writes it under."""
        return self.job.filename

    @property
    def label(self) -> str:
        """``a4-flyer.fa``."""
        return self.job.label


@dataclass(frozen=True)
class LayoutInfo:
    """A layout a leaflet can name: its name, what it is, its size, and its problem if it is broken."""

    name: str
    description: str
    size: str  # ``210 x 297 mm`` or ``1080 x 1080 px``
    error: str = ""  # why the layout cannot be used (it still shows, beside the others)


@dataclass(frozen=True)
class Plan:
    """The versions of a leaflet that will be made, and those skipped (with the file to add)."""

    leaflet: Leaflet
    versions: tuple[Version, ...]
    skipped: tuple[Skip, ...]


def load_leaflet(folder: str | Path) -> Leaflet:
    """Read and validate a leaflet folder (``leaflet.toml`` and its ``statement.<lang>.md`` files)."""
    return load_leaflet_folder(Path(folder))


def leaflet_from_data(data: Mapping[str, Any], statements: Mapping[str, str] | None = None,
              files: Mapping[str, bytes] | None = None, name: str = "leaflet") -> Leaflet:
    """A leaflet from plain data, validated exactly as a folder would be.

    Args:
        data: what ``leaflet.toml`` holds, as a dict (``title``, ``date`` as a ``datetime.date`` or
            ``"YYYY-MM-DD"``, ``lang``, ``layouts``, ``slogans``, ``signatories``, ...).
        statements: Markdown text per language code (what ``statement.<lang>.md`` holds).
        files: images and other files the leaflet names (``logo.png``), by their name in the leaflet.
        name: the leaflet's name (``build`` writes to ``OUT/<name>/``).

    The data is written to a private temporary folder that lives as long as the returned leaflet;
    messages name files in it together with the key (``slogans[2].text``) or line.
    """
    _check_name(name)
    import tomlkit

    folder = Path(tempfile.mkdtemp(prefix="handbill-data-")) / name
    folder.mkdir()
    table = dict(data)
    if isinstance(table.get("date"), str):
        try:
            table["date"] = datetime.date.fromisoformat(table["date"])
        except ValueError:
            raise InputError(f"not a date: {table['date']!r}", field="date",
                             hint="write dates as YYYY-MM-DD, e.g. 2026-05-01") from None
    try:
        text = tomlkit.dumps(table)
    except (TypeError, ValueError) as exc:
        raise InputError(f"the leaflet data cannot be written as TOML: {exc}",
                         hint="use strings, numbers, booleans, dates, lists and dicts only") from None
    (folder / "leaflet.toml").write_text(text, encoding="utf-8")
    for lang, markdown in (statements or {}).items():
        _check_name(f"statement.{lang}.md")
        (folder / f"statement.{lang}.md").write_text(markdown, encoding="utf-8")
    for file_name, content in (files or {}).items():
        _check_name(file_name)
        (folder / file_name).write_bytes(content)
    leaflet = load_leaflet_folder(folder)
    weakref.finalize(leaflet, _remove_tree, folder.parent)
    return leaflet


def versions(leaflet: Leaflet, layouts: Sequence[str] | None = None,
             langs: Sequence[str] | None = None) -> Plan:
    """The versions of a leaflet: every layout it names (or ``layouts``) in every language it has
    content for (or ``langs``); what cannot be made is listed in ``skipped`` with the reason."""
    chosen = build_module.resolve_layouts(leaflet, list(layouts) if layouts else None)
    jobs, skips = plan_jobs(leaflet, chosen, list(langs) if langs else None, explicit_layouts=bool(layouts))
    return Plan(leaflet, tuple(Version(job.layout.name, job.lang, job) for job in jobs), tuple(skips))


def available_layouts(folder: str | Path | None = None) -> list[LayoutInfo]:
    """Every layout a leaflet in ``folder`` can name (the nearest file of each name, in the search order of
    ``handbill layouts``), sorted by name; a broken layout is listed with its error."""
    from handbill.load import survey_layouts
    from handbill.model import MM
    from handbill.project import search_folders

    result = []
    for entry in survey_layouts(search_folders("layouts", Path(folder) if folder is not None else None)):
        layout = entry.layout
        if layout is None:
            result.append(LayoutInfo(entry.name, "", "", str(entry.error)))
        elif layout.screen is not None:
            result.append(LayoutInfo(entry.name, layout.description, "{} x {} px".format(*layout.screen.pixels)))
        else:
            result.append(LayoutInfo(entry.name, layout.description,
                                     f"{layout.width / MM:.0f} x {layout.height / MM:.0f} mm"))
    return result


def render_pdf(version: Version, session: Session | None = None) -> bytes:
    """One version as PDF bytes (nothing is written to disk)."""
    session = session or session_for(version.job.leaflet)
    document = compose(version.job, session.setter)
    ((_, pdf),) = job_outputs(document, version.filename)
    return pdf


def render_png(version: Version, page: int = 1, dpi: float = 50, session: Session | None = None) -> bytes:
    """One page (1-based) of a version as PNG bytes, rendered in this process with pypdfium2."""
    if not 10 <= dpi <= 600:
        raise InputError(f"dpi {dpi:g} is out of range", hint="use 10 to 600 (50 suits a screen preview)")
    import pypdfium2

    document = pypdfium2.PdfDocument(render_pdf(version, session))
    try:
        if not 1 <= page <= len(document):
            raise InputError(f"{version.label} has {len(document)} page(s), not {page}")
        image = document[page - 1].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def page_count(version: Version, session: Session | None = None) -> int:
    """How many pages a version has: its composed pages, counted without rendering the PDF (the PDF has
    one page for each)."""
    session = session or session_for(version.job.leaflet)
    return len(compose(version.job, session.setter).pages)


def build_leaflet(leaflet: Leaflet, out_dir: str | Path = "out", layouts: Sequence[str] | None = None,
          langs: Sequence[str] | None = None, workers: int = 1, separations: bool = False) -> build_module.BuildReport:
    """Write every version of a leaflet to ``out_dir/<leaflet name>/``; a job that fails is reported in
    the result (``report.failed``) and does not stop the others."""
    return build_module.build(leaflet.folder, list(layouts) if layouts else None, list(langs) if langs else None,
                        Path(out_dir), workers=workers, separations=separations)


def check_leaflet(leaflet: Leaflet, layouts: Sequence[str] | None = None, langs: Sequence[str] | None = None,
          strict: bool = False, session: Session | None = None) -> CheckReport:
    """The preflight (``handbill check``) as data: ``report.findings`` each with severity, topic,
    message, job, where and hint; ``report.exit_code()`` as the command line would return. ``session``
    (``session_for(leaflet)``) reuses fonts and shaped text already warm from rendering."""
    return run_check(leaflet.folder, list(layouts) if layouts else None, list(langs) if langs else None,
                     strict=strict, session=session)


def session_for(leaflet: Leaflet) -> Session:
    """The warm session (font catalog, shaped text) for the catalog a leaflet sees; one per catalog."""
    key = find_catalog(leaflet.folder).resolve()
    session = _SESSIONS.get(key)
    if session is None:
        session = _SESSIONS[key] = Session.for_catalog(open_catalog(leaflet.folder))
    return session


def _check_name(name: str) -> None:
    """A plain file name: no folders, nothing hidden, nothing that leaves the leaflet folder."""
    pure = PurePosixPath(name)
    if not name or len(pure.parts) != 1 or name.startswith(".") or "\\" in name or "\x00" in name:
        raise InputError(f"not a plain file name: {name!r}", hint="use a name like logo.png, without folders")


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)

