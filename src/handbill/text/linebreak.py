"""Where lines may break, and hyphenation points for languages that hyphenate.

Break opportunities are ICU's line breaks (UAX #14 with ICU's dictionaries, through PyICU): Thai,
Lao, Khmer and Burmese break between dictionary words, Chinese and Japanese between characters with
the kinsoku rules (no line starts with ``。、」）``, none ends with ``「（``), French ``:`` ``;`` ``!`` ``?``
stay with the word before (LB13), Ethiopic breaks after its word space ``፡``, and a soft hyphen is an
opportunity that draws a hyphen. Tailorings: Korean breaks at spaces only (between Hangul
syllables UAX #14 allows a break; Korean print keeps words whole), no line starts with a Thai or Lao
repetition mark (ๆ ໆ), a Tibetan opening mark (``༈``) is never left alone at a line's end, and a web address breaks only
after its ``//`` and before a single ``/`` (as the Chicago Manual of Style advises; never at its
hyphens: ``may-|day`` would read as a hyphenated word and be copied back as ``may- day``); an e-mail
address does not break. Nor does any word at its own hyphen between two letters (``co-|operation``,
Telugu ``వివేచన-|అంతఃకరణ``): poppler and pdfium both take a hyphen that ends a line for a hyphenation
hyphen and drop it when they copy the text (``cooperation``), so the word would not come back as
written. A forced break comes after a line separator or newline.

Everything here runs once per paragraph, in time linear in its length (issue 18): the breaker asks
for opportunities and hyphenation points once, never per line.
Hyphenation (for Latin, Greek, Cyrillic, Armenian and Georgian words in justified text) comes from
pyphen's dictionaries and, for a language pyphen has none for, from TeX's hyph-utf8 patterns where
they are installed (Debian's texlive-lang-european has Turkish and Kurmanji, texlive-lang-other
Armenian and Georgian), read by pyphen too; Arabic-script, Hebrew and Devanagari words are never
hyphenated. An Armenian word is hyphenated with the Armenian hyphen ``֊`` where the font has it.
"""

from __future__ import annotations

import functools
import hashlib
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import icu

from handbill import languages
from handbill.cache import cached_json
from handbill.text.script import is_default_ignorable, primary_subtag

SPACES = frozenset(" \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000")
BREAKING_SPACES = SPACES - {"\u00a0", "\u202f"}
FORCED = frozenset("\n\u2028\u2029")
SOFT_HYPHEN = "\u00ad"
_TRAILING = ".,;:!?)]}»"
_HARD_BREAK = 100  # ICU's UBRK_LINE_HARD: rule statuses 100..199 are forced breaks


@dataclass(frozen=True, slots=True)
class BreakPoint:
    """A position where a new line may start; forced breaks must be taken."""

    position: int
    forced: bool = False


def break_points(text: str, lang: str = "") -> list[BreakPoint]:
    """All break opportunities in a paragraph, in increasing order (the end of text is included, forced)."""
    n = len(text)
    addresses = _address_breaks(text)
    keep_words = primary_subtag(lang) == "ko" if lang else False
    points: list[BreakPoint] = []
    for position, status in _icu_breaks(text, lang):
        if position <= 0 or position >= n:
            continue
        forced = _HARD_BREAK <= status < 2 * _HARD_BREAK
        if not forced and (position - 1 in addresses.inside and position in addresses.inside):
            continue
        if not forced and ((keep_words and _is_hangul(text[position - 1]) and _is_hangul(text[position]))
                           or text[position] in _REPETITION_MARKS or _after_opening_mark(text, position)
                           or _after_word_hyphen(text, position)):
            continue
        points.append(BreakPoint(position, forced))
    if addresses.breaks:
        taken = {p.position for p in points}
        points.extend(BreakPoint(i) for i in addresses.breaks if i not in taken)
        points.sort(key=lambda p: p.position)
    points.append(BreakPoint(n, forced=True))
    return points


def _after_word_hyphen(text: str, position: int) -> bool:
    """True right after a hyphen-minus joining two parts of a word (a letter or mark on each side)."""
    return (position >= 2 and text[position - 1] == "-" and unicodedata.category(text[position - 2])[0] in "LM"
            and unicodedata.category(text[position])[0] in "LM")


def _icu_breaks(text: str, lang: str) -> list[tuple[int, int]]:
    """(position, rule status) of ICU's line breaks, positions in characters (ICU counts UTF-16 units)."""
    iterator = _line_iterator(lang)
    iterator.setText(text)
    to_char = _utf16_to_char(text)
    result = []
    for boundary in iterator:
        result.append((to_char[boundary] if to_char is not None else boundary, iterator.getRuleStatus()))
    return result


def _line_iterator(lang: str) -> icu.BreakIterator:
    """A line break iterator for a language (one per process and language: creating one loads rules)."""
    return _iterator_for(primary_subtag(lang) if lang else "und")


@functools.lru_cache(maxsize=64)
def _iterator_for(language: str) -> icu.BreakIterator:
    return icu.BreakIterator.createLineInstance(icu.Locale(language))


def _utf16_to_char(text: str) -> list[int] | None:
    """Character index of each UTF-16 offset, or None when the two agree (no character above U+FFFF)."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return None
    table = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) >= 0x10000:
            table.append(i)
    table.append(len(text))
    return table


# Thai and Lao repetition marks (ๆ ໆ) repeat the word before them: ICU's Lao dictionary breaks before ໆ.
_REPETITION_MARKS = frozenset("\u0e46\u0ec6")
# Tibetan marks that open a text or a verse (yig mgo, sbrul shad ༈): UAX #14 keeps them with what
# follows only when nothing is between; a space after them must not leave them alone on a line.
_OPENING_MARKS = frozenset("\u0f01\u0f02\u0f03\u0f04\u0f05\u0f06\u0f07\u0f08\u0f09\u0f0a")


def _after_opening_mark(text: str, position: int) -> bool:
    """True if a line ending here would end with an opening mark (spaces after it left aside)."""
    i = position
    while i > 0 and text[i - 1] in BREAKING_SPACES:
        i -= 1
    return i > 0 and text[i - 1] in _OPENING_MARKS


def _is_hangul(ch: str) -> bool:
    code = ord(ch)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def grapheme_boundaries(text: str) -> list[int]:
    """Extended grapheme cluster boundaries (UAX #29, ICU): an emoji with its skin tone, a flag, a ZWJ
    sequence and a Hangul syllable in jamo are one unit each. Includes 0 and len(text)."""
    iterator = _grapheme_iterator()
    iterator.setText(text)
    to_char = _utf16_to_char(text)
    return [0, *(to_char[b] if to_char is not None else b for b in iterator)] if text else [0]


@functools.cache
def _grapheme_iterator() -> icu.BreakIterator:
    return icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())


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


def address_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each web or e-mail address in a text, trailing punctuation left out.

    Found by scanning outwards from each ``://``, ``www.`` and ``@`` (linear in the text, unlike a
    regular expression that retries from every character of a long run without spaces)."""
    spans = []
    for marker in ("://", "www."):
        at = text.find(marker)
        while at >= 0:
            start = at
            if marker == "://":
                start = at - 5 if text[max(0, at - 5):at] == "https" else at - 4
                if text[max(0, start):at] not in ("http", "https"):
                    at = text.find(marker, at + 1)
                    continue
            end = _address_end(text, at)
            spans.append((start, end))
            at = text.find(marker, max(end, at + 1))
    at = text.find("@")
    while at >= 0:
        start = at
        while start > 0 and _in_address(text[start - 1]) and text[start - 1] != "@":
            start -= 1
        end = at + 1
        while end < len(text) and _in_address(text[end]) and text[end] != "@":
            end += 1
        end = _without_trailing(text, at + 1, end)
        if start < at and "." in text[at + 1:end]:
            spans.append((start, end))
        at = text.find("@", at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _in_address(ch: str) -> bool:
    return not ch.isspace() and ch not in "()<>"


def _address_end(text: str, at: int) -> int:
    end = at
    while end < len(text) and _in_address(text[end]):
        end += 1
    return _without_trailing(text, at, end)


def _without_trailing(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


def trim_end(text: str, start: int, end: int) -> int:
    """The end of a line without its trailing spaces, forced-break and invisible format characters
    (UAX #9 rule L1 puts such a tail at the paragraph's level; handbill does not draw it). A joiner
    (ZWJ, ZWNJ) stays: it belongs to the letter before it (Malayalam's chillu ള്‍ ends in ZWJ)."""
    while end > start and _trails(text[end - 1]) and not _joins_a_letter(text, start, end - 1):
        end -= 1
    return end


def _trails(ch: str) -> bool:
    return ch in BREAKING_SPACES or ch in FORCED or is_default_ignorable(ch)


def _joins_a_letter(text: str, start: int, index: int) -> bool:
    """A joiner right after something visible (a letter, a virama) belongs to it; after a space or at
    the line's start it is part of the trailing tail like any other format character."""
    return text[index] in _JOINERS and index > start and not _trails(text[index - 1])


_JOINERS = frozenset("\u200c\u200d")


_HYPHENATED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "GEORGIAN")
_HYPHENATED_SCRIPT_CODES = frozenset({"Latn", "Grek", "Cyrl", "Armn", "Geor"})  # the same, as ISO 15924 codes
ARMENIAN_HYPHEN = "\u058a"
# Where TeX's hyph-utf8 patterns are installed as plain text (Debian's texlive-lang-*, TeX Live's own).
TEX_PATTERN_FOLDERS = (Path("/usr/share/texlive/texmf-dist/tex/generic/hyph-utf8/patterns/txt"),
                       Path("/usr/share/texmf/tex/generic/hyph-utf8/patterns/txt"))


def hyphen_char(script: str, covers: Callable[[str], bool]) -> str:
    """The hyphen drawn at a hyphenated line's end: Armenian's own where the font has it, else ``-``."""
    return ARMENIAN_HYPHEN if script == "Armn" and covers(ARMENIAN_HYPHEN) else "-"


@functools.cache
def _dictionary(lang: str) -> HyphenationPatterns | None:
    import pyphen

    code = primary_subtag(lang)
    match = pyphen.language_fallback(code) or pyphen.language_fallback(lang)
    if not match:
        return _tex_dictionary(code)
    # parsing a dictionary takes ~40 ms; the parsed patterns are kept on disk (as JSON) for the next process
    key = f"{match}-{getattr(pyphen, '__version__', 'x')}"
    return cached_json("hyphenation", key, lambda: HyphenationPatterns.parse(match),
                       encode=HyphenationPatterns.to_json, decode=HyphenationPatterns.from_json, limit=20_000_000)


def tex_patterns(code: str) -> Path | None:
    """The installed hyph-utf8 pattern file of a language (``hyph-tr.pat.txt``), if any."""
    if not code.replace("-", "").isalnum():
        return None
    for folder in TEX_PATTERN_FOLDERS:
        path = folder / f"hyph-{code}.pat.txt"
        if path.is_file():
            return path
    return None


def _tex_dictionary(code: str) -> HyphenationPatterns | None:
    path = tex_patterns(code)
    if path is None:
        return None
    data = path.read_bytes()
    key = f"tex-{code}-{hashlib.sha256(data).hexdigest()[:16]}"
    return cached_json("hyphenation", key, lambda: HyphenationPatterns.parse_tex(data),
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

        return cls._of(pyphen.Pyphen(lang=name))

    @classmethod
    def parse_tex(cls, data: bytes) -> HyphenationPatterns:
        """Patterns of a hyph-utf8 ``.pat.txt`` file (UTF-8, one Liang pattern a line), read by pyphen:
        it takes a hunspell-style dictionary, which is the same list after a line naming the charset."""
        import pyphen

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "hyph.dic"
            path.write_bytes(b"UTF-8\n" + data)
            return cls._of(pyphen.Pyphen(filename=str(path), cache=False))

    @classmethod
    def _of(cls, dictionary: Any) -> HyphenationPatterns:
        table = dictionary.hd.patterns
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


def has_hyphenation(lang: str) -> bool:
    """True if pyphen or TeX's installed patterns have a hyphenation dictionary for the language."""
    return _dictionary(lang) is not None


def writes_hyphenated(lang: str) -> bool:
    """True if the language is written in a script whose words handbill hyphenates (a dictionary would
    help it); False for Chinese, Thai, Arabic-script, Hebrew, Indic and the like, with or without one."""
    return languages.info(lang).letter_script in _HYPHENATED_SCRIPT_CODES


def hyphenation_points(word: str, lang: str) -> list[int]:
    """Offsets inside a word where it may be hyphenated (empty for unhyphenated scripts or languages)."""
    if len(word) < 6 or not word.isalpha():
        return []
    if not all(unicodedata.name(ch, "").startswith(_HYPHENATED_SCRIPTS) for ch in word):
        return []
    dictionary = _dictionary(lang)
    return list(dictionary.positions(word)) if dictionary else []
