"""Where a key path lies in a TOML file: the line of ``slogans[2].lang``, and how to name that entry.

Python's tomllib gives values, not positions, and tomlkit (which keeps the document) exposes no line
numbers either; so this small scanner reads the file's lines once, follows its ``[table]`` and
``[[array]]`` headers (counting each array's entries as a reader does) and its ``key =`` lines, skipping
multi-line strings and arrays, and answers with the line where a key, or else its entry, starts.

Key paths count entries of arrays from 1, as a volunteer counts them: ``slogans[2]`` is the second
``[[slogans]]`` in the file.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

Segment = tuple[str, int | None]  # a name and, for an array's entry, its 1-based position

_SEGMENT = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")
_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\[\]]+?)\s*\]\]\s*(#.*)?$")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_ORDINALS = {1: "st", 2: "nd", 3: "rd"}


def entry(name: str, index: int) -> str:
    """The key path of an array's entry from its 0-based index: ``entry("slogans", 0) == "slogans[1]"``."""
    return f"{name}[{index + 1}]"


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``22nd``."""
    suffix = "th" if 10 <= number % 100 <= 20 else _ORDINALS.get(number % 10, "th")
    return f"{number}{suffix}"


def parse_path(path: str) -> list[Segment]:
    """``pages[1].frames[6].size`` -> ``[("pages", 1), ("frames", 6), ("size", None)]``."""
    return [(m.group(1), int(m.group(2)) if m.group(2) else None) for m in _SEGMENT.finditer(path)]


def describe(path: str, arrays: frozenset[str] = frozenset({"slogans", "signatories", "pages", "frames",
                                                              "long_pages"})) -> str:
    """A key path as shown in messages: ``slogans[2].lang (the 2nd [[slogans]])``; paths without an entry
    of an array of tables are shown as they are."""
    if ", " in path:  # several keys (a band's slogans): each names its entry, no one "the Nth" fits all
        return path
    segments = parse_path(path)
    tables = [(i, name, n) for i, (name, n) in enumerate(segments) if n is not None and name in arrays]
    if not tables:
        return path
    parts = [f"the {ordinal(number)} [[{'.'.join(s[0] for s in segments[:i + 1])}]]"
             for i, _name, number in reversed(tables)]
    return f"{path} ({' of '.join(parts)})"


def _key_parts(raw: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(r"""\s*("[^"]*"|'[^']*'|[^.]+)\s*""", raw)]


def scan(text: str) -> list[tuple[int, tuple[Segment, ...]]]:
    """Every header and key of a TOML text as (line, full key path), in file order."""
    found: list[tuple[int, tuple[Segment, ...]]] = []
    counts: dict[tuple[Segment, ...], int] = {}  # entries seen of each array, under its concrete parent
    current: dict[str, tuple[Segment, ...]] = {}  # the concrete path of each array's latest entry
    table: tuple[Segment, ...] = ()
    depth = 0  # open brackets of a multi-line array or inline table
    quote = ""  # the open multi-line string's quotes
    for number, line in enumerate(text.splitlines(), 1):
        if quote:
            if line.count(quote) % 2:
                quote = ""
            continue
        if depth:
            depth = max(0, depth + _balance(line))
            continue
        array = _ARRAY_HEADER.match(line)
        header = array or _TABLE_HEADER.match(line)
        if header:
            names = _key_parts(header.group(1))
            parent = _concrete(names[:-1], current)
            if array:
                array_key = (*parent, (names[-1], None))
                counts[array_key] = counts.get(array_key, 0) + 1
                table = (*parent, (names[-1], counts[array_key]))
                current[".".join(names)] = table
            else:
                table = (*parent, (names[-1], None))
            found.append((number, table))
            continue
        key = _KEY.match(line)
        if key:
            found.append((number, (*table, *((part, None) for part in _key_parts(key.group(1))))))
            value = line[key.end():]
            for mark in ('"""', "'''"):
                if value.count(mark) % 2:
                    quote = mark
            if not quote:
                depth = max(0, _balance(value))
    return found


def _concrete(names: list[str], current: dict[str, tuple[Segment, ...]]) -> tuple[Segment, ...]:
    """The path of a header's parent, each array among its names standing for its latest entry."""
    path: tuple[Segment, ...] = ()
    for i, name in enumerate(names):
        dotted = ".".join(names[:i + 1])
        path = current.get(dotted, (*path, (name, None)))
    return path


def _balance(text: str) -> int:
    """Brackets opened minus closed on a line, outside strings and comments."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', "", text).split("#", 1)[0]
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")


def line_in(text: str, path: str) -> int | None:
    """The 1-based line where ``path`` is written in a TOML text: the key's own line, else the line of the
    nearest enclosing entry or table (a missing key is reported where its entry starts); None if no entry
    encloses it (``translations.ti.title`` without a ``[translations.ti]`` table: not the line of
    ``[translations.fa]``), or the path is a pattern (``translations.<lang>.title``) rather than one key."""
    if "<" in path:
        return None
    wanted = parse_path(path)
    best, best_line = 0, None
    for number, full in scan(text):
        matched = 0
        for (name, index), (have, have_index) in zip(wanted, full, strict=False):
            if name != have or (have_index is not None and index != have_index):
                break
            matched += 1
            if have_index is None and index is not None:
                break  # an inline array: its key's line is as near as we get
        if matched < min(len(full), len(wanted)):
            continue  # another table that shares a prefix: [translations.fa] does not hold translations.ti
        if matched > best:
            best, best_line = matched, number
    return best_line


@lru_cache(maxsize=32)
def _cached(path: str, stamp: float, size: int, key: str) -> int | None:
    try:
        return line_in(Path(path).read_text(encoding="utf-8"), key)
    except (OSError, UnicodeDecodeError):
        return None


def line_of(file: Path, path: str) -> int | None:
    """The line of a key path in a TOML file on disk (None if the file cannot be read or lacks it)."""
    try:
        stat = Path(file).stat()
    except OSError:
        return None
    return _cached(str(file), stat.st_mtime, stat.st_size, path)
