"""The TOML parser's most common errors in plain words, with the line where the mistake is.

tomllib says ``Illegal character '\\n' (at line 6, column 18)`` for an unclosed quote and ``Invalid value
(at line 7, column 1)`` for a list whose ``]`` is missing on the line above. A volunteer needs "the text
that starts at column 9 has no closing quote" and "the list opened on line 6 has no closing ]". The
parser's message is matched by its wording (stable across Python 3.11-3.13); anything else keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handbill.tomlpos import scan

_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)""")
_TABLE = re.compile(r"^\s*\[+\s*([^\[\]]+?)\s*\]+")
Plain = tuple[int | None, str, str]  # (line, what is wrong, what to do)
_INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}  # zero-width characters a paste can bring
_names = {"\u00a0": "a no-break space", "\u202f": "a narrow no-break space", "\u2007": "a figure space",
          "\u3000": "an ideographic space", "\u200b": "a zero-width space", "\ufeff": "a zero-width no-break space"}


def plain_syntax(reason: str, lines: list[str], line: int | None, column: int | None) -> Plain | None:
    """(line, message, hint) for a tomllib error message, or None to keep the parser's words."""
    text = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    for prefixes, explain in _EXPLAINED:
        if reason.startswith(prefixes):
            return explain(_Error(lines, line, column, text, _key(text)))
    return None


class _Error:
    """Where tomllib stopped: the file's lines, the line and column (from 1) and that line's key."""

    def __init__(self, lines: list[str], line: int | None, column: int | None, text: str, key: str) -> None:
        self.lines, self.line, self.column, self.text, self.key = lines, line, column, text, key

    @property
    def example(self) -> str:
        """The key as the user wrote it, for an example line (``title`` when the line has none)."""
        return self.key.strip("'") if self.key else "title"


def _no_equals(error: _Error) -> Plain:
    line, text, key = error.line, error.text, error.key
    odd = next((ch for ch in text.partition("=")[0] if ch != " " and (ch.isspace() or ord(ch) in _INVISIBLE)), "")
    if odd:  # a no-break space from a word processor looks like a space, and TOML reads it as part of the key
        what = _names.get(odd, "a space that is not a space")
        return (line, f"an invisible character, U+{ord(odd):04X} ({what}), stands after {key or 'the key'} "
                      "where TOML expects '='",
                f'delete the space before = and type it again (it is not an ordinary space): {error.example} = "..."')
    return (line, f"no '=' after {key or 'the key'}", f'write the key, then =, then the value: {error.example} = "..."')


def _given_twice(error: _Error) -> Plain:
    first = _first_line(error.lines, error.line)
    where = f" (first on line {first})" if first else ""
    return error.line, f"{error.key or 'this key'} is given twice in one table{where}", "keep one of the two lines"


def _declared_twice(error: _Error) -> Plain:
    name = _table_name(error.text)
    first = next((n for n, other in enumerate(error.lines[:(error.line or 1) - 1], 1) if _table_name(other) == name),
                 None)
    where = f" (first on line {first})" if first else ""
    return error.line, f"{name} is declared twice{where}", f"put all the keys of {name} under one {name} line"


def _unclosed(error: _Error) -> Plain | None:
    if error.line is None:
        return None
    return _left_open(error.lines, error.line) or (error.line, "a list [ or table { on this line has no closing ] or }",
                                                   "close it before the next key")


_EXPLAINED: tuple[tuple[tuple[str, ...], Callable[[_Error], Plain | None]], ...] = (
    (("Illegal character '\\n'", "Unterminated string", 'Expected "\'"'),
     lambda e: _unclosed_string(e.lines, e.line, e.text)),
    (("Expected '=' after a key",), _no_equals),
    (("Cannot overwrite a value",), _given_twice),
    (("Cannot declare",), _declared_twice),
    (("Unclosed array", "Unclosed inline table"), _unclosed),
    (("Invalid value",), lambda e: _invalid_value(e)),  # defined below: looked up when called
    (("Expected newline or end of document after a statement",),
     lambda e: (e.line, f"something follows the value of {e.key or 'the key'} on this line",
                "write one key = value per line; a comment starts with #; a list is written [\"a\", \"b\"]")),
    (("Expected ']' at the end of a table declaration",),
     lambda e: (e.line, "the table name on this line has no closing ]",
                "write it as [name] (or [[name]] for an entry)")),
    (("Invalid statement",),
     lambda e: (e.line, "this line is neither key = value, nor [table], nor a comment",
                "start a comment with #; write text as key = \"...\"")),
)


def _table_name(text: str) -> str:
    """``[translations.fa]`` for a table line, else ``this table``."""
    header = _TABLE.match(text)
    return f"[{header.group(1)}]" if header and not text.lstrip().startswith("[[") else "this table"


def _key(text: str) -> str:
    match = _KEY.match(text)
    return f"'{match.group(1).strip()}'" if match and not text.lstrip().startswith(("[", "#")) else ""


def _unclosed_string(lines: list[str], line: int | None, text: str) -> Plain:
    if line is None:  # at the end of the document: the last line that opens text without closing it
        line = next((n for n in range(len(lines), 0, -1) if lines[n - 1].count('"') % 2
                     or lines[n - 1].count("'''") % 2 or lines[n - 1].count('"""') % 2), None)
        text = lines[line - 1] if line else ""
    start = text.find('"', text.find("=") + 1) + 1 if "=" in text else 0
    at = f" at column {start}" if start > 0 else ""
    return (line, f"the text that starts{at} has no closing quote",
            'end the text with " on the same line (text of several lines goes between """ and """)')


def _first_line(lines: list[str], line: int | None) -> int | None:
    """The line where the key given again on ``line`` was first given, in the same table."""
    if line is None:
        return None
    entries = dict(scan("\n".join(lines)))
    path = entries.get(line)
    return next((n for n, other in entries.items() if n < line and other == path), None)


def _left_open(lines: list[str], line: int) -> Plain | None:
    """The nearest line at or above ``line`` that opens a list or inline table it does not close."""
    for number in range(min(line, len(lines)), 0, -1):
        text = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', "", lines[number - 1]).split("#", 1)[0]
        if text.count("[") > text.count("]") or text.count("{") > text.count("}"):
            closing, what = ("]", "list") if text.count("[") > text.count("]") else ("}", "table")
            return (number, f"the {what} opened on this line has no closing {closing}",
                    f"end it with {closing} before the next key" + (" (a list may run over several lines)"
                                                                     if what == "list" else " on the same line"))
    return None


def _invalid_value(error: _Error) -> Plain | None:
    lines, line, text, key = error.lines, error.line, error.text, error.key
    if line is not None and error.column == 1 and line > 1:  # at a line's start: a list or table left open above
        left_open = _left_open(lines, line - 1)
        if left_open is not None:
            return left_open
    value = text.split("=", 1)[1].strip() if "=" in text else ""
    if not value:
        return line, f"{key or 'the key'} has no value after '='", 'write the value, e.g. title = "May Day"'
    return (line, f"the value of {key or 'the key'} ({value[:30]}) is not text, a number, a date or true/false",
            f'text goes between straight double quotes: {error.example} = "{value[:30]}"')
