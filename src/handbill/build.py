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
from handbill.load.layout_print import with_condition
from handbill.model import Layout, Leaflet, ScreenOptions
from handbill.pipeline import JobOutcome, build_notices, script_warnings, shaper_warnings
from handbill.project import layout_search_path
from handbill.render.manifest import OutputsTidied, tidy_outputs
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
    tidied: OutputsTidied = field(default_factory=OutputsTidied)  # stale files removed, others' files listed

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
    check_cache()  # an unsafe cache folder is refused before anything runs
    leaflet = load_leaflet(folder)
    chosen = resolve_layouts(leaflet, layouts, condition)
    jobs, skips = plan_jobs(leaflet, chosen, langs, explicit_layouts=bool(layouts))
    return leaflet, jobs, skips


def build(folder: Path, layouts: list[str] | None = None, langs: list[str] | None = None,
          out_dir: Path = Path("out"), workers: int = 1,
          progress: Progress | None = None, separations: bool = False,
          screen: ScreenOptions | None = None, condition: str | None = None, strict: bool = False) -> BuildReport:
    """Build every planned version of a leaflet; load and plan errors raise, job errors are reported.

    Args:
        workers: processes to run jobs in (1 runs them here, in order).
        progress: told the number of jobs, then each outcome as it finishes.
        separations: also write ``<layout>.<lang>.separations.pdf``, one greyscale page per ink.
        screen: what screen layouts write (formats, PDF/UA); default: PNG, JPEG, web PDF and alt text.
        strict: warnings known before composing (check's content and statement warnings) stop the build
            before anything is written.
        condition: print every layout for this registered condition (``FOGRA39``; conditions.py).
    """
    leaflet, jobs, skips = plan(Path(folder), layouts, langs, condition)
    if screen is not None:
        jobs = [replace(job, screen=screen) for job in jobs]
    report = BuildReport(leaflet, skipped=skips,
                         warnings=shaper_warnings(jobs) + build_notices(jobs) + script_warnings(jobs))
    if strict and report.warnings:  # refused before anything is written, as check --strict would fail
        listed = "\n".join(f"warning: {w}" for w in report.warnings)
        raise InputError(f"{len(report.warnings)} warning{'s' * (len(report.warnings) != 1)} and --strict: "
                         f"nothing written\n{listed}", hint="fix what the warnings name, or build without --strict")
    with output_lock(Path(out_dir) / leaflet.name, on_wait=_log.info):
        if progress is not None:
            progress.start(len(jobs))
        report.results = run_jobs(jobs, out_dir, workers, progress, separations)
        folder = Path(out_dir) / leaflet.name
        requested = {path.name for job, outcome in zip(jobs, report.results, strict=True)
                     if job.layout.name not in leaflet.layouts for path in outcome.paths}
        report.tidied = tidy_outputs(folder, report.written, complete=not layouts and not langs,
                                     failed={outcome.label for outcome in report.failed}, requested=requested)
    composed: dict[str, list[str]] = {}  # the same warning from several versions (a logo) is said once
    for outcome in report.results:
        for text in outcome.warnings:
            composed.setdefault(text, []).append(outcome.label)
    report.warnings.extend(BuildWarning(text, ", ".join(labels)) for text, labels in composed.items())
    return report
