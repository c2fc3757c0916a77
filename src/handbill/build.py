"""The pipeline for one leaflet: load, plan, compose, render, write. The CLI and tests call this."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from handbill.batch import run_jobs
from handbill.cache import check_cache
from handbill.compose import Job, Skip, plan_jobs
from handbill.errors import BuildWarning, HandbillError, InputError
from handbill.load import find_layout, load_layout, load_leaflet
from handbill.load.layout import with_condition
from handbill.load.text_checks import language_problem
from handbill.model import Layout, Leaflet, ScreenOptions
from handbill.pipeline import JobOutcome, build_notices, shaper_warnings
from handbill.project import layout_search_path
from handbill.render.write import output_lock
from handbill.report import Progress

_log = logging.getLogger("handbill")


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


def resolve_layouts(leaflet: Leaflet, names: list[str] | None, condition: str | None = None) -> list[Layout]:
    """The layouts to build: those named on the command line, else those the leaflet lists; printing for
    ``condition`` (``--condition FOGRA39``) when given."""
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
        layout = load_layout(path, search)
        layouts.append(with_condition(layout, condition) if condition else layout)
    return layouts


def plan(folder: Path, layouts: list[str] | None = None, langs: list[str] | None = None,
         condition: str | None = None) -> tuple[Leaflet, list[Job], list[Skip]]:
    """Load a leaflet and plan its jobs; languages asked for that give no version at all are an error."""
    for code in langs or []:
        problem = language_problem(code)
        if problem is not None:
            raise InputError(f"--lang {code}: {problem[0]}", hint=problem[1])
    check_cache()  # an unsafe cache folder is refused before anything runs
    leaflet = load_leaflet(folder)
    chosen = resolve_layouts(leaflet, layouts, condition)
    jobs, skips = plan_jobs(leaflet, chosen, langs, explicit_layouts=bool(layouts))
    if langs and not jobs:
        reasons = "; ".join(f"{s.layout}.{s.lang}: {s.reason}" for s in skips)
        raise InputError(f"nothing to build in {', '.join(langs)}: {reasons}",
                         hint="add the missing file or slogan, or ask for a language the leaflet has")
    return leaflet, jobs, skips


def build(folder: Path, layouts: list[str] | None = None, langs: list[str] | None = None,
          out_dir: Path = Path("out"), workers: int = 1,
          progress: Progress | None = None, separations: bool = False,
          screen: ScreenOptions | None = None, condition: str | None = None) -> BuildReport:
    """Build every planned version of a leaflet; load and plan errors raise, job errors are reported.

    Args:
        workers: processes to run jobs in (1 runs them here, in order).
        progress: told the number of jobs, then each outcome as it finishes.
        separations: also write ``<layout>.<lang>.separations.pdf``, one greyscale page per ink.
        screen: what screen layouts write (formats, PDF/UA); default: PNG, JPEG, web PDF and alt text.
        condition: print every layout for this registered condition (``FOGRA39``; conditions.py).
    """
    leaflet, jobs, skips = plan(Path(folder), layouts, langs, condition)
    if screen is not None:
        jobs = [replace(job, screen=screen) for job in jobs]
    report = BuildReport(leaflet, skipped=skips, warnings=shaper_warnings(jobs) + build_notices(jobs))
    with output_lock(Path(out_dir) / leaflet.name, on_wait=_log.info):
        if progress is not None:
            progress.start(len(jobs))
        report.results = run_jobs(jobs, out_dir, workers, progress, separations)
    return report
