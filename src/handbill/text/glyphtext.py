"""What each drawn glyph stands for when the PDF is copied, searched or read back.

A PDF has no text, only glyphs at positions and a ToUnicode map from each glyph to characters.
Extractors rebuild the text from positions: poppler's ``pdftotext`` (measured: 22.12) and pdfium both
sort the glyphs of a line by x, split a glyph that maps to several characters into equal slices from
left to right, and then turn the visual order back into logical order with a simplified bidi pass.
So what counts is not the order glyphs are drawn in but *where* each character's text sits.

The rules, per line and per run of one direction:

1. **Units.** A unit is a grapheme as a reader sees it: a base character with its combining marks,
   joiners (ZWNJ, ZWJ), variation selectors and other invisible format characters, and an Indic
   conjunct (a consonant after a virama, as in न्ह). HarfBuzz (shaping at the ``MONOTONE_CHARACTERS``
   level) gives marks their own clusters; they join the unit before them here. A cluster drawn only
   by zero-advance glyphs that are not marks (Noto Naskh's lam-alef: a wide lam and a zero-width
   alef) joins the unit before it too, like a ligature. A line is never broken inside a unit.

2. **Carriers.** A unit's characters sit on its *advancing* glyphs, one character each in reading
   order (x increasing for left-to-right, decreasing for right-to-left); the last carrier takes the
   rest. Zero-advance glyphs (marks) carry nothing, so an extractor never sorts a mark before its
   base. A Devanagari syllable whose vowel sign is drawn first comes out right this way::

        logical   ल ि            glyphs (visual)  [ि-sign][ल]      text  "ल"  "ि"
        logical   ف ً (RTL)      glyphs (visual)  [ًmark][ف]       text  ""   "ًف"

   A vowel sign written in two parts around its consonant (Bengali ো, Tamil ொ, Malayalam ൊ, Sinhala
   ො) gives a unit more advancing glyphs than characters; an advancing glyph with no text reads as a
   gap, and extractors put a space there (``ঘো ষণা``). Such a unit's text is taken in its canonical
   decomposition (NFD: ো is ে + া), which gives each part a character of its own::

        logical   ঘ ো            glyphs (visual)  [ে][ঘ][া]         text  "ঘ"  "ে"  "া"

   so the extracted word is whole and canonically equivalent to the author's (equal after NFC); rule 6
   makes it byte for byte the author's.

3. **Right-to-left glyphs** that carry several characters store them reversed (lam-alef "لا" is
   stored "ال"), because an extractor lays a glyph's characters out left to right and then reads a
   right-to-left line from the right.

4. **Direction marks, only where extraction needs them.** The text layer holds no character the
   author did not write, except the direction marks below, each measurably needed. Measured with
   poppler 22.12 ``pdftotext`` and pypdfium2 on the world and scripts fixtures, the seed, the
   published UDHR in ar, fa, ur, ps, he, yi, dv, and an English paragraph quoting Persian, Arabic,
   Hebrew and Urdu (marks stripped from the extraction before comparing, each kind switched off):

   - *Before a stretch of the other direction*: the stretch's first glyph gets the paragraph's mark
     (RLM before a number of a right-to-left line, LRM before a right-to-left stretch of a left-to-right
     one) logically before it. Both extractors treat digits as left-to-right and let the neutral
     characters visually next to them (spaces, commas) join them; without the RLM ``في 9 أيار 1945،``
     comes back as ``في 9أيار ،1945`` (poppler) and ``في 9 أيار ،1945`` (pdfium): the comma moves across
     the number. A line that starts with the stretch needs it as much (``9 مئی`` -> ``9مئی``). Without
     the LRM poppler drops the space after a right-to-left stretch (``آزادی،صلح and`` -> ``آزادی،
     صلحand``, ``לכל העמים! was`` -> ``!לכל העמיםwas``). Only the stretch's first glyph: a mark
     between ``9`` and ``May`` would split it.
   - *After number punctuation in a right-to-left run*: a glyph standing for a character of the bidi
     classes ES, ET or CS (. , ، : / - % +) gets an RLM logically after it, unless it is the line's
     last character. Without it poppler moves the space after a full stop or comma before it (``word.
     next`` -> ``word .next``): 280 of the 651 lines of those right-to-left pages lost their exact
     spacing; an RLM logically before the punctuation instead did not help. After the line's last
     character (a paragraph's full stop) the mark changed no extracted line.

   An RLM at the start of every right-to-left line (meant to steer poppler's word-space threshold)
   changed no extracted line of those files (675 lines with right-to-left letters, in each
   extractor), and is gone. The structure tree (render/tagging.py) gives each paragraph's text as
   written in its element's /ActualText, marks or not.

5. **Invisible glyphs** that stand for nothing but format characters (ZWNJ, ZWJ, bidi controls: the
   shaper draws them as zero-width blanks) are not drawn at all; their characters are already in their
   unit's text. A ZWNJ glyph would otherwise keep the space glyph's width in the PDF font and
   extractors would split the word there. The author's bidi controls (RLM, LRM, ALM, the embedding
   and isolate controls) are left out of the text layer: they have no place an extractor could put
   them, each extractor runs its own bidi pass, and rule 4 adds the marks extraction needs.

6. **ActualText spans.** A left-to-right unit whose glyphs cannot carry its characters one by one as
   written (rule 2 had to decompose a two-part vowel sign, or a carrier is so narrow, under 0.12 em per
   character, that poppler takes the character after it for a duplicate and starts a new word there, as
   Kannada's subjoined ಲ) is drawn inside a marked-content span ``/Span <</ActualText (ঘো)>> BDC ... EMC``
   holding the author's characters exactly. poppler and pdfium both put the span's ActualText in place of
   its glyphs' texts, spread over the span's width, so the word comes back byte for byte; an extractor
   that ignores ActualText still reads rule 2's text. pdfium keeps reading after the object that held the
   ActualText: the span's glyphs are therefore one text object (one ``TJ``, render/draw.py), else pdfium
   measures the next gap from the span's first glyph and reads a space. Right-to-left units get no span
   (pdfium reorders ActualText of right-to-left lines wrongly), nor does a unit whose glyphs gained a
   direction mark (rule 4). The span changes no pixel (tests/render/test_actual_text.py).

7. **Marks at the left of a right-to-left word.** A right-to-left glyph's text is stored reversed
   (rule 3), so a unit that ends with a mark (Thaana's vowel signs: nearly every word; vowelled Arabic)
   stores the mark first, at the glyph's left. Where the nearest text to its left (spaces skipped) is
   not a right-to-left letter (a comma, a full stop, a digit, the line's left end), such a glyph gets an
   RLM at its left (logically after the unit); inside and between words the text stays as written.
   Measured without it: pdfium, on right-to-left pages too, moves the vowel sign across the punctuation
   after its word (``ސުލްހަ،`` -> ``ސުލްހ،ަ``, ``ގޮތުގައެވެ.`` -> ``ގޮތުގައެވ.ެ``: 92 of the 532
   lines of the scripts fixture's and the UDHR's right-to-left pages, every one with Thaana); poppler
   on a page it reads left to right writes such a mark out on its own before its word: the Thaana
   flyer of the scripts fixture (Latin slogan and signatories) lost its headline's order at the line's
   left end (``ސުލްހަށްޓަކައި އެކުގައި`` -> ``ިސުލްހަށްޓަކައިއެކުގައ``), so the line-end case stays too
   (it changed no line of a page poppler reads right to left). No glyph order, position or honest
   ActualText span gives pdfium the order (it reorders right-to-left ActualText wrongly, rule 6).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from handbill.lines import ActualText
from handbill.text.bidi import bidi_class
from handbill.text.script import is_default_ignorable, is_mark

RLM = "\u200f"
LRM = "\u200e"
SOFT_HYPHEN = "\u00ad"
DIRECTION_MARKS = frozenset((RLM, LRM))
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NUMBER_PUNCTUATION = frozenset(("ES", "ET", "CS"))
NARROW = 0.12  # em per character: poppler takes a character this close to the one before for a duplicate
VIRAMA_CLASS = 9  # canonical combining class of the viramas (Devanagari ्, Bengali ্, ...)


@dataclass(frozen=True, slots=True)
class GlyphSpot:
    """One shaped glyph of a run, where the line puts it: its cluster, x (points) and advance (font units)."""

    cluster: int
    x: float
    advance: int


def is_joining_part(chars: str) -> bool:
    """True if a cluster's characters are only marks and invisible format characters (they join a unit)."""
    return bool(chars) and all(is_mark(ch) or is_default_ignorable(ch) for ch in chars)


def joins_previous(previous: str, chars: str) -> bool:
    """True if a cluster belongs to the unit of the cluster before it (marks, joiners, a conjunct: a
    letter after a virama, or a cluster that starts with a virama, as Oriya ଶ + ୍ର; a space or
    punctuation after a virama starts a unit of its own)."""
    if is_joining_part(chars) or (chars and is_mark(chars[0])):
        return True
    return (bool(previous) and unicodedata.combining(previous[-1]) == VIRAMA_CLASS
            and bool(chars) and chars[0].isalpha())


def is_ignorable_cluster(chars: str) -> bool:
    """True if a cluster stands only for default-ignorable characters (ZWNJ, ZWJ, bidi controls): no
    glyph, no advance. Spaces are not ignorable (compare ``load.text_checks.is_blank``)."""
    return bool(chars) and all(is_default_ignorable(ch) for ch in chars)


def cluster_ends(clusters: Sequence[int], end: int) -> dict[int, int]:
    """The end of each cluster: the next cluster's start, or the run's end."""
    ordered = sorted(set(clusters))
    return {c: (ordered[i + 1] if i + 1 < len(ordered) else end) for i, c in enumerate(ordered)}


def unit_of(text: str, spots: Sequence[GlyphSpot], end: int) -> tuple[dict[int, int], dict[int, int]]:
    """Rule 1: the unit each cluster belongs to (cluster -> unit start), and each unit's end.

    A leading cluster of marks or format characters (a run that starts with ZWNJ) joins the unit after it.
    """
    ends = cluster_ends([s.cluster for s in spots], end)
    advancing = {s.cluster for s in spots if s.advance}
    owner: dict[int, int] = {}
    pending: list[int] = []
    current: int | None = None
    previous = ""
    for cluster in sorted(ends):
        chars = text[cluster:ends[cluster]]
        silent = cluster not in advancing and not any(is_mark(ch) or is_default_ignorable(ch) for ch in chars)
        joins, previous = joins_previous(previous, chars), chars
        if current is not None and (joins or silent):
            owner[cluster] = current
            continue
        if current is None and is_joining_part(chars):
            pending.append(cluster)
            continue
        current = pending[0] if pending else cluster
        for waiting in (*pending, cluster):
            owner[waiting] = current
        pending = []
    for waiting in pending:  # only joining parts: they form one unit of their own
        owner[waiting] = pending[0]
    unit_end: dict[int, int] = {}
    for cluster in sorted(ends):
        unit_end[owner[cluster]] = ends[cluster]
    return owner, unit_end


def glyph_texts(text: str, spots: Sequence[GlyphSpot], end: int, rtl: bool) -> list[str]:
    """The ToUnicode text of each glyph of a run (rules 1 to 3), in the order of ``spots``."""
    return glyph_texts_and_spans(text, spots, end, rtl)[0]


def glyph_texts_and_spans(text: str, spots: Sequence[GlyphSpot], end: int, rtl: bool, em: int = 0
                          ) -> tuple[list[str], list[ActualText | None]]:
    """The ToUnicode text of each glyph of a run (rules 1 to 3), and the ActualText span each glyph
    belongs to (rule 6; None for most glyphs), both in the order of ``spots``. ``em`` is the font's
    units per em (0: no glyph counts as narrow)."""
    owner, unit_end = unit_of(text, spots, end)
    ends = cluster_ends([s.cluster for s in spots], end)
    members: dict[int, list[int]] = {}
    for index, spot in enumerate(spots):
        members.setdefault(owner[spot.cluster], []).append(index)
    texts = [""] * len(spots)
    spans: list[ActualText | None] = [None] * len(spots)
    for unit, indices in members.items():
        carriers = _carriers(text, ends, spots, indices, rtl)
        written = "".join(ch for ch in text[unit:unit_end[unit]] if ch not in BIDI_CONTROLS)
        chars = written
        if len(carriers) > len(chars):  # a vowel sign drawn in two parts: one character per part
            chars = unicodedata.normalize("NFD", chars)
        narrow = False
        for k, index in enumerate(carriers):
            if k >= len(chars):
                break
            part = chars[k:] if k == len(carriers) - 1 else chars[k]
            texts[index] = part[::-1] if rtl and len(part) > 1 else part
            narrow = narrow or spots[index].advance < NARROW * em * len(part)
        wide = sum(spots[i].advance for i in carriers) >= NARROW * em * len(written)
        if not rtl and written and (chars != written or (narrow and wide)):  # rule 6
            for index in indices:
                spans[index] = ActualText(unit, written)
    return texts, spans


def _carriers(text: str, ends: dict[int, int], spots: Sequence[GlyphSpot], indices: list[int],
              rtl: bool) -> list[int]:
    """Rule 2: the glyphs of a unit that carry its characters, in reading order. A unit with no
    advancing glyph (a mark alone) puts them on a glyph that draws something, not on a hidden one."""
    advancing = [i for i in indices if spots[i].advance]
    if not advancing:
        drawn = [i for i in indices if not is_ignorable_cluster(text[spots[i].cluster:ends[spots[i].cluster]])]
        advancing = [min(drawn or indices, key=lambda i: (spots[i].cluster, i))]
    return sorted(advancing, key=lambda i: (-spots[i].x, i) if rtl else (spots[i].x, i))


def first_carrier(spots: Sequence[GlyphSpot], texts: Sequence[str], rtl: bool) -> int | None:
    """The glyph that carries a run's first character (the start of its first unit), if any."""
    carrying = [i for i, t in enumerate(texts) if t]
    if not carrying:
        return None
    first = min(spots[i].cluster for i in carrying)
    candidates = [i for i in carrying if spots[i].cluster == first] or carrying
    return min(candidates, key=lambda i: (-spots[i].x, i) if rtl else (spots[i].x, i))


def last_carrier(spots: Sequence[GlyphSpot], texts: Sequence[str], rtl: bool) -> int | None:
    """The glyph read last in a run: the last carrier, in reading order, of its last unit, if any."""
    carrying = [i for i, t in enumerate(texts) if t]
    if not carrying:
        return None
    return max(carrying, key=lambda i: (spots[i].cluster, -spots[i].x if rtl else spots[i].x, i))


def mark_before(glyph_text: str, glyph_rtl: bool, mark: str) -> str:
    """A glyph's text with a direction mark logically before it (rule 4; RTL texts are stored reversed)."""
    logical = glyph_text[::-1] if glyph_rtl else glyph_text
    if logical.startswith(mark):
        return glyph_text
    return glyph_text + mark if glyph_rtl else mark + glyph_text


def mark_after(glyph_text: str, glyph_rtl: bool, mark: str) -> str:
    """A glyph's text with a direction mark logically after it."""
    logical = glyph_text[::-1] if glyph_rtl else glyph_text
    if logical.endswith(mark):
        return glyph_text
    return mark + glyph_text if glyph_rtl else glyph_text + mark


def guard_leading_marks(spots: Sequence[GlyphSpot], texts: Sequence[str]) -> list[str]:
    """Rule 7: the texts of a right-to-left run, an RLM put before a stored text that starts with a mark
    or joiner where the nearest text to its left (spaces skipped) is not a right-to-left letter."""
    out = list(texts)
    strong_left = False
    for index in sorted((i for i, t in enumerate(texts) if t), key=lambda i: (spots[i].x, i)):
        text = out[index]
        if not strong_left and text[0] not in DIRECTION_MARKS and (is_mark(text[0]) or is_default_ignorable(text[0])):
            out[index] = RLM + text
        visible = text.rstrip(" \u00a0")
        if visible:
            strong_left = bidi_class(visible[-1]) in ("R", "AL")
    return out


def is_number_punctuation(glyph_text: str) -> bool:
    """True if a glyph stands for a character extractors group with digits (bidi ES, ET, CS: . , ، : /)."""
    return any(bidi_class(ch) in _NUMBER_PUNCTUATION for ch in glyph_text)


def reading_text(glyph_text: str, glyph_rtl: bool) -> str:
    """A glyph's text in logical order, direction marks removed (the inverse of rules 3 and 4)."""
    logical = glyph_text[::-1] if glyph_rtl else glyph_text
    return "".join(ch for ch in logical if ch not in DIRECTION_MARKS)
