"""Shaping: turn a run of logical text in one font into positioned glyphs with cluster indices.

HarfBuzz (uharfbuzz) shapes every run, in logical order, with its direction, script (ISO 15924) and
language (BCP 47: HarfBuzz picks the OpenType language system, so Urdu digits and Serbian italics
take their local forms), at cluster level MONOTONE_CHARACTERS: a mark keeps its own cluster, and
text/glyphtext.py joins it to its letter. The text around the run is given as context, so a word cut
by a line break or a font change still joins across the cut.

If uharfbuzz cannot be imported (or force_fallback_shaper is on), a fallback maps characters through
the font's cmap: arabic-reshaper gives Arabic and Persian their presentation forms (the same glyphs
HarfBuzz picks, tested), brackets are mirrored in right-to-left runs, marks are centred over their
letter, invisible format characters become zero-width blanks. It cannot kern, and letters without
presentation forms (Sorani ڕ ڵ ێ ە, Urdu ٹ ڈ ڑ ں ے) stay unjoined: the build warns about those.

Glyphs come back the way HarfBuzz gives them: in visual order for the run (reversed for a
right-to-left run). Each carries the index of the first character of its cluster::

    logical   ل ا م      clusters 0 1 2       (lam, alef, meem; lam+alef form one ligature glyph)
    HarfBuzz  [meem:2] [lam-alef:0]           RTL: visual order, the ligature's cluster is 0
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from handbill.fonts.face import FontFace
from handbill.text.script import is_default_ignorable

try:  # the real shaper
    import uharfbuzz as _hb
except ImportError:  # pragma: no cover - exercised by forcing the fallback in tests
    _hb = None

_forced_fallback = False


@dataclass(frozen=True, slots=True)
class Glyph:
    """One shaped glyph; positions in font units of its face."""

    gid: int
    cluster: int
    x_advance: int
    x_offset: int
    y_offset: int


def harfbuzz_available() -> bool:
    """True when shaping goes through HarfBuzz."""
    return _hb is not None and not _forced_fallback


def force_fallback_shaper(enabled: bool) -> None:
    """Use the arabic-reshaper fallback even if HarfBuzz is installed (tests, comparisons)."""
    global _forced_fallback
    _forced_fallback = enabled


def shape(text: str, start: int, end: int, face: FontFace, rtl: bool, script: str, lang: str,
          features: dict[str, bool] | None = None) -> list[Glyph]:
    """Shape text[start:end] (the rest of text is context for joining) in visual order for the run."""
    if harfbuzz_available():
        return _shape_harfbuzz(text, start, end, face, rtl, script, lang, features)
    return _shape_fallback(text, start, end, face, rtl, script)


def _shape_harfbuzz(text: str, start: int, end: int, face: FontFace, rtl: bool, script: str, lang: str,
                    features: dict[str, bool] | None) -> list[Glyph]:
    buf = _hb.Buffer()
    buf.add_str(text, item_offset=start, item_length=end - start)
    buf.direction = "rtl" if rtl else "ltr"
    buf.script = script
    buf.language = lang
    buf.cluster_level = _hb.BufferClusterLevel.MONOTONE_CHARACTERS
    _hb.shape(face.hb_font(), buf, features or {})
    return [
        Glyph(info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
    ]


# Scripts whose joining arabic-reshaper knows; their runs are reshaped to presentation forms.
_RESHAPED_SCRIPTS = frozenset({"Arab"})
_LAM_ALEF = range(0xFEF5, 0xFEFD)


def _shape_fallback(text: str, start: int, end: int, face: FontFace, rtl: bool, script: str) -> list[Glyph]:
    """cmap lookup and hmtx advances; Arabic joined through arabic-reshaper's presentation forms,
    brackets mirrored in right-to-left runs, combining marks centred over their letter."""
    piece = text[start:end]
    clusters = list(range(start, end))
    if script in _RESHAPED_SCRIPTS:
        piece, clusters = _reshape_arabic(piece, start)
    glyphs = []
    blank = face.glyph_ids.get(ord(" "), 0)
    for ch, cluster in zip(piece, clusters, strict=True):
        if is_default_ignorable(ch):  # like HarfBuzz: hidden behind a zero-width blank
            glyphs.append(Glyph(blank, cluster, 0, 0, 0))
            continue
        drawn = MIRRORED.get(ch, ch) if rtl else ch
        gid = face.glyph_ids.get(ord(drawn))
        if gid is None:  # no presentation form (or mirror) in this font: draw the base letter unjoined
            gid = face.glyph_ids.get(ord(text[cluster]), 0)
        glyphs.append(Glyph(gid, cluster, 0 if _is_zero_width(ch) else face.advances[gid], 0, 0))
    glyphs = _attach_marks(glyphs, face, rtl)
    return glyphs[::-1] if rtl else glyphs


def _attach_marks(glyphs: list[Glyph], face: FontFace, rtl: bool) -> list[Glyph]:
    """Centre each zero-advance mark over (or under) the letter before it, stacking several marks.

    In logical order ``[letter, mark]``: a left-to-right mark's pen stands at the letter's right edge, a
    right-to-left mark (drawn just before its letter, visually) at the letter's origin.
    """
    placed: list[Glyph] = []
    base: Glyph | None = None
    top = bottom = 0
    for g in glyphs:
        if g.x_advance or base is None:
            placed.append(g)
            base = g if g.x_advance else base
            if base is not None:
                top, bottom = face.glyph_box(base.gid)[3], face.glyph_box(base.gid)[1]
            continue
        bx0, _, bx1, _ = face.glyph_box(base.gid)
        mx0, my0, mx1, my1 = face.glyph_box(g.gid)
        pen = 0 if rtl else base.x_advance
        x_offset = round((bx0 + bx1) / 2 - (mx0 + mx1) / 2 - pen)
        gap = face.units_per_em // 20
        if my0 >= 0:  # a mark above: clear the letter (and the marks already above it)
            y_offset = max(0, top + gap - my0)
            top = my1 + y_offset
        else:
            y_offset = min(0, bottom - gap - my1)
            bottom = my0 + y_offset
        placed.append(Glyph(g.gid, g.cluster, 0, x_offset, y_offset))
    return placed


def _is_zero_width(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me", "Cf")


# Bidi_Mirroring_Glyph for the characters prose uses (HarfBuzz applies the whole table itself).
_PAIRS = "()[]{}<>«»‹›⁅⁆⁽⁾₍₎≤≥≦≧≪≫⟨⟩⟪⟫⌈⌉⌊⌋〈〉《》「」『』【】〔〕"
MIRRORED = {a: b for a, b in zip(_PAIRS[::2], _PAIRS[1::2], strict=True)}
MIRRORED.update({b: a for a, b in list(MIRRORED.items())})


def _reshape_arabic(piece: str, start: int) -> tuple[str, list[int]]:
    """Presentation forms for an Arabic-script piece, with the source index of each output character."""
    shaped = _reshaper().reshape(piece)
    clusters: list[int] = []
    source = start
    for ch in shaped:
        clusters.append(source)
        source += 2 if ord(ch) in _LAM_ALEF else 1
    if source != start + len(piece):  # a ligature the mapping does not know: keep letters as they are
        return piece, list(range(start, start + len(piece)))
    return shaped, clusters


@functools.cache
def _reshaper():
    """arabic-reshaper with only the lam-alef ligatures (whose source characters the mapping knows)."""
    import arabic_reshaper
    from arabic_reshaper.ligatures import LIGATURES

    config = {"delete_harakat": False, "support_ligatures": True, "delete_tatweel": False,
              "support_zwj": True, "shift_harakat_position": False}
    config.update({name: name.startswith("ARABIC LIGATURE LAM WITH ALEF") for name, _ in LIGATURES})
    return arabic_reshaper.ArabicReshaper(configuration=config)
