"""One job through the pipeline inside one process: compose, render, write.

``Session`` holds what jobs share within a process (the font catalog, the typesetter's caches);
``run_job`` takes one planned job to files on disk; ``JobOutcome`` is what a job's run reports, in
plain data that crosses process boundaries. This module sits below ``build``, ``batch``, ``check``
and ``report``, which all use it and none of which it imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handbill import languages
from handbill.compose import Job, compose
from handbill.compose.content import version_notices as content_notices
from handbill.errors import BuildWarning
from handbill.fonts.catalog import FontCatalog, load_catalog
from handbill.languages import script_is_rtl
from handbill.model import MM, ComposedDocument, Layout, Leaflet, Notice, PlacedImage
from handbill.project import find_catalog, font_folders
from handbill.render.outputs import job_outputs
from handbill.render.write import write_atomic
from handbill.text.paragraph import Typesetter
from handbill.text.script import is_usual_script, language_script, script_name, written_script
from handbill.text.shape import harfbuzz_available


@dataclass(frozen=True)
class JobOutcome:
    """What happened to one job, in plain data that crosses process boundaries."""

    layout: str
    lang: str
    paths: tuple[Path, ...]
    error: str | None
    seconds: float
    warnings: tuple[str, ...] = ()  # what the composed version showed (document_notices), as check reports it

    @property
    def path(self) -> Path | None:
        """The job's main PDF, if written."""
        return self.paths[0] if self.paths else None

    @property
    def label(self) -> str:
        """``a3-poster.fa``."""
        return f"{self.layout}.{self.lang}"

    @property
    def ok(self) -> bool:
        """True when the job succeeded."""
        return self.error is None


@dataclass
class Session:
    """What jobs share within one process: the font catalog and the typesetter's caches."""

    catalog: FontCatalog
    setter: Typesetter

    @classmethod
    def for_leaflet(cls, folder: Path) -> Session:
        """A session with the font catalog a leaflet folder sees (see handbill/project.py)."""
        return cls.for_catalog(open_catalog(folder))

    @classmethod
    def for_catalog(cls, catalog: FontCatalog) -> Session:
        """A session setting text with a catalog already loaded."""
        return cls(catalog, Typesetter(catalog))


def open_catalog(leaflet: Path | None) -> FontCatalog:
    """The nearest font catalog, finding font files in every fonts/ folder of the search order."""
    return load_catalog(find_catalog(leaflet), tuple(font_folders(leaflet)))


def shaper_warnings(jobs: list[Job]) -> list[BuildWarning]:
    """Without HarfBuzz, languages whose letters have no presentation forms cannot join correctly."""
    if harfbuzz_available():
        return []
    warnings = []
    langs = sorted({lang for job in jobs for lang in _job_languages(job)})
    for lang in langs:
        if not languages.needs_harfbuzz(lang):
            continue
        if languages.info(lang).script == "Arab":
            warnings.append(BuildWarning(f"{languages.name(lang)} ('{lang}') needs HarfBuzz to join correctly: "
                                         "install uharfbuzz"))
        else:
            warnings.append(BuildWarning(f"'{lang}' is set without HarfBuzz: install uharfbuzz for correct shaping"))
    return warnings


def version_notices(job: Job) -> list[Notice]:
    """What a version prints in another language, and leaflet content its layout cannot show."""
    return content_notices(job.leaflet, job.layout, job.lang)


def build_notices(jobs: list[Job]) -> list[BuildWarning]:
    """Every notice ``check`` reports as a warning, for ``build`` to print: the statements' (once) and each
    version's, a message shared by several versions once with their names.

    A line that falls back to the main language's in several languages (the seed's posters in eleven
    languages with no translated organisation) is one warning per line listing every version, instead of
    one per line and language: the same findings, readable (check keeps them per version, at their key).
    """
    if not jobs:
        return []
    found: dict[str, list[str]] = {str(notice): [] for notice in jobs[0].leaflet.warnings}
    fallbacks: dict[tuple[Path | None, str], dict[str, tuple[Notice, list[str]]]] = {}
    for job in jobs:
        for notice in version_notices(job):
            match = _FALLBACK.fullmatch(notice.field)
            if match:
                by_lang = fallbacks.setdefault((notice.file, match["key"]), {})
                by_lang.setdefault(match["lang"], (notice, []))[1].append(job.layout.name)
            else:
                found.setdefault(str(notice), []).append(job.label)
    for by_lang in fallbacks.values():
        if len(by_lang) == 1:  # one language: its own message, as check prints it
            [(lang, (notice, layouts))] = by_lang.items()
            found.setdefault(str(notice), []).extend(f"{layout}.{lang}" for layout in layouts)
        else:
            found[str(_grouped_fallback(by_lang))] = []
    return [BuildWarning(text, ", ".join(labels)) for text, labels in found.items()]


_FALLBACK = re.compile(r"translations\.(?P<lang>[^.]+)\.(?P<key>title|organisation|place_date)")
_FALLBACK_WHAT = {"title": "headline", "organisation": "organisation", "place_date": "place_date"}


def _grouped_fallback(by_lang: dict[str, tuple[Notice, list[str]]]) -> Notice:
    """One notice for a line several languages print in the main language: every version named, grouped
    by the layouts they are in (``a3-poster: tr, ar, fa; a3-poster and a4-flyer: de``)."""
    first = next(iter(by_lang.values()))[0]
    match = _FALLBACK.fullmatch(first.field)
    assert match is not None
    key = match["key"]
    main = first.message.rsplit(" in ", 1)[1].split(" (")[0]  # "... prints its headline in 'en' (why)"
    groups: dict[tuple[str, ...], list[str]] = {}
    for lang, (notice, layouts) in by_lang.items():
        why = notice.message.split(" (", 1)[1].rstrip(")") if " (" in notice.message else ""
        groups.setdefault(tuple(dict.fromkeys(layouts)), []).append(f"{lang} ({why})" if why else lang)
    listed = "; ".join(f"{' and '.join(layouts)}: {', '.join(langs)}" for layouts, langs in groups.items())
    hint = first.hint
    for lang in by_lang:
        hint = hint.replace(f"statement.{lang}.md", "statement.<lang>.md").replace(
            f"[translations.{lang}]", "[translations.<lang>]")
    head, _, note = hint.partition(" (")
    return Notice(f"{len(by_lang)} languages print the {_FALLBACK_WHAT[key]} in {main}: {listed}", file=first.file,
                  field=f"translations.<lang>.{key}",
                  hint=f"{head} for each language listed" + (f" ({note}" if note else ""))


def script_warnings(jobs: list[Job]) -> list[BuildWarning]:
    """Statements plainly written in another script than their language code's usual one (``ckb`` in
    Latin letters): they are set in the text's script and direction, and the build says so."""
    warnings = []
    seen: set[str] = set()
    for job in jobs:
        statement = job.leaflet.statements.get(job.lang)
        if statement is None or job.lang in seen:
            continue
        seen.add(job.lang)
        written = written_script(" ".join(block.text for block in statement.blocks))
        usual = language_script(job.lang)
        if written is not None and not is_usual_script(written, job.lang):
            direction = "right to left" if script_is_rtl(written) else "left to right"
            warnings.append(BuildWarning(
                f"{statement.path.name} is written in {script_name(written)} script, not {script_name(usual)} as "
                f"'{job.lang}' usually is: set in {script_name(written)}, {direction}; name the script in the "
                f"code ({languages.with_script(job.lang, written)}) to say so"))
    return warnings


def _job_languages(job: Job) -> set[str]:
    return {job.lang, *(s.lang for s in job.leaflet.slogans)}


def document_notices(document: ComposedDocument, layout: Layout, leaflet: Leaflet | None = None) -> list[Notice]:
    """What a composed version shows that is worth a warning, reported by check and build alike: a block
    that fits only at its smallest size, images under the layout's minimum resolution at their printed size.
    The leaflet's own ``logo`` or ``photo`` is named at its key in leaflet.toml (the same words for every
    version, so the warning is given once); an image the layout brings is named at its frame."""
    found = list(document.notices)
    own: dict[Path, str] = {}
    if leaflet is not None:
        pictures = (("logo", leaflet.logo), ("photo", leaflet.photo))
        own = {(leaflet.folder / name).resolve(): key for key, name in pictures if name}
    minimum = document.output.min_image_dpi
    for page in document.pages:
        for item in page.items:
            if isinstance(item, PlacedImage) and item.dpi < minimum - 0.5:
                needed = f"{round(item.width / 72 * minimum)} x {round(item.height / 72 * minimum)}"
                key = own.get(item.path.resolve(), "")
                found.append(Notice(f"{item.path.name}: {item.dpi:.0f} dpi at its printed size "
                                    f"({item.width / MM:.0f} x {item.height / MM:.0f} mm), under {minimum:g} dpi",
                                    file=leaflet.folder / "leaflet.toml" if key and leaflet else layout.path,
                                    field=key or item.key,
                                    hint=f"use an image of at least {needed} pixels, or print it smaller"))
    return found


def run_job(job: Job, session: Session, out_dir: Path, separations: bool = False,
            notices: list[Notice] | None = None) -> list[Path]:
    """Compose, render and (atomically) write one job: its PDF, plus the imposed sheet when the layout
    asks for one and one greyscale page per ink with separations. Returns the paths written; what the
    composed version shows that is worth a warning is added to ``notices``."""
    document = compose(job, session.setter)
    if notices is not None:
        notices.extend(document_notices(document, job.layout, job.leaflet))
    outputs = job_outputs(document, job.filename, job.layout.imposition, separations, job.layout.screen, job.screen)
    paths = []
    for name, data in outputs:
        path = out_dir / job.leaflet.name / name
        write_atomic(path, data)
        paths.append(path)
    return paths
