"""Reading TOML files and typed fields from them, with messages that name file, key path and line."""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from handbill.errors import InputError
from handbill.load.files import read_text
from handbill.load.toml_words import plain_syntax

MAX_TOML_BYTES = 1_000_000  # leaflet.toml, a layout or the font catalog: a few kilobytes in practice
MAX_NUMBER = 1_000_000_000  # no number in a handbill file comes near this (the largest are mm and code points)
_LONG_NUMBER = re.compile(r"^\s*([^=#]*?)\s*=.*?[+-]?\d[\d_]{3000,}")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; a syntax error names the file, line and column."""
    text = read_text(path, limit=MAX_TOML_BYTES,
                     hint="a leaflet.toml or layout is a few kilobytes; is this the right file?")
    try:
        data = tomllib.loads(text)
    except ValueError as exc:
        if isinstance(exc, tomllib.TOMLDecodeError):
            raise _syntax_error(path, exc, text) from None
        # Python refuses to convert integers of more than 4300 digits, inside the parser
        for number, line in enumerate(text.splitlines(), 1):
            match = _LONG_NUMBER.match(line)
            if match:
                raise InputError(f"a number with thousands of digits; numbers are at most {MAX_NUMBER:,}",
                                 file=path, line=number, field=match.group(1).strip() or None) from None
        raise InputError(f"invalid TOML: {exc}", file=path) from None
    except RecursionError:
        raise InputError("invalid TOML: arrays or tables nested too deeply", file=path,
                         hint="a handbill file needs at most three levels of [ ] or { }") from None
    try:
        check_numbers(data, path)
    except RecursionError:
        raise InputError("invalid TOML: arrays or tables nested too deeply", file=path,
                         hint="a handbill file needs at most three levels of [ ] or { }") from None
    return data


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError, text: str = "") -> InputError:
    """The parser's error with its line, explained in words for the mistakes volunteers make most."""
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line = int(match.group(1)) if match else None
    reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    column = f", column {match.group(2)}" if match else ""
    lines = text.splitlines()
    if line is not None and 0 < line <= len(lines):
        explained = explain_syntax(lines[line - 1])
        if explained is not None:
            return InputError(explained[0], file=path, line=line, hint=explained[1])
    plain = plain_syntax(reason, lines, line, int(match.group(2)) if match else None)
    if plain is not None:
        return InputError(f"invalid TOML: {plain[1]}", file=path, line=plain[0], hint=plain[2])
    return InputError(f"invalid TOML: {reason}{column}", file=path, line=line,
                      hint="check quotes, brackets and '=' on that line (https://toml.io)")


_CURLY = "“”„‟«»‘’‚‛「」"
# a bare date not written YYYY-MM-DD: day first (12-12-2026) or year first with short parts (2026-5-1)
_DATE_LIKE = re.compile(r"^\s*[\w.\-\[\]\s]*=\s*(?:(?P<day>\d{1,2})[-./](?P<dm>\d{1,2})[-./](?P<dy>\d{4})"
                        r"|(?P<year>\d{4})[-./](?P<month>\d{1,2})[-./](?P<yd>\d{1,2}))\s*(#.*)?$")
_GOOD_DATE = re.compile(r"=\s*\d{4}-\d\d-\d\d\s*(#.*)?$")  # valid TOML: the parser's error is elsewhere
_STRING_VALUE = re.compile(r'^\s*[\w.\-"\[\]\s]*?=\s*"(.*)"\s*(#.*)?$')


def explain_syntax(line: str) -> tuple[str, str] | None:
    """(message, hint) for a TOML line with a common mistake, or None: curly quotes around text, a straight
    double quote inside text, a date not written YYYY-MM-DD."""
    value = line.split("=", 1)[1].strip() if "=" in line else line.strip()
    if value and value[0] in _CURLY:
        return (f"text in TOML goes between straight double quotes \"...\"; this line uses {value[0]}",
                f'write it as "{value.strip(_CURLY + " ")}" (an editor or word processor may have curled the quotes; '
                "curly quotes inside the text are fine)")
    date = _DATE_LIKE.match(line)
    if date and not _GOOD_DATE.search(line):
        return _date_hint(value.split()[0], date)
    string = _STRING_VALUE.match(line)
    if string and re.search(r'(?<!\\)"', string.group(1)):
        return ("a straight double quote \" inside text ends the text early",
                'write it as \\" (backslash, quote), or use curly quotes “ ” inside the text')
    return None


def _date_hint(written: str, date: re.Match[str]) -> tuple[str, str]:
    """(message, hint) for a date written day first or with one-digit parts: the date as TOML wants it."""
    day_first = date["day"] is not None
    year, month, day = (date["dy"], date["dm"], date["day"]) if day_first else (date["year"], date["month"], date["yd"])
    fixed = f"write {year}-{int(month):02d}-{int(day):02d}"
    if day_first:
        return (f"a date in TOML is written year-month-day: {written} is not one",
                f"{fixed} (if that is {day} {_month(month)} {year}), without quotes")
    return (f"a date in TOML is written YYYY-MM-DD with two-digit month and day: {written} is not one",
            f"{fixed}, without quotes")


def _month(number: str) -> str:
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    return months[int(number) - 1] if 1 <= int(number) <= 12 else f"month {number}"


def check_numbers(value: Any, path: Path, key: str = "") -> None:
    """Every number in a parsed TOML document finite and at most MAX_NUMBER in size, checked before any
    stage converts or computes with it (a 400-digit integer would overflow a float; ``nan`` and ``inf``
    compare false with every bound). The error names the key path and the allowed range."""
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(f"must be a finite number, got {value}", file=path, field=key or None,
                             hint=f"numbers in handbill files lie between {-MAX_NUMBER:,} and {MAX_NUMBER:,}")
        if not -MAX_NUMBER <= value <= MAX_NUMBER:
            shown = f"{value:.3g}" if isinstance(value, float) else (str(value) if len(str(value)) < 20 else
                                                                     f"an integer of {len(str(abs(value)))} digits")
            raise InputError(f"{shown} is out of range", file=path, field=key or None,
                             hint=f"numbers in handbill files lie between {-MAX_NUMBER:,} and {MAX_NUMBER:,}; "
                                  "see the key's own range in the documentation")
    elif isinstance(value, dict):
        for name, item in value.items():
            check_numbers(item, path, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            check_numbers(item, path, f"{key}[{i + 1}]")


class Fields:
    """Typed access to one TOML table, remembering its file and key path for error messages."""

    def __init__(self, table: Any, path: Path, prefix: str = "") -> None:
        if not isinstance(table, dict):
            raise InputError(f"expected a table, got {_kind(table)}", file=path, field=prefix or None)
        self.table = table
        self.path = path
        self.prefix = prefix

    def key(self, name: str) -> str:
        """The full key path of a field in this table."""
        return f"{self.prefix}.{name}" if self.prefix else name

    def error(self, name: str, message: str, hint: str | None = None) -> InputError:
        """An InputError about one field of this table."""
        return InputError(message, file=self.path, field=self.key(name), hint=hint)

    def check_keys(self, allowed: Iterable[str]) -> None:
        """Reject unknown keys, suggesting the closest allowed one."""
        allowed = list(allowed)
        for name in self.table:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
                raise self.error(name, "unknown key", hint)

    def get(self, name: str, kind: type | tuple[type, ...], default: Any = ..., *, required: bool = False) -> Any:
        """The value of a field checked against a type; missing gives default or an error."""
        if name not in self.table:
            if required or default is ...:
                shown = '"..."' if kind is str or (isinstance(kind, tuple) and str in kind) else "..."
                entry = self.key(name).rpartition(".")[0]
                raise self.error(name, "missing required key", (
                    f"add {name} = {shown} below this [[{entry.rpartition('[')[0]}]] line, or delete the entry"
                    if entry.endswith("]") else f"add {name} = {shown}"))
            return default
        value = self.table[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if float in kinds and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            expected = " or ".join(_type_name(k) for k in kinds)
            raise self.error(name, f"expected {expected}, got {_kind(value)} {value!r}"[:200])
        return value

    def text(self, name: str, default: Any = ..., *, allow_empty: bool = False) -> Any:
        """A string field; empty or whitespace-only is an error unless allowed."""
        value = self.get(name, str, default)
        if name in self.table and not allow_empty and not value.strip():
            raise self.error(name, "is empty", "write the text, or remove the entry")
        return value

    def number(self, name: str, default: Any = ..., *, minimum: float | None = None,
               maximum: float | None = None) -> Any:
        """A number field within optional bounds."""
        value = self.get(name, (int, float), default)
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                raise self.error(name, f"must be a finite number, got {value}")
            if minimum is not None and value < minimum:
                raise self.error(name, f"must be at least {minimum}, got {value}")
            if maximum is not None and value > maximum:
                raise self.error(name, f"must be at most {maximum}, got {value}")
        return value

    def table_of(self, name: str) -> Fields:
        """A sub-table as Fields (an empty one if missing)."""
        return Fields(self.table.get(name, {}), self.path, self.key(name))

    def tables(self, name: str) -> list[Fields]:
        """An array of tables (``[[name]]``) as Fields, each with its position (from 1) in the key path."""
        items = self.table.get(name, [])
        if not isinstance(items, list):
            raise self.error(name, f"expected an array of tables ([[{name}]]), got {_kind(items)}")
        return [Fields(item, self.path, f"{self.key(name)}[{i}]") for i, item in enumerate(items, 1)]


def _type_name(kind: type) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "true/false", list: "an array",
            dict: "a table"}.get(kind, kind.__name__)


def _kind(value: Any) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)
