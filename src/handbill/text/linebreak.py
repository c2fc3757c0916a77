"""Where lines may break, and hyphenation points for languages that hyphenate.

Break opportunities (a simplified UAX #14 that serves the scripts handbill sets, all of which
separate words with spaces): after a run of spaces, after a zero-width space, and after a hyphen or
dash between two letters. A web address breaks only after its ``//`` and before a single ``/`` (as
the Chicago Manual of Style advises; never at its hyphens: ``may-|day`` would read as a hyphenated
word and be copied back as ``may- day``); an e-mail address does not break. A forced break comes
after a line separator or newline.
Hyphenation (for
Latin, Greek and Cyrillic languages in justified text) comes from pyphen's dictionaries; Arabic-script,
Hebrew, Armenian, Georgian and Devanagari words are never hyphenated.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from handbill.cache import cached_json
from handbill.text.script import is_default_ignorable, primary_subtag

SPACES = frozenset(" \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000")
BREAKING_SPACES = SPACES - {"\u00a0", "\u202f"}
FORCED = frozenset("\n\u2028\u2029")
_DASHES = frozenset("-\u2010\u2012\u2013\u2014")
# Web and e-mail addresses (trailing punctuation is not part of them).
_WEB = re.compile(r"(?:https?://|www\.)[^\s()<>]+")
_EMAIL = re.compile(r"[^\s@()<>]+@[^\s@()<>]+\.[^\s@()<>]+")
_TRAILING = ".,;:!?)]}»"


@dataclass(frozen=True, slots=True)
class BreakPoint:
    """A position where a new line may start; forced breaks must be taken."""

    position: int
    forced: bool = False


def break_points(text: str) -> list[BreakPoint]:
    """All break opportunities in a paragraph, in increasing order (the end of text is included)."""
    points: list[BreakPoint] = []
    n = len(text)
    addresses = _address_breaks(text)
    i = 0
    while i < n:
        ch = text[i]
        if i in addresses.breaks:
            points.append(BreakPoint(i))
        if ch in FORCED:
            points.append(BreakPoint(i + 1, forced=True))
        elif ch in BREAKING_SPACES:
            j = i
            while j < n and text[j] in BREAKING_SPACES:
                j += 1
            if j < n and text[j] not in FORCED:
                points.append(BreakPoint(j))
            i = j
            continue
        elif (ch == "\u200b" or _is_hyphen_between_letters(text, i)) and i not in addresses.inside:
            points.append(BreakPoint(i + 1))
        i += 1
    if not points or points[-1].position != n:
        points.append(BreakPoint(n, forced=True))
    return points


@dataclass(frozen=True)
class _AddressBreaks:
    inside: frozenset[int]  # indices of characters inside an address
    breaks: frozenset[int]  # positions inside addresses where a line may start


def _address_breaks(text: str) -> _AddressBreaks:
    if "@" not in text and "www." not in text and "://" not in text:
        return _AddressBreaks(frozenset(), frozenset())
    inside: set[int] = set()
    breaks: set[int] = set()
    for start, end in address_spans(text):
        inside.update(range(start, end))
        if "@" in text[start:end] and "/" not in text[start:end]:
            continue  # an e-mail address
        for i in range(start + 1, end):
            after_double_slash = text[i - 2:i] == "//" and text[i] != "/"
            before_single_slash = text[i] == "/" and text[i - 1] not in "/:" and text[i + 1:i + 2] != "/"
            if after_double_slash or before_single_slash:
                breaks.add(i)
    return _AddressBreaks(frozenset(inside), frozenset(breaks))


def _is_hyphen_between_letters(text: str, i: int) -> bool:
    return text[i] in _DASHES and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def address_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each web or e-mail address in a text, trailing punctuation left out."""
    spans = []
    for match in (*_WEB.finditer(text), *_EMAIL.finditer(text)):
        end = match.end()
        while end > match.start() and text[end - 1] in _TRAILING:
            end -= 1
        spans.append((match.start(), end))
    return sorted(spans)


def trim_end(text: str, start: int, end: int) -> int:
    """The end of a line without its trailing spaces, forced-break and invisible format characters
    (UAX #9 rule L1 puts such a tail at the paragraph's level; handbill does not draw it)."""
    while end > start and (text[end - 1] in BREAKING_SPACES or text[end - 1] in FORCED
                           or is_default_ignorable(text[end - 1])):
        end -= 1
    return end


_HYPHENATED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


@functools.cache
def _dictionary(lang: str) -> HyphenationPatterns | None:
    import pyphen

    code = primary_subtag(lang)
    match = pyphen.language_fallback(code) or pyphen.language_fallback(lang)
    if not match:
        return None
    # parsing a dictionary takes ~40 ms; the parsed patterns are kept on disk (as JSON) for the next process
    key = f"{match}-{getattr(pyphen, '__version__', 'x')}"
    return cached_json("hyphenation", key, lambda: HyphenationPatterns.parse(match),
                       encode=HyphenationPatterns.to_json, decode=HyphenationPatterns.from_json, limit=20_000_000)


@dataclass(frozen=True)
class HyphenationPatterns:
    """Liang's hyphenation patterns of one pyphen dictionary, as plain data the disk cache can hold.

    ``positions`` is pyphen's ``HyphDict.positions`` (the standard Liang lookup) over these patterns;
    it is repeated here because pyphen's parsed dictionary object can only be stored as pickle.
    """

    patterns: dict[str, tuple[int, tuple[int, ...]]]  # letters -> (offset, values)
    maxlen: int
    left: int = 2
    right: int = 3

    @classmethod
    def parse(cls, name: str) -> HyphenationPatterns:
        import pyphen

        table = pyphen.Pyphen(lang=name).hd.patterns
        patterns = {key: (int(start), tuple(int(v) for v in values)) for key, (start, values) in table.items()}
        return cls(patterns, max(map(len, patterns)))

    def to_json(self) -> dict:
        return {"patterns": {key: [start, list(values)] for key, (start, values) in self.patterns.items()}}

    @classmethod
    def from_json(cls, raw: object) -> HyphenationPatterns:
        """Patterns from cached JSON, every type and range checked (anything else raises: a cache miss)."""
        table = raw["patterns"] if isinstance(raw, dict) else None
        if not isinstance(table, dict) or not table:
            raise ValueError("no patterns")
        patterns = {}
        for key, (start, values) in table.items():
            if (not isinstance(key, str) or not 0 < len(key) <= 64 or type(start) is not int
                    or not 0 <= start <= len(key) or not isinstance(values, list)
                    or not all(type(v) is int and 0 <= v <= 9 for v in values)):
                raise ValueError(f"bad pattern {key!r}")
            patterns[key] = (start, tuple(values))
        return cls(patterns, max(map(len, patterns)))

    def positions(self, word: str) -> list[int]:
        """Offsets where the word may be hyphenated (at least ``left`` and ``right`` letters apart)."""
        pointed = f".{word.lower()}."
        scores = [0] * (len(pointed) + 1)
        for i in range(len(pointed) - 1):
            for j in range(i + 1, min(i + self.maxlen, len(pointed)) + 1):
                pattern = self.patterns.get(pointed[i:j])
                if pattern is None:
                    continue
                offset, values = pattern
                for k, value in enumerate(values, i + offset):
                    if value > scores[k]:
                        scores[k] = value
        last = len(word) - self.right
        return [i - 1 for i, score in enumerate(scores) if score % 2 and self.left <= i - 1 <= last]


def hyphenation_points(word: str, lang: str) -> list[int]:
    """Offsets inside a word where it may be hyphenated (empty for unhyphenated scripts or languages)."""
    if len(word) < 6 or not word.isalpha():
        return []
    if not all(unicodedata.name(ch, "").startswith(_HYPHENATED_SCRIPTS) for ch in word):
        return []
    dictionary = _dictionary(lang)
    return list(dictionary.positions(word)) if dictionary else []
