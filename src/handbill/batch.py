"""Running a batch of jobs: in parallel worker processes, reporting each job as it finishes.

    outcomes = run_jobs(jobs, out_dir, workers=2, on_done=print)

Each worker process keeps one Session (font catalog, shaped-text caches) for all the jobs it runs.
A job that fails is reported with its message; the others go on. Results come back in job order,
so the summary and the files do not depend on the number of workers. Jobs are handed to workers in
chunks: a poster takes about 10 ms once fonts and shaped text are cached, so per-job traffic matters.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from handbill.compose import Job
from handbill.errors import HandbillError
from handbill.pipeline import JobOutcome, Session, run_job

_sessions: dict[Path, Session] = {}


def _session_for(job: Job) -> Session:
    key = job.leaflet.folder
    session = _sessions.get(key)
    if session is None:
        session = _sessions[key] = Session.for_leaflet(job.leaflet.folder)
    return session


def run_one(job: Job, out_dir: Path, separations: bool = False) -> JobOutcome:
    """Run one job in this process; any HandbillError becomes the outcome's message."""
    start = time.perf_counter()
    paths: list[Path] = []
    error = None
    try:
        paths = run_job(job, _session_for(job), out_dir, separations)
    except HandbillError as exc:
        error = str(exc)
    except Exception as exc:  # a bug: report it as this job's failure, keep the batch going
        error = f"internal error ({type(exc).__name__}: {exc}); please report it with --debug output"
        if os.environ.get("HANDBILL_DEBUG"):
            raise
    return JobOutcome(job.layout.name, job.lang, tuple(paths), error, time.perf_counter() - start)


def default_workers() -> int:
    """One worker per core."""
    return max(1, os.cpu_count() or 1)


def run_jobs(jobs: list[Job], out_dir: Path, workers: int = 1,
             on_done: Callable[[JobOutcome], None] | None = None, separations: bool = False) -> list[JobOutcome]:
    """Run jobs, in worker processes when workers > 1; outcomes in job order."""
    notify = on_done or (lambda outcome: None)
    if workers <= 1 or len(jobs) <= 1:
        outcomes = []
        for job in jobs:
            outcome = run_one(job, out_dir, separations)
            notify(outcome)
            outcomes.append(outcome)
        return outcomes
    # The first job runs here before the workers fork: they inherit its opened fonts and shaped text.
    first = run_one(jobs[0], out_dir, separations)
    notify(first)
    outcomes = [first]
    rest = jobs[1:]
    workers = min(workers, len(rest))
    chunk = max(1, -(-len(rest) // (workers * 2)))  # a few chunks per worker: less traffic, still balanced
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for outcome in pool.map(partial(run_one, out_dir=out_dir, separations=separations),
                                rest, chunksize=chunk):
            notify(outcome)
            outcomes.append(outcome)
    return outcomes
