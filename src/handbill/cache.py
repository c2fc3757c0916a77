"""A small on-disk cache for work that repeats across processes: font metrics, compressed ICC profiles,
hyphenation dictionaries. A second build is faster than the first because of it.

    data = cached_bytes("icc", key, lambda: zlib.compress(profile))

Entries live in ``$HANDBILL_CACHE``, else ``$XDG_CACHE_HOME/handbill``, else ``~/.cache/handbill``, one
file per entry, named by a key the caller derives from the content it depends on (a digest), so a stale
entry is never read. Writes are atomic; a cache that cannot be read or written is skipped silently
(the work is just done again). ``HANDBILL_CACHE=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
VERSION = "1"  # bump when the format of cached objects changes


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    configured = os.environ.get("HANDBILL_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "handbill"


def _entry(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / kind / f"{key}.v{VERSION}"


def store(path: Path, data: bytes) -> None:
    """Write a cache file atomically; a disk that refuses (read-only, full) is ignored."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        except OSError:
            os.unlink(temp)
            raise


def cached_bytes(kind: str, key: str, compute: Callable[[], bytes]) -> bytes:
    """Bytes from the cache, or computed and stored."""
    path = _entry(kind, key)
    if path is not None:
        with contextlib.suppress(OSError):
            return path.read_bytes()
    data = compute()
    if path is not None:
        store(path, data)
    return data


def cached_object(kind: str, key: str, compute: Callable[[], T]) -> T:
    """A picklable object from the cache, or computed and stored (a damaged entry is computed again)."""
    path = _entry(kind, key)
    if path is not None:
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            pass
    value = compute()
    if path is not None:
        store(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
