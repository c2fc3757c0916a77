"""Replacing a file atomically: the bytes go to a temporary file beside it, then a rename.

    replace_file(Path("out/victory-day-2023/a3-poster.fa.pdf"), data)

The file at the path is always either the previous complete file or the new complete one:

- the bytes go to ``.<name>.<pid>.<random>.tmp`` beside the target (same folder, same file system,
  so the rename is atomic), or into an unnamed file (Linux ``O_TMPFILE``) named only once complete;
- any error (disk full, permission denied, Ctrl-C) removes the temporary file before it propagates;
- a process killed outright (SIGKILL, power loss) cannot clean up, so its temporary file is recognisable
  by name and ``remove_stale_temps`` removes it once the process that made it is gone.

The one writer of the output (render/write.py adds messages and the stale-file sweep), the cache
(cache.py, whose entries are private files) and the leaflet files ``handbill serve`` edits (serve/folder.py,
which keeps each file's permissions).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from pathlib import Path

TEMP_SUFFIX = ".tmp"
_TEMP = re.compile(r"^\.(?P<target>.+)\.(?P<pid>\d+)\.(?P<token>[0-9a-f]{8})\.tmp$")


def replace_file(path: Path, data: bytes, *, mode: int = 0o666, exact: bool = False) -> None:
    """Write data to path (whose folder exists) so that path is the old file or the new one, never partial;
    the file and the rename are flushed to disk. ``mode``: the new file's permissions before the umask
    (the cache's entries are 0o600), or with ``exact`` these very permissions (serve keeps an edited
    file's own, 0664 in a folder shared with a group).

    Raises:
        OSError: the write or the rename failed; no temporary file is left and a file at path is unchanged.
    """
    folder = path.parent
    temp: Path | None = None
    try:
        temp = _write_unnamed(folder, path.name, data, mode, exact)
        if temp is None:  # no O_TMPFILE here: a named temporary file
            temp, fd = _create_temp(folder, path.name, mode)
            try:
                if exact:
                    os.fchmod(fd, mode)
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(temp, path)
        temp = None
    finally:
        if temp is not None:  # an error or an interrupt (Ctrl-C) before the rename
            with contextlib.suppress(OSError):
                temp.unlink()
    _sync_folder(folder)


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


def _write_unnamed(folder: Path, target: str, data: bytes, mode: int, exact: bool) -> Path | None:
    """Write data into an unnamed file in folder and name it only once complete (Linux O_TMPFILE);
    None where the system or file system cannot, so the caller falls back to a named temporary."""
    global _unnamed_works
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or _unnamed_works is False or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        fd = os.open(folder, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as exc:
        if exc.errno in _NO_TMPFILE:
            return None
        raise
    try:
        if exact:
            os.fchmod(fd, mode)
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


def _create_temp(folder: Path, target: str, mode: int) -> tuple[Path, int]:
    """A new, empty temporary file for target in folder, opened for writing (mode less the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp = folder / temp_name(target)
        try:
            return temp, os.open(temp, flags, mode)
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
