"""Writing output atomically: a temporary file in the target folder, then a rename.

    write_atomic(Path("out/victory-day-2023/a3-poster.fa.pdf"), data)

The PDF at the target path is always either the previous complete file or the new complete file:

- the bytes go to ``.<name>.<pid>.<random>.tmp`` beside the target (same folder, same file system,
  so the rename is atomic), are flushed to disk, and only then renamed over the target;
- any error (disk full, permission denied, Ctrl-C) removes the temporary file before it is reported;
- a process killed outright (SIGKILL, power loss) cannot clean up, so its temporary file is recognisable
  by name and removed by the next write into that folder once the process that made it is gone.

Each job writes only its own target, so one failing job never touches another job's PDF.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

from handbill.errors import OutputError

TEMP_SUFFIX = ".tmp"
_TEMP = re.compile(r"^\.(?P<target>.+)\.(?P<pid>\d+)\.(?P<token>[0-9a-f]{8})\.tmp$")

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
    temp: Path | None = None
    try:
        temp = _write_unnamed(folder, path.name, data)
        if temp is None:  # no O_TMPFILE here: a named temporary file
            temp, fd = _create_temp(folder, path.name)
            try:
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise _error("cannot write the PDF", exc.errno, path, exc) from None
    finally:
        if temp is not None:  # an error or an interrupt (Ctrl-C) before the rename
            with contextlib.suppress(OSError):
                temp.unlink()
    _sync_folder(folder)


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


def temp_name(target: str, pid: int | None = None) -> str:
    """The name of a temporary file for a target: ``.a3-poster.fa.pdf.4242.1f3a9c0e.tmp``."""
    return f".{target}.{os.getpid() if pid is None else pid}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def is_temp_name(name: str) -> bool:
    """True for the names temp_name makes."""
    return _TEMP.match(name) is not None


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temporary files left in folder by writers that no longer run (killed mid-write).

    A temporary file carries its writer's process id; it is removed only when no process of that id
    exists, so a build running in parallel (or another worker of this one) keeps its own files.
    Returns the files removed.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _TEMP.match(name)
        if match is None or _process_exists(int(match.group("pid"))):
            continue
        with contextlib.suppress(OSError):
            (folder / name).unlink()
            removed.append(folder / name)
    return removed


_NO_TMPFILE = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT}
_NO_LINK = {errno.EXDEV, errno.ENOENT, errno.EPERM, errno.EACCES, errno.EOPNOTSUPP}
_unnamed_works: bool | None = None  # learnt on the first write: some sandboxes refuse linkat via /proc


def unnamed_files_supported() -> bool:
    """True once an unnamed file has been written and named here (None-safe: False until known)."""
    return bool(_unnamed_works)


def _write_unnamed(folder: Path, target: str, data: bytes) -> Path | None:
    """Write data into an unnamed file in folder and name it only once complete (Linux O_TMPFILE);
    None where the system or file system cannot, so the caller falls back to a named temporary."""
    global _unnamed_works
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or _unnamed_works is False or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        fd = os.open(folder, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        if exc.errno in _NO_TMPFILE:
            return None
        raise
    try:
        _write_all(fd, data)
        os.fsync(fd)
        for _ in range(100):
            temp = folder / temp_name(target)
            try:
                os.link(f"/proc/self/fd/{fd}", temp, follow_symlinks=True)
                _unnamed_works = True
                return temp
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno not in _NO_LINK:
                    raise
                _unnamed_works = False  # the unnamed file cannot be given a name here
                return None
        raise FileExistsError(errno.EEXIST, "could not name the temporary file", str(folder))
    finally:
        os.close(fd)


def _create_temp(folder: Path, target: str) -> tuple[Path, int]:
    """A new, empty temporary file for target in folder, opened for writing (mode from the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp = folder / temp_name(target)
        try:
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "could not create a temporary file", str(folder))


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte (os.write may write fewer than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _process_exists(pid: int) -> bool:
    """True if a process of this id runs (or may run: where we cannot tell, we assume it does)."""
    if pid == os.getpid():
        return True
    if os.name != "posix" or pid <= 0:
        return True  # os.kill(pid, 0) would terminate the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists but belongs to someone else
        return True
    return True


def _error(what: str, code: int | None, path: Path, exc: OSError | None = None) -> OutputError:
    """One message for a failed write: what failed, why in plain words, and what to do."""
    reason, hint = _REASONS.get(code or 0, (None, "check the output folder, or choose another with --out"))
    if reason is None:
        reason = (exc.strerror if exc is not None and exc.strerror else "unknown error").lower()
    return OutputError(f"{what}: {reason}", file=path, hint=f"{hint}; any previous PDF there is unchanged")
