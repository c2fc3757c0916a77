"""Reading a user's text files safely: regular files only, a size cap, UTF-8, one message per problem.

    text = read_text(path, limit=MAX_TOML_BYTES, hint="a leaflet.toml is a few kilobytes")

A file that is missing, a broken link, a folder, a device or a pipe (which would block or never end),
larger than its cap, or not UTF-8 gives an InputError naming the file; the cap is checked before
reading and again while reading, so a file that grows (or lies about its size) cannot exhaust memory.
A UTF-8 byte-order mark, which some editors write, is dropped.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from handbill.errors import InputError


def read_text(path: Path, *, limit: int, hint: str | None = None) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes.

    Args:
        path: the file.
        limit: the most bytes the file may hold; the cap exists so a runaway input stops with a message
            instead of exhausting memory (see docs/limits.md).
        hint: what to tell the user when the file is too large.
    """
    data = read_bytes(path, limit=limit, hint=hint)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not UTF-8 text (byte {exc.start})", file=path, line=line,
                         hint="save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)") from None


def read_bytes(path: Path, *, limit: int, hint: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see read_text)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        what = "broken link (it points to a file that does not exist)" if path.is_symlink() else "file not found"
        raise InputError(what, file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {_reason(exc)}", file=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a file", file=path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (a device, pipe or socket)", file=path,
                         hint="give a plain text file")
    if info.st_size > limit:
        raise InputError(f"file is {info.st_size:,} bytes; at most {limit:,} are supported", file=path, hint=hint)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {_reason(exc)}", file=path) from None
    if len(data) > limit:
        raise InputError(f"file is larger than {limit:,} bytes, the most supported", file=path, hint=hint)
    return data


def checked_size(path: Path, limit: int, *, what: str, field: str, source: Path, hint: str) -> os.stat_result:
    """The stat of a file a key names (``logo``), or one InputError at that key: the file cannot be read,
    or it is over ``limit`` bytes (``what``: ``a PDF logo``), with ``hint``."""
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", file=source, field=field) from None
    if info.st_size > limit:
        raise InputError(f"{path.name} is {info.st_size:,} bytes; {what} of at most {limit:,} is supported",
                         file=source, field=field, hint=hint)
    return info


def _reason(exc: OSError) -> str:
    """A short, user-facing reason for an OSError (``permission denied``)."""
    if exc.errno == errno.EACCES or exc.errno == errno.EPERM:
        return "permission denied"
    return (exc.strerror or type(exc).__name__).lower()


def is_regular_file(path: Path) -> bool:
    """True for a regular file or a link to one (no folders, devices, pipes or broken links)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
