"""Writing output atomically, and one build at a time into an output folder.

    write_atomic(Path("out/victory-day-2023/a3-poster.fa.pdf"), data)

The PDF at the target path is always either the previous complete file or the new complete file
(atomic.py: a temporary file beside it, flushed, then renamed over it; removed on any error). A process
killed outright (SIGKILL, power loss) cannot clean up, so its temporary file is recognisable by name and
removed by the next write into that folder once the process that made it is gone. A failed write is one
message saying why in plain words and what to do (``_REASONS``).

Each job writes only its own target, so one failing job never touches another job's PDF.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from handbill.atomic import remove_stale_temps, replace_file
from handbill.errors import OutputError

# What to tell the user for the usual reasons a write fails (errno -> (what happened, what to do)).
_REASONS = {
    errno.ENOSPC: ("the disk is full", "free some space, or choose another folder with --out"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, or choose another folder with --out"),
    errno.EACCES: ("permission denied", "choose a folder you can write to with --out"),
    errno.EPERM: ("permission denied", "choose a folder you can write to with --out"),
    errno.EROFS: ("the disk is read-only", "choose another folder with --out"),
    errno.ENOTDIR: ("part of the output path is a file, not a folder", "choose another folder with --out"),
    errno.EISDIR: ("a folder of that name is in the way", "remove or rename the folder, or use another --out"),
    errno.ENAMETOOLONG: ("the path is too long", "choose a shorter folder with --out"),
    errno.EIO: ("the disk reported an input/output error", "check the disk, or choose another folder with --out"),
}


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to path so that path is either the old file or the complete new one, never partial.

    Raises:
        OutputError: the folder cannot be made or written, or the write failed; no temporary file is left
            and a previous file at path is unchanged.
    """
    path = Path(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _error("cannot create the output folder", errno.ENOTDIR, folder) from None
    except OSError as exc:
        raise _error("cannot create the output folder", exc.errno, folder, exc) from None
    remove_stale_temps(folder)
    if path.is_dir():
        raise _error("cannot write the PDF", errno.EISDIR, path)
    try:
        replace_file(path, data)
    except OSError as exc:
        raise _error("cannot write the PDF", exc.errno, path, exc) from None


@contextlib.contextmanager
def output_lock(folder: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output folder for one build at a time: a second build into it waits until the first
    ends (its worker processes included: they hold the lock too, so a build killed with its workers
    still running keeps the next one out until they are gone).

    The lock is ``flock`` on ``.<folder name>.lock`` beside the folder, removed by the build that holds it
    when it ends (released by the system when its holders end, however they end: a build killed outright
    leaves the file, harmless, and the next build reuses it); where the system has no flock, builds are
    not serialised.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    lock = folder.parent / f".{folder.name}.lock"
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _error("cannot create the output folder", errno.ENOTDIR, folder.parent) from None
    except OSError as exc:
        raise _error("cannot create the output folder", exc.errno, folder.parent, exc) from None
    told = False
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise _error("cannot create the build's lock file", exc.errno, lock, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None and not told:
                on_wait(f"waiting for another build writing into {folder}")
                told = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:  # the holder before us may have removed the file: then lock the new one
            if os.stat(lock).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)  # still holding it, so no one locks a file about to vanish
        os.close(fd)


def _error(what: str, code: int | None, path: Path, exc: OSError | None = None) -> OutputError:
    """One message for a failed write: what failed, why in plain words, and what to do."""
    reason, hint = _REASONS.get(code or 0, (None, "check the output folder, or choose another with --out"))
    if reason is None:
        reason = (exc.strerror if exc is not None and exc.strerror else "unknown error").lower()
    return OutputError(f"{what}: {reason}", file=path, hint=f"{hint}; any previous PDF there is unchanged")
