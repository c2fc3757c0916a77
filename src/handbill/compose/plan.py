"""Planning: which (layout, language) versions a leaflet has, and why others are skipped."""

from __future__ import annotations

from dataclasses import dataclass, field

from handbill import languages
from handbill.errors import InputError
from handbill.load.text_checks import language_problem
from handbill.model import Layout, Leaflet, ScreenOptions


@dataclass(frozen=True)
class Job:
    """One PDF to make."""

    leaflet: Leaflet
    layout: Layout
    lang: str
    screen: ScreenOptions = field(default_factory=ScreenOptions)  # the files a screen layout writes

    @property
    def filename(self) -> str:
        """``<layout>.<lang>.pdf``."""
        return f"{self.layout.name}.{self.lang}.pdf"

    @property
    def label(self) -> str:
        """``a3-poster.fa`` for logs."""
        return f"{self.layout.name}.{self.lang}"


@dataclass(frozen=True)
class Skip:
    """A version not made, with the reason."""

    layout: str
    lang: str
    reason: str


def version_languages(leaflet: Leaflet, layout: Layout) -> list[str]:
    """The languages a layout has content for: statements, or slogans for slogan-driven layouts."""
    if layout.versions == "slogans":
        langs = [s.lang for s in leaflet.slogans]
    else:
        langs = sorted(leaflet.statements, key=lambda code: (code != leaflet.lang, code))
    if leaflet.languages:
        langs = [code for code in langs if code in leaflet.languages]
    return langs


def _all_languages(leaflet: Leaflet) -> list[str]:
    ordered = [leaflet.lang, *(s.lang for s in leaflet.slogans), *sorted(leaflet.statements)]
    return list(dict.fromkeys(ordered))


def missing_reason(leaflet: Leaflet, layout: Layout, lang: str) -> str:
    """Why a layout has no version in a language, saying which file to add."""
    have = [s.lang for s in leaflet.slogans] if layout.versions == "slogans" else list(leaflet.statements)
    # a close version the leaflet does have (fa beside Dari's fa-AF, zh beside zh-Hant): name it, as a
    # volunteer who typed --lang fa for the Dari flyer expects
    near = [code for code in dict.fromkeys(have) if code != lang and code.split("-")[0] == lang.split("-")[0]]
    also = "; the leaflet has " + ", ".join(f"'{code}' ({languages.name(code)})" for code in near) if near else ""
    if layout.versions == "slogans":
        return (f"no slogan in '{lang}': add a [[slogans]] entry with lang = \"{lang}\" to "
                f"{leaflet.folder}/leaflet.toml{also}")
    return f"no statement in '{lang}': add {leaflet.folder}/statement.{lang}.md{also}"


def plan_jobs(leaflet: Leaflet, layouts: list[Layout], langs: list[str] | None = None,
              explicit_layouts: bool = False) -> tuple[list[Job], list[Skip]]:
    """Jobs for every layout x language with content; the rest as skips with reasons.

    A language code that is not one, a language asked for explicitly together with an explicit layout that
    cannot make it, and languages asked for that give no version at all are errors (``check`` and ``build``
    both plan here, so they refuse the same requests with the same words).
    """
    for code in langs or []:
        problem = language_problem(code)
        if problem is not None:
            raise InputError(f"--lang {code}: {problem[0]}", hint=problem[1])
    # --lang per is 'fa'; --lang fa is the 'fa-IR' version when the leaflet uses both codes (load/versions.py)
    langs = [leaflet.aliases.get(canonical, canonical) for canonical in map(languages.canonical, langs)] \
        if langs else langs
    jobs: list[Job] = []
    skips: list[Skip] = []
    for layout in layouts:
        available = version_languages(leaflet, layout)
        wanted = langs if langs else _all_languages(leaflet)
        for lang in wanted:
            if lang in available:
                jobs.append(Job(leaflet, layout, lang))
                continue
            reason = missing_reason(leaflet, layout, lang)
            if langs and explicit_layouts and len(layouts) == 1 and len(langs) == 1:
                raise InputError(f"cannot build {layout.name} in '{lang}': {reason}")
            skips.append(Skip(layout.name, lang, reason))
    _one_job_per_file(jobs)
    if langs and not jobs:
        reasons = "; ".join(f"{s.layout}.{s.lang}: {s.reason}" for s in skips)
        raise InputError(f"nothing to build in {', '.join(langs)}: {reasons}",
                         hint="add the missing file or slogan, or ask for a language the leaflet has")
    return jobs, skips


def _one_job_per_file(jobs: list[Job]) -> None:
    """Two layouts of one name (from different folders) would write the same file: an error, not a race."""
    seen: dict[str, Job] = {}
    for job in jobs:
        other = seen.setdefault(job.filename, job)
        if other is not job:
            raise InputError(f"two layouts would both write {job.filename}: {other.layout.path} and {job.layout.path}",
                             hint="name each layout once, and give layout files of the same name different names")
