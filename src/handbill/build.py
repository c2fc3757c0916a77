"""The pipeline for one leaflet: load, plan, compose, render, write. The CLI and tests call this."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handbill.batch import JobOutcome, run_jobs
from handbill.compose import Job, Skip, compose, plan_jobs
from handbill.errors import BuildWarning, HandbillError, InputError
from handbill.fonts.catalog import FontCatalog, load_catalog
from handbill.load import find_layout, load_layout, load_leaflet
from handbill.load.text_checks import language_problem
from handbill.model import Layout, Leaflet
from handbill.project import find_catalog, layout_search_path
from handbill.render.outputs import job_outputs
from handbill.render.write import write_atomic
from handbill.report import Progress
from handbill.text.paragraph import Typesetter
from handbill.text.script import language_script
from handbill.text.shape import harfbuzz_available

NEEDS_HARFBUZZ = {"ckb": "Kurdish (Sorani)", "ur": "Urdu", "ps": "Pashto", "sd": "Sindhi", "ug": "Uyghur"}


@dataclass
class BuildReport:
    """The outcome of a build: one outcome per job (in job order), skipped versions and warnings."""

    leaflet: Leaflet
    results: list[JobOutcome] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[BuildWarning] = field(default_factory=list)

    @property
    def failed(self) -> list[JobOutcome]:
        """Jobs that ended in an error."""
        return [r for r in self.results if not r.ok]

    @property
    def written(self) -> list[Path]:
        """Files written (each job's PDF first, then its imposed sheet or separations)."""
        return [path for r in self.results for path in r.paths]


@dataclass
class Session:
    """What jobs share within one process: the font catalog and the typesetter's caches."""

    catalog: FontCatalog
    setter: Typesetter

    @classmethod
    def for_leaflet(cls, folder: Path) -> Session:
        catalog = load_catalog(find_catalog(folder))
        return cls(catalog, Typesetter(catalog))


def resolve_layouts(leaflet: Leaflet, names: list[str] | None) -> list[Layout]:
    """The layouts to build: those named on the command line, else those the leaflet lists."""
    search = layout_search_path(leaflet.folder)
    layouts = []
    for name in names or list(leaflet.layouts):
        try:
            path = find_layout(name, search)
        except HandbillError as exc:
            if not names:  # named in leaflet.toml
                raise HandbillError(exc.message, file=leaflet.folder / "leaflet.toml", field="layouts",
                                    hint=exc.hint) from None
            raise
        layouts.append(load_layout(path, search))
    return layouts


def plan(folder: Path, layouts: list[str] | None = None, langs: list[str] | None = None
         ) -> tuple[Leaflet, list[Job], list[Skip]]:
    """Load a leaflet and plan its jobs; languages asked for that give no version at all are an error."""
    for code in langs or []:
        problem = language_problem(code)
        if problem is not None:
            raise InputError(f"--lang {code}: {problem[0]}", hint=problem[1])
    leaflet = load_leaflet(folder)
    chosen = resolve_layouts(leaflet, layouts)
    jobs, skips = plan_jobs(leaflet, chosen, langs, explicit_layouts=bool(layouts))
    if langs and not jobs:
        reasons = "; ".join(f"{s.layout}.{s.lang}: {s.reason}" for s in skips)
        raise InputError(f"nothing to build in {', '.join(langs)}: {reasons}",
                         hint="add the missing file or slogan, or ask for a language the leaflet has")
    return leaflet, jobs, skips


def shaper_warnings(jobs: list[Job]) -> list[BuildWarning]:
    """Without HarfBuzz, languages whose letters have no presentation forms cannot join correctly."""
    if harfbuzz_available():
        return []
    warnings = []
    langs = sorted({lang for job in jobs for lang in _job_languages(job)})
    for lang in langs:
        base = lang.split("-")[0]
        if base in NEEDS_HARFBUZZ:
            warnings.append(BuildWarning(f"{NEEDS_HARFBUZZ[base]} ('{lang}') needs HarfBuzz to join correctly: "
                                         "install uharfbuzz"))
        elif language_script(lang) not in ("Latn", "Grek", "Cyrl", "Arab"):
            warnings.append(BuildWarning(f"'{lang}' is set without HarfBuzz: install uharfbuzz for correct shaping"))
    return warnings


def _job_languages(job: Job) -> set[str]:
    return {job.lang, *(s.lang for s in job.leaflet.slogans)}


def run_job(job: Job, session: Session, out_dir: Path, separations: bool = False) -> list[Path]:
    """Compose, render and (atomically) write one job: its PDF, plus the imposed sheet when the layout
    asks for one and one greyscale page per ink with separations. Returns the paths written."""
    document = compose(job, session.setter)
    outputs = job_outputs(document, job.filename, job.layout.imposition, separations)
    paths = []
    for name, data in outputs:
        path = out_dir / job.leaflet.name / name
        write_atomic(path, data)
        paths.append(path)
    return paths


def build(folder: Path, layouts: list[str] | None = None, langs: list[str] | None = None,
          out_dir: Path = Path("out"), workers: int = 1,
          progress: Progress | None = None, separations: bool = False) -> BuildReport:
    """Build every planned version of a leaflet; load and plan errors raise, job errors are reported.

    Args:
        workers: processes to run jobs in (1 runs them here, in order).
        progress: told the number of jobs, then each outcome as it finishes.
        separations: also write ``<layout>.<lang>.separations.pdf``, one greyscale page per ink.
    """
    leaflet, jobs, skips = plan(Path(folder), layouts, langs)
    report = BuildReport(leaflet, skipped=skips, warnings=shaper_warnings(jobs))
    if progress is not None:
        progress.start(len(jobs))
    report.results = run_jobs(jobs, out_dir, workers, progress, separations)
    return report
