"""A small on-disk cache for work that repeats across processes: font metrics, compressed ICC profiles,
hyphenation patterns, variable-font instances. A second build is faster than the first because of it.

    data = cached_bytes("icc", key, lambda: zlib.compress(profile), limit=MAX_ICC_BYTES)
    table = cached_json("faces", key, compute, decode=FaceMetrics.from_json)

The cache stores data, never code (no pickle): an entry is a fixed header followed by its payload,

    b"HBC2" | version (u16) | kind and key (length-prefixed) | payload length (u64) | sha256 (32 bytes) | payload

and it is read only when every part checks out: a regular file (opened without following links,
never a FIFO or device), no larger than the caller's limit, magic, version, kind and key as expected,
the length exact and the digest matching. JSON payloads are then parsed by the caller's decoder, which
checks every type and range. An entry that fails any check is a miss: the value is computed again and
the entry replaced, never an error. Writes go to a temporary file renamed over the entry, so two builds
sharing a cache never read half an entry.

An entry's integrity is checked, not its truth: whoever can write to the cache folder could plant a
well-formed entry with wrong values (not code). So the folder is kept private: it is created 0700, and
a folder owned by another user or writable by others is refused (CacheError) with a message.

Where the cache lives is decided by ``cache_location`` alone (``$HANDBILL_CACHE``, which must be an
absolute path, else the user cache folder); ``HANDBILL_CACHE=off`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from handbill.atomic import replace_file
from handbill.errors import HandbillError

T = TypeVar("T")
VERSION = 2  # bump when the format of an entry or of a payload changes
MAGIC = b"HBC2"
MAX_ENTRY_BYTES = 64_000_000  # the default bound on one entry (a large variable font's instance)
_HEAD = struct.Struct(">4sH")
_LENGTH = struct.Struct(">Q")
_KINDS = frozenset("abcdefghijklmnopqrstuvwxyz-")
_checked: dict[Path, CacheError | None] = {}  # folder -> why it is refused (None: safe); per process


class CacheError(HandbillError):
    """The cache folder is not safe to use (another user's, writable by others, a relative path)."""


def cache_location() -> Path | None:
    """Where the cache lives (not checked or created), or None when ``HANDBILL_CACHE=off``.

    Raises:
        CacheError: ``HANDBILL_CACHE`` is a relative path (it would make a cache in every working folder).
    """
    configured = os.environ.get("HANDBILL_CACHE")
    if configured == "off":
        return None
    if configured:
        if not os.path.isabs(configured):
            raise CacheError(f"HANDBILL_CACHE={configured!r} is not an absolute path",
                             hint="give a full path, e.g. HANDBILL_CACHE=$HOME/.cache/handbill, or HANDBILL_CACHE=off")
        return Path(configured)
    import platformdirs  # the user cache folder of each system (~/.cache/handbill on Linux)

    return Path(platformdirs.user_cache_dir("handbill", appauthor=False))


def cache_dir() -> Path | None:
    """The cache folder, created private (0700) and checked safe; None when caching is off.

    Raises:
        CacheError: the folder belongs to another user, others can write to it, or it is not a folder.
    """
    folder = cache_location()
    if folder is None:
        return None
    if folder not in _checked:
        try:
            _make_private(folder)
            _checked[folder] = None
        except CacheError as exc:
            _checked[folder] = exc
    refused = _checked[folder]
    if refused is not None:
        raise refused
    return folder


def check_cache() -> None:
    """Raise CacheError now (before any job runs) if the cache folder cannot be used safely."""
    cache_dir()


def _make_private(folder: Path) -> None:
    """Create the folder (and its parents) 0700 if missing, then refuse it unless it is ours alone."""
    with contextlib.suppress(FileExistsError, OSError):
        folder.mkdir(parents=True, mode=0o700)
    try:
        info = os.lstat(folder)
    except OSError as exc:
        raise CacheError(f"cannot use the cache folder: {(exc.strerror or str(exc)).lower()}", file=folder,
                         hint="set HANDBILL_CACHE to a folder you own, or HANDBILL_CACHE=off") from None
    if stat.S_ISLNK(info.st_mode):
        info = os.stat(folder)
    _refuse_unsafe(folder, info)


def _refuse_unsafe(folder: Path, info: os.stat_result) -> None:
    hint = "set HANDBILL_CACHE to a private folder of yours (chmod 700), or HANDBILL_CACHE=off"
    if not stat.S_ISDIR(info.st_mode):
        raise CacheError("the cache folder is not a folder", file=folder, hint=hint)
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise CacheError("the cache folder belongs to another user: whoever owns it could plant entries",
                         file=folder, hint=hint)
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise CacheError(f"the cache folder is writable by others (mode {stat.S_IMODE(info.st_mode):o}): "
                         "anyone could plant entries", file=folder,
                         hint=f"if it is yours alone, make it private: chmod 700 '{folder}' (or delete it: handbill "
                              "makes it again); or set HANDBILL_CACHE to another folder, or HANDBILL_CACHE=off")


def _entry(kind: str, key: str) -> Path | None:
    if not kind or not set(kind) <= _KINDS or "/" in key or "\x00" in key or key.startswith("."):
        raise ValueError(f"bad cache entry name {kind}/{key}")
    try:
        folder = cache_dir()
    except CacheError:
        return None  # refused: reported once by check_cache; here the work is simply done again
    return None if folder is None else folder / kind / f"{key}.v{VERSION}"


def _header(kind: str, key: str, length: int) -> bytes:
    name = f"{kind}/{key}".encode()
    return _HEAD.pack(MAGIC, VERSION) + struct.pack(">H", len(name)) + name + _LENGTH.pack(length)


def encode_entry(kind: str, key: str, payload: bytes) -> bytes:
    """An entry's bytes: header, digest, payload."""
    return _header(kind, key, len(payload)) + hashlib.sha256(payload).digest() + payload


def decode_entry(kind: str, key: str, data: bytes) -> bytes | None:
    """The payload of an entry's bytes, or None when anything about them is wrong."""
    head = _header(kind, key, max(0, len(data) - len(_header(kind, key, 0)) - 32))
    if len(data) < len(head) + 32 or data[:len(head)] != head:
        return None
    digest, payload = data[len(head):len(head) + 32], data[len(head) + 32:]
    return payload if hashlib.sha256(payload).digest() == digest else None


def read_regular(path: Path, limit: int, *, follow_links: bool = False) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes, opened without blocking (a FIFO or device
    is never read) and, unless asked, without following a link; None for anything else."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                return None
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def store(path: Path, data: bytes) -> None:
    """Write a private file atomically (atomic.py) into a private folder; a disk that refuses (read-only,
    full) is ignored."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        replace_file(path, data, mode=0o600)


def load(kind: str, key: str, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
    """A stored payload, or None (no cache, no entry, or an entry that fails any check)."""
    path = _entry(kind, key)
    if path is None:
        return None
    data = read_regular(path, limit + 512)
    return None if data is None else decode_entry(kind, key, data)


def save(kind: str, key: str, payload: bytes) -> None:
    """Store a payload (replacing whatever was there)."""
    path = _entry(kind, key)
    if path is not None:
        store(path, encode_entry(kind, key, payload))


def cached_bytes(kind: str, key: str, compute: Callable[[], bytes], *, limit: int = MAX_ENTRY_BYTES,
                 valid: Callable[[bytes], bool] | None = None) -> bytes:
    """Bytes from the cache, or computed and stored.

    Args:
        limit: the most bytes the payload may have; a larger entry is a miss.
        valid: a further check of a payload (e.g. "it is a font"); False makes it a miss.
    """
    payload = load(kind, key, limit)
    if payload is not None and (valid is None or _safely(valid, payload)):
        return payload
    data = compute()
    if len(data) <= limit:
        save(kind, key, data)
    return data


def cached_json(kind: str, key: str, compute: Callable[[], T], *, encode: Callable[[T], Any],
                decode: Callable[[Any], T], limit: int = MAX_ENTRY_BYTES) -> T:
    """A value from the cache as JSON, or computed and stored.

    Args:
        encode: the value as JSON-able data (dicts, lists, strings, numbers).
        decode: the value from that data; it must check every type and range and raise (any exception)
            on anything unexpected, which makes the entry a miss.
    """
    payload = load(kind, key, limit)
    if payload is not None:
        try:
            return decode(json.loads(payload.decode("utf-8")))
        except Exception:  # any damage to an entry is a miss, whatever the decoder raises
            pass
    value = compute()
    data = json.dumps(encode(value), separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()
    if len(data) <= limit:
        save(kind, key, data)
    return value


def _safely(check: Callable[[bytes], bool], payload: bytes) -> bool:
    try:
        return bool(check(payload))
    except Exception:  # a check that fails in any way: a miss
        return False
