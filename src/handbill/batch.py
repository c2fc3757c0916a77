"""Running a batch of jobs: in parallel worker processes, reporting each job as it finishes.

    outcomes = run_jobs(jobs, out_dir, workers=2, on_done=print)

Each worker process keeps one Session (font catalog, shaped-text caches) for all the jobs it runs.
A job that fails is reported with its message; the others go on. Results come back in job order,
so the summary and the files do not depend on the number of workers.

The pool is our own, small one (not ProcessPoolExecutor, which breaks wholesale when one worker
dies): workers are forked after the first job ran here, so they inherit its fonts and shaped text and
the job list itself; each is sent one job index at a time over its own pipe and answers with the
outcome. A worker that dies (killed, out of memory) fails only the job it was running, with the
signal named, and a fresh worker takes the remaining jobs. Workers cannot outlive their build: on
Linux the kernel sends them SIGTERM when the build process dies (``PR_SET_PDEATHSIG``), and a
watchdog thread in each worker checks for its parent too (other systems, and the race at start).
An interrupted build (Ctrl-C, SIGTERM) stops its workers, which remove their temporary files.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path

from handbill.compose import Job
from handbill.errors import HandbillError
from handbill.model import Notice
from handbill.pipeline import JobOutcome, Session, run_job

MAX_WORKERS = 32  # --jobs above the core count, or above this, is capped (see default_workers)
_WATCHDOG_SECONDS = 0.5
_STOP_SECONDS = 3.0  # how long a stopped worker may take to clean up before it is killed

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
    notices: list[Notice] = []
    error = None
    try:
        paths = run_job(job, _session_for(job), out_dir, separations, notices)
    except HandbillError as exc:
        error = str(exc)
    except Exception as exc:  # a bug: report it as this job's failure, keep the batch going
        error = f"internal error ({type(exc).__name__}: {exc}); please report it with --debug output"
        if os.environ.get("HANDBILL_DEBUG"):
            raise
    return JobOutcome(job.layout.name, job.lang, tuple(paths), error, time.perf_counter() - start,
                      tuple(str(notice) for notice in notices))


def default_workers() -> int:
    """One worker per core."""
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def worker_limit() -> int:
    """The most worker processes a build starts: the number of cores, at most MAX_WORKERS."""
    return default_workers()


def run_jobs(jobs: list[Job], out_dir: Path, workers: int = 1,
             on_done: Callable[[JobOutcome], None] | None = None, separations: bool = False) -> list[JobOutcome]:
    """Run jobs, in worker processes when workers > 1; outcomes in job order."""
    notify = on_done or (lambda outcome: None)
    if workers <= 1 or len(jobs) <= 1 or not hasattr(os, "fork"):
        outcomes = []
        for job in jobs:
            outcome = run_one(job, out_dir, separations)
            notify(outcome)
            outcomes.append(outcome)
        return outcomes
    # The first job runs here before the workers fork: they inherit its opened fonts and shaped text.
    first = run_one(jobs[0], out_dir, separations)
    notify(first)
    results = {0: first}
    with _Pool(jobs, out_dir, separations, min(workers, worker_limit(), len(jobs) - 1)) as pool:
        for index, outcome in pool.run(range(1, len(jobs))):
            notify(outcome)
            results[index] = outcome
    return [results[i] for i in range(len(jobs))]


class _Stop(BaseException):
    """SIGTERM in a worker (its build stopped or died): unwind, so temporary files are removed."""


def _stop(signum: int, frame: object) -> None:
    raise _Stop()


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the build process ends, however it ends (even SIGKILL)."""
    with contextlib.suppress(Exception):  # Linux only; elsewhere the watchdog below does it
        import ctypes
        import sys

        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above ran
        os._exit(1)

    def watchdog() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCHDOG_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)  # unwind like a stop
        time.sleep(_STOP_SECONDS)
        os._exit(1)

    threading.Thread(target=watchdog, name="handbill-watchdog", daemon=True).start()


def _worker_main(conn: Connection, parent: int, jobs: list[Job], out_dir: Path, separations: bool) -> None:
    """A worker's loop: run the job whose index arrives, send its outcome back; stop at None or EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the build, which stops the workers
    signal.signal(signal.SIGTERM, _stop)
    _die_with_parent(parent)
    try:
        while True:
            try:
                index = conn.recv()
            except (EOFError, OSError):
                return
            if index is None:
                return
            conn.send((index, run_one(jobs[index], out_dir, separations)))
    except _Stop:
        return


def _death(exitcode: int | None) -> str:
    """Why a worker ended, in words: ``killed by signal SIGKILL``."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        else:
            name = f"signal {name}"
        hint = " (the system may have run out of memory)" if -exitcode == signal.SIGKILL else ""
        return f"the worker process running this job was killed by {name}{hint}; the other jobs went on"
    return f"the worker process running this job ended unexpectedly (exit status {exitcode}); the other jobs went on"


class _Worker:
    def __init__(self, context: multiprocessing.context.ForkContext, jobs: list[Job], out_dir: Path,
                 separations: bool) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, os.getpid(), jobs, out_dir, separations),
                                       name="handbill-worker", daemon=True)
        self.process.start()
        child.close()
        self.job: int | None = None


class _Pool:
    """Worker processes handing back one outcome per job; a dead worker fails only its own job."""

    def __init__(self, jobs: list[Job], out_dir: Path, separations: bool, size: int) -> None:
        self.jobs, self.out_dir, self.separations, self.size = jobs, out_dir, separations, size
        self.context: multiprocessing.context.ForkContext = multiprocessing.get_context("fork")
        self.workers: list[_Worker] = []

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        worker = _Worker(self.context, self.jobs, self.out_dir, self.separations)
        self.workers.append(worker)
        return worker

    def run(self, indices: range) -> Iterator[tuple[int, JobOutcome]]:
        """Run the jobs of these indices; yields (index, outcome) as each finishes."""
        pending = deque(indices)
        for _ in range(min(self.size, len(pending))):
            self._start()
        while pending or any(w.job is not None for w in self.workers):
            for worker in self.workers:
                if worker.job is None and pending:
                    worker.job = pending.popleft()
                    with contextlib.suppress(OSError):  # it died: wait() below sees its sentinel
                        worker.conn.send(worker.job)
            busy = [w for w in self.workers if w.job is not None]
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
            for worker in busy:
                answer = None
                if worker.conn in ready:
                    with contextlib.suppress(EOFError, OSError):  # EOF: it died before answering
                        answer = worker.conn.recv()
                if answer is not None:
                    worker.job = None
                    yield answer
                elif worker.job is not None and (worker.process.sentinel in ready or worker.conn in ready):
                    index = worker.job
                    yield index, self._replace(worker, bool(pending))

    def _replace(self, worker: _Worker, needed: bool) -> JobOutcome:
        """A dead worker's job as failed; a fresh worker in its place if jobs remain."""
        worker.process.join(_STOP_SECONDS)
        assert worker.job is not None
        job = self.jobs[worker.job]
        worker.job = None
        worker.conn.close()
        self.workers.remove(worker)
        if needed:
            self._start()
        return JobOutcome(job.layout.name, job.lang, (), _death(worker.process.exitcode), 0.0)

    def close(self) -> None:
        """Stop every worker: ask, give them time to remove their temporary files, then kill."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            if worker.job is not None and worker.process.is_alive():  # interrupted mid-job
                with contextlib.suppress(OSError):
                    os.kill(worker.process.pid or 0, signal.SIGTERM)
        deadline = time.monotonic() + _STOP_SECONDS
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers.clear()
