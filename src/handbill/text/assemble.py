"""Assembling a line: its runs cut to the line, placed in visual order (rule L2), justified, and
each glyph given the text it stands for in the PDF (text/glyphtext.py).

    line = build_line(shaped, spec, start, end, hyphen=False, stretch_to=None)

A line's glyphs come out in logical order, each at its visual x (see text/paragraph.py).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from handbill.lines import HYPHEN_CLUSTER, ActualText, Line, PlacedGlyph
from handbill.text.breaker import opportunities
from handbill.text.glyphtext import (
    DIRECTION_MARKS,
    LRM,
    RLM,
    SOFT_HYPHEN,
    GlyphSpot,
    first_carrier,
    glyph_texts_and_spans,
    guard_leading_marks,
    is_number_punctuation,
    joins_previous,
    last_carrier,
    mark_after,
    mark_before,
)
from handbill.text.glyphtext import reading_text as glyph_reading_text
from handbill.text.justify import (
    Gaps,
    Stretch,
    draws_nothing,
    is_space,
    line_gaps,
    piece_width,
    stretch,
    takes_letter_spacing,
)
from handbill.text.linebreak import BREAKING_SPACES, hyphen_char, trim_end
from handbill.text.prepare import CURSIVE_SCRIPTS, ShapedParagraph, ShapedRun
from handbill.text.reorder import visual_runs
from handbill.text.shape import Glyph, shape
from handbill.text.spec import ParagraphSpec


def build_line(shaped: ShapedParagraph, spec: ParagraphSpec, start: int, end: int, hyphen: bool,
                stretch_to: float | None) -> Line:
    """One line: its pieces placed in visual order, its glyphs listed in logical order with their text;
    glyphs that draw nothing and stand for nothing are left out."""
    text = shaped.text
    visible_end = trim_end(text, start, end)
    pieces = _line_pieces(shaped, spec, start, visible_end)
    if hyphen and pieces:
        pieces.append(_hyphen_piece(shaped, spec, pieces, visible_end))
    spots, width, ragged = _place(shaped, spec, pieces, stretch_to)
    texts, spans = _texts(shaped, pieces, spots)
    size = spec.style.size
    logical: list[PlacedGlyph] = []
    for index, piece in enumerate(pieces):
        scale = size / piece.face.units_per_em
        out = [PlacedGlyph(g.gid, piece.face, size, spot.x, spot.y, glyph_text, spot.cluster, piece.rtl,
                           g.x_advance * scale, span)
               for g, spot, glyph_text, span in zip(piece.glyphs, spots[index], texts[index], spans[index],
                                                    strict=True)
               if glyph_text or not draws_nothing(text, g)]
        logical.extend(out[::-1] if piece.rtl else out)
    return Line(tuple(logical), width, start, end, ragged)

def _place(shaped: ShapedParagraph, spec: ParagraphSpec, pieces: list[ShapedRun], stretch_to: float | None
           ) -> tuple[list[list[_Spot]], float, bool]:
    """Each glyph's position (pieces in visual order, rule L2), stretched to justify when asked (a
    gap of a script without spaces goes before the first glyph of the cluster after it), and whether
    a line asked to be justified was left ragged (its gaps would be too wide)."""
    text = shaped.text
    size = spec.style.size
    tracking = spec.style.tracking / 1000.0
    order = visual_runs([p.level for p in pieces])
    room = Stretch()
    gaps = Gaps()
    ragged = False
    if stretch_to is not None:
        natural = sum(piece_width(p, tracking) for p in pieces) * size
        gaps = line_gaps(text, pieces, opportunities(shaped))
        room = stretch(text, [pieces[i] for i in order], stretch_to - natural, size, spec.style.max_gap, gaps)
        ragged = not room and stretch_to - natural > 0.01 * size
    spots: list[list[_Spot]] = [[] for _ in pieces]
    x = 0.0
    first = True  # no spaced letter yet: spacing goes between letters (stretch counts one fewer)
    opened: set[int] = set()  # clusters a gap was put before
    for index in order:
        piece = pieces[index]
        scale = size / piece.face.units_per_em
        for g in piece.glyphs:
            if room.letter and takes_letter_spacing(text, g, piece):
                x += 0.0 if first else room.letter
                first = False
            if (room.gap or room.inner) and g.cluster not in opened \
                    and (g.cluster in gaps.at or g.cluster in gaps.inner):
                opened.add(g.cluster)
                x += room.gap if g.cluster in gaps.at else room.inner
            spots[index].append(_Spot(g.cluster, x + g.x_offset * scale, g.x_advance, g.y_offset * scale))
            x += g.x_advance * scale
            if g.x_advance and piece.script not in CURSIVE_SCRIPTS:
                x += tracking * size
            if room.space and is_space(text, g, piece):
                x += room.space
    return spots, x, ragged


def _texts(shaped: ShapedParagraph, pieces: list[ShapedRun], spots: list[list[_Spot]]
           ) -> tuple[list[list[str]], list[list[ActualText | None]]]:
    """The extracted text of every glyph and the ActualText span it belongs to (see text/glyphtext.py
    for the rules)."""
    text = shaped.text
    paragraph_rtl = shaped.base_level % 2 == 1
    texts: list[list[str]] = []
    spans: list[list[ActualText | None]] = []
    for piece, piece_spots in zip(pieces, spots, strict=True):
        if piece.glyphs and piece.glyphs[0].cluster == HYPHEN_CLUSTER:
            texts.append([SOFT_HYPHEN] + [""] * (len(piece.glyphs) - 1))
            spans.append([None] * len(piece.glyphs))
        else:
            piece_texts, piece_spans = glyph_texts_and_spans(text, piece_spots, piece.end, piece.rtl,
                                                             piece.face.units_per_em)
            texts.append(piece_texts)
            spans.append(piece_spans)
    _join_marks_across_pieces(text, pieces, spots, texts)
    last = max((spot.cluster for piece_spots, piece_texts in zip(spots, texts, strict=True)
                for spot, glyph_text in zip(piece_spots, piece_texts, strict=True) if glyph_text), default=-1)
    mark = RLM if paragraph_rtl else LRM
    for index, piece in enumerate(pieces):
        stretch_start = piece.rtl != paragraph_rtl and (index == 0 or pieces[index - 1].rtl == paragraph_rtl)
        glyph = first_carrier(spots[index], texts[index], piece.rtl)
        if stretch_start and glyph is not None:
            texts[index][glyph] = mark_before(texts[index][glyph], piece.rtl, mark)
        if paragraph_rtl and piece.rtl:  # rule 4: not after the line's last character (nothing follows)
            texts[index] = [mark_after(t, True, RLM) if is_number_punctuation(t) and spot.cluster < last else t
                            for t, spot in zip(texts[index], spots[index], strict=True)]
        if piece.rtl:
            texts[index] = guard_leading_marks(spots[index], texts[index])
    for piece_texts, piece_spans in zip(texts, spans, strict=True):
        _keep_spans_whole(piece_texts, piece_spans)
    return texts, spans


def _keep_spans_whole(texts: list[str], spans: list[ActualText | None]) -> None:
    """A span's ActualText stands for its glyphs' texts: a unit whose glyphs gained a direction mark
    (rule 4) or lost a mark to another piece keeps its decomposed glyph texts alone (rule 6)."""
    for span in {s for s in spans if s is not None}:
        carried = "".join(t for t, s in zip(texts, spans, strict=True) if s == span)
        same = sorted(unicodedata.normalize("NFD", span.text)) == sorted(unicodedata.normalize("NFD", carried))
        if DIRECTION_MARKS.intersection(carried) or not same:
            for i, s in enumerate(spans):
                if s == span:
                    spans[i] = None

def _line_pieces(shaped: ShapedParagraph, spec: ParagraphSpec, start: int, end: int) -> list[ShapedRun]:
    """The runs of a line, cut to [start, end); a cut inside a word (or inside a cluster, like a
    space with a mark on it) is shaped again, a cut at a space reuses the paragraph's glyphs."""
    text = shaped.text
    pieces: list[ShapedRun] = []
    for run in shaped.runs:
        lo, hi = max(start, run.start), min(end, run.end)
        if lo >= hi:
            continue
        if lo == run.start and hi == run.end:
            pieces.append(run)
            continue
        clean_lo = lo == run.start or (BREAKING_SPACES.intersection(text[lo - 1:lo + 1])
                                       and lo in run.cluster_starts)
        clean_hi = hi == run.end or (BREAKING_SPACES.intersection(text[hi - 1:hi + 1]) and hi in run.cluster_starts)
        if clean_lo and clean_hi:
            glyphs = run.glyphs_between(lo, hi)
        else:
            glyphs = shape(text, lo, hi, run.face, run.rtl, run.script, spec.lang)
        pieces.append(ShapedRun(lo, hi, run.level, run.script, run.face, glyphs))
    return pieces

def _hyphen_piece(shaped: ShapedParagraph, spec: ParagraphSpec, pieces: list[ShapedRun], at: int) -> ShapedRun:
    """A hyphen glyph after a hyphenated word; it stands for a soft hyphen in the extracted text."""
    last = max(pieces, key=lambda p: p.end)
    glyphs = shape(hyphen_char(last.script, last.face.covers), 0, 1, last.face, last.rtl, last.script, spec.lang)
    return ShapedRun(at, at, last.level, last.script, last.face,
                [Glyph(g.gid, HYPHEN_CLUSTER, g.x_advance, g.x_offset, g.y_offset) for g in glyphs])


def _join_marks_across_pieces(text: str, pieces: list[ShapedRun], spots: list[list[_Spot]],
                              texts: list[list[str]]) -> None:
    """A mark drawn by another font than its letter (no font had both) starts a piece of its own; its
    text moves to the letter's unit in the piece before, so extractors keep it after its letter."""
    for index in range(1, len(pieces)):
        piece, before = pieces[index], pieces[index - 1]
        if before.end != piece.start or not joins_previous(text[before.start:piece.start], text[piece.start]):
            continue
        mover = next((i for i, spot in enumerate(spots[index])
                      if spot.cluster == piece.start and texts[index][i]), None)
        host = last_carrier(spots[index - 1], texts[index - 1], before.rtl)
        if mover is None or host is None:
            continue
        moved = glyph_reading_text(texts[index][mover], piece.rtl)
        joined = glyph_reading_text(texts[index - 1][host], before.rtl) + moved
        texts[index - 1][host] = joined[::-1] if before.rtl else joined
        texts[index][mover] = ""


@dataclass(frozen=True, slots=True)
class _Spot(GlyphSpot):
    """Where a glyph goes on its line: x from the line's left edge, y from the baseline (points)."""

    y: float = 0.0
