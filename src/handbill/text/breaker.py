"""Choosing where lines end: greedy breaking on shaped widths at break opportunities.

    for start, end, hyphenated in break_lines(shaped, spec, width): ...

Opportunities come from text/linebreak.py; a word that overflows is hyphenated where allowed
(justified text, a dictionary for the language); a word longer than the line breaks between units
(graphemes and conjuncts, see text/glyphtext.py), never inside one, so no text is lost.
"""

from __future__ import annotations

import bisect

from handbill.text.glyphtext import joins_previous
from handbill.text.linebreak import BreakPoint, address_spans, break_points, hyphenation_points, trim_end
from handbill.text.prepare import ShapedParagraph, ShapedRun
from handbill.text.spec import ParagraphSpec


def break_lines(shaped: ShapedParagraph, spec: ParagraphSpec, width: float) -> list[tuple[int, int, bool]]:
    """Greedy breaking: (start, end, hyphenated) for each line; ends include trailing spaces."""
    text = shaped.text
    size = spec.style.size
    limit = width / size + 1e-9  # in em
    points = break_points(text)
    positions = [p.position for p in points]
    lines: list[tuple[int, int, bool]] = []
    start = 0
    while start < len(text):
        k = bisect.bisect_right(positions, start)
        best: BreakPoint | None = None
        while k < len(points):
            point = points[k]
            if shaped.width_em(start, trim_end(text, start, point.position)) > limit:
                break
            best = point
            if point.forced:
                break
            k += 1
        if best is not None and best.forced:
            lines.append((start, best.position, False))
            start = best.position
            continue
        if k >= len(points):  # the rest fits
            lines.append((start, len(text), False))
            break
        overflow_end = points[k].position
        word_start = best.position if best is not None else start
        split = _hyphenate(shaped, spec, start, word_start, overflow_end, limit)
        if split is not None:
            lines.append((start, split, True))
            start = split
        elif best is not None:
            lines.append((start, best.position, False))
            start = best.position
        else:  # a word longer than the line: break between clusters, never lose text
            end = _emergency_break(shaped, start, overflow_end, limit)
            lines.append((start, end, False))
            start = end
    return lines or [(0, 0, False)]

def _hyphenate(shaped: ShapedParagraph, spec: ParagraphSpec, start: int, word_start: int,
               word_end: int, limit: float) -> int | None:
    """Where to hyphenate the word that overflows (justified text only), if anywhere."""
    if not spec.style.hyphenate or spec.align != "justify":
        return None
    text = shaped.text
    end = trim_end(text, word_start, word_end)
    word_from = word_start
    while word_from < end and not text[word_from].isalpha():
        word_from += 1
    word_to = word_from
    while word_to < end and text[word_to].isalpha():
        word_to += 1
    if word_from >= word_to or not run_at(shaped, word_from).face.covers("-"):
        return None
    if any(a <= word_from < b for a, b in address_spans(text)):
        return None
    hyphen = _hyphen_em(shaped, word_from)
    for offset in reversed(hyphenation_points(text[word_from:word_to], spec.lang)):
        split = word_from + offset
        if shaped.width_em(start, split) + hyphen <= limit:
            return split
    return None

def _hyphen_em(shaped: ShapedParagraph, index: int) -> float:
    run = run_at(shaped, index)
    gid = run.face.glyph_ids.get(ord("-"), 0)
    return run.face.advances[gid] / run.face.units_per_em

def _emergency_break(shaped: ShapedParagraph, start: int, end: int, limit: float) -> int:
    """The furthest grapheme boundary after start that fits (at least one grapheme)."""
    boundaries = _unit_boundaries(shaped, start, end)
    best = None
    for boundary in boundaries:
        if shaped.width_em(start, boundary) > limit:
            break
        best = boundary
    if best is None:
        best = boundaries[0] if boundaries else end
    return best


def _unit_boundaries(shaped: ShapedParagraph, start: int, end: int) -> list[int]:
    """Positions strictly between start and end where a line may be cut without splitting a unit
    (a grapheme or a conjunct; see text/glyphtext.py)."""
    text = shaped.text
    inside = {g.cluster for run in shaped.runs for g in run.glyphs if start <= g.cluster < end}
    clusters = sorted(inside | {start})
    bounds = [*clusters, end]
    cuts = []
    for i in range(1, len(clusters)):
        previous, chars = text[clusters[i - 1]:clusters[i]], text[clusters[i]:bounds[i + 1]]
        if not joins_previous(previous, chars):
            cuts.append(clusters[i])
    return cuts


def run_at(shaped: ShapedParagraph, index: int) -> ShapedRun:
    for run in shaped.runs:
        if run.start <= index < run.end:
            return run
    return shaped.runs[-1]
