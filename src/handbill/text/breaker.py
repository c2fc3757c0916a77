"""Choosing where lines end: greedy breaking on shaped widths at break opportunities.

    for start, end, hyphenated, cut in break_lines(shaped, spec, width): ...

Opportunities come from text/linebreak.py (ICU); a word that overflows is hyphenated where allowed
(justified text, a dictionary for the language); a word longer than the line breaks between units
(grapheme clusters by UAX #29, Indic conjuncts, see text/glyphtext.py), never inside one, so no
text is lost.

Time is linear in the paragraph (issue 18): opportunities, address spans, unit boundaries and words'
hyphenation points are found once per paragraph (``_Paragraph``), and each line only looks at the
characters it holds and the next opportunity.
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from handbill.text.glyphtext import joins_previous
from handbill.text.linebreak import (
    SOFT_HYPHEN,
    BreakPoint,
    address_spans,
    break_points,
    grapheme_boundaries,
    hyphen_char,
    hyphenation_points,
    trim_end,
)
from handbill.text.optimal import Candidate, StretchModel, optimal_lines
from handbill.text.prepare import ShapedParagraph, ShapedRun
from handbill.text.spec import ParagraphSpec

# Blocks whose lines are balanced (balanced_lines): a poster's hero and headline are read as a shape, and a
# last line of one word (or one CJK character and its punctuation) under full ones reads as an accident.
BALANCED_BLOCKS = frozenset({"hero", "headline"})
BALANCE_STEPS = 16  # halvings of the width range searched: 2^-16 of the line, far below a glyph


def balanced_lines(shaped: ShapedParagraph, spec: ParagraphSpec, width: float) -> list[tuple[int, int, bool, bool]]:
    """Lines as even as the text allows, for every script alike: the greedy lines of the narrowest width
    that still needs no more lines than ``width`` does, with no more words cut and no more hyphens (what
    CSS calls ``text-wrap: balance``). The break opportunities are the breaker's own (ICU: dictionary
    breaks for Thai, kinsoku for CJK, LB13 for French), so balancing never breaks where the text may not.

    Greedy breaking at a width w needs no more lines than at any width above w, so the narrowest such
    width is found by halving; at it the longest line is as short as any breaking into that many lines
    can make it. Within that width the lines are then made as even as possible (``_evened``), so the last
    line takes its share of the text instead of a word or a character.
    Justified paragraphs are not balanced (their lines are stretched to the full width anyway).
    """
    lines = break_lines(shaped, spec, width)
    if len(lines) < 2 or spec.align == "justify":
        return lines

    def cost(found: list[tuple[int, int, bool, bool]]) -> tuple[int, int, int]:
        return len(found), sum(cut for *_, cut in found), sum(hyphen for _, _, hyphen, _ in found)

    wanted = cost(lines)
    low, high, best = 0.0, width, lines
    for _ in range(BALANCE_STEPS):
        middle = (low + high) / 2
        trial = break_lines(shaped, spec, middle)
        if all(a <= b for a, b in zip(cost(trial), wanted, strict=True)):
            high, best = middle, trial
        else:
            low = middle
    if cost(best)[1:] != (0, 0):
        return best  # a cut or hyphenated word: greedy's choice stands
    return _evened(shaped, len(best), high / spec.style.size + 1e-9) or best


def _evened(shaped: ShapedParagraph, count: int, limit: float) -> list[tuple[int, int, bool, bool]] | None:
    """``count`` lines no wider than ``limit`` (em) at the paragraph's opportunities with the least sum of
    squared room left on each line, the last one included (dynamic programming over the opportunities, as
    Knuth and Plass do for a paragraph): the narrowest width can be met in several ways, and 和平、面 /
    包和尊严 / 属于所有 / 人！ meets it as well as 和平、面 / 包和尊 / 严属于 / 所有人！ does. None when a
    forced break lies inside the paragraph or no such breaking exists."""
    text = shaped.text
    points = _paragraph(shaped).points
    if any(point.forced and point.position < len(text) for point in points):
        return None
    nodes = [0, *(point.position for point in points if 0 < point.position < len(text)), len(text)]
    # best[k][j]: (cost, previous node) of k lines ending at nodes[j]
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for _ in range(count):
        layer: dict[int, tuple[float, int]] = {}
        for i, (so_far, _) in best[-1].items():
            for j in range(i + 1, len(nodes)):
                used = shaped.width_em(nodes[i], trim_end(text, nodes[i], nodes[j]))
                if used > limit:
                    break
                total = so_far + (limit - used) ** 2
                if j not in layer or total <= layer[j][0] + 1e-12:  # a tie goes to fuller lines above
                    layer[j] = (total, i)
        best.append(layer)
    if len(nodes) - 1 not in best[-1]:
        return None
    ends, j = [], len(nodes) - 1
    for k in range(count, 0, -1):
        ends.append(nodes[j])
        j = best[k][j][1]
    bounds = [0, *reversed(ends)]
    return [(a, b, text[b - 1] == SOFT_HYPHEN, False) for a, b in itertools.pairwise(bounds)]


def break_lines(shaped: ShapedParagraph, spec: ParagraphSpec, width: float) -> list[tuple[int, int, bool, bool]]:
    """(start, end, hyphenated, cut) for each line; ends include trailing spaces; ``cut`` marks a line
    ended inside a word longer than the line (between units, at no break opportunity). Justified
    paragraphs are broken as a whole (optimal fit, text/optimal.py), the others greedily."""
    if spec.align == "justify":
        return _optimal_lines(shaped, spec, width)
    return greedy_lines(shaped, spec, width)


def greedy_lines(shaped: ShapedParagraph, spec: ParagraphSpec, width: float) -> list[tuple[int, int, bool, bool]]:
    """Greedy breaking: each line takes as much as fits."""
    text = shaped.text
    limit = width / spec.style.size + 1e-9  # in em
    para = _paragraph(shaped)
    lines: list[tuple[int, int, bool, bool]] = []
    start = 0
    k = 0
    while start < len(text):
        line, k = _greedy_line(para, spec, start, k, limit)
        lines.append(line)
        start = line[1]
    return lines or [(0, 0, False, False)]


def _greedy_line(para: _Paragraph, spec: ParagraphSpec, start: int, k: int, limit: float
                 ) -> tuple[tuple[int, int, bool, bool], int]:
    """The greedy line from start, and the index of the first opportunity it did not take (``k``: an
    index at or before the first opportunity after start)."""
    shaped, points = para.shaped, para.points
    text = shaped.text
    while k < len(points) and points[k].position <= start:
        k += 1
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
        return (start, best.position, False, False), k
    if k >= len(points):  # the rest fits
        return (start, len(text), False, False), k
    overflow_end = points[k].position
    word_start = best.position if best is not None else start
    split = _hyphenate(para, spec, start, word_start, overflow_end, limit)
    if split is not None:
        return (start, split, True, False), k
    if best is not None:
        return (start, best.position, text[best.position - 1] == SOFT_HYPHEN, False), k
    end = _emergency_break(para, start, overflow_end, limit)  # a word longer than the line: never lose text
    return (start, end, False, end < len(text)), k


def _optimal_lines(shaped: ShapedParagraph, spec: ParagraphSpec, width: float) -> list[tuple[int, int, bool, bool]]:
    """A justified paragraph's lines chosen together (text/optimal.py) at the opportunities and the
    hyphenation points greedy breaking would use, in no more lines than greedy breaking needs."""
    greedy = greedy_lines(shaped, spec, width)
    if len(greedy) < 2:
        return greedy  # one line: nothing to choose
    limit = width / spec.style.size + 1e-9
    para = _paragraph(shaped)
    return optimal_lines(shaped, para.candidates(spec), para.stretch_model, limit, spec.style.max_gap,
                         lambda start: _greedy_line(para, spec, start, bisect.bisect_right(
                             opportunities(shaped), start), limit)[0], len(greedy))


@dataclass
class _Paragraph:
    """What breaking needs of a paragraph, found once (opportunities, addresses, units, hyphenation)."""

    shaped: ShapedParagraph
    points: list[BreakPoint]
    hyphenation: dict[int, list[int]] = field(default_factory=dict)  # word start -> split positions
    positions: list[int] | None = None  # the points' positions, once asked for
    found_candidates: dict[tuple[bool, str], list[Candidate]] = field(default_factory=dict)

    @cached_property
    def addresses(self) -> list[tuple[int, int]]:
        return address_spans(self.shaped.text)

    @cached_property
    def units(self) -> list[int]:
        """Positions where a word longer than a line may be cut: starts of shaped clusters that are
        grapheme boundaries (UAX #29) and do not join the unit before (marks, Indic conjuncts)."""
        shaped, text = self.shaped, self.shaped.text
        graphemes = set(grapheme_boundaries(text))
        starts = sorted({g.cluster for run in shaped.runs for g in run.glyphs if 0 <= g.cluster < len(text)}
                        | {run.start for run in shaped.runs})
        bounds = [*starts, len(text)]
        cuts = []
        for i in range(1, len(starts)):
            previous, chars = text[starts[i - 1]:starts[i]], text[starts[i]:bounds[i + 1]]
            if starts[i] in graphemes and not joins_previous(previous, chars):
                cuts.append(starts[i])
        return cuts

    def in_address(self, index: int) -> bool:
        spans = self.addresses
        k = bisect.bisect_right(spans, (index, len(self.shaped.text) + 1)) - 1
        return k >= 0 and spans[k][0] <= index < spans[k][1]

    @cached_property
    def words(self) -> tuple[list[int], list[int]]:
        """For each character, the start and end of the word (letters and marks) it is in."""
        text = self.shaped.text
        starts, ends = [0] * len(text), [0] * len(text)
        i = 0
        while i < len(text):
            j = i + 1
            if _is_word_char(text[i]):
                while j < len(text) and _is_word_char(text[j]):
                    j += 1
            starts[i:j] = [i] * (j - i)
            ends[i:j] = [j] * (j - i)
            i = j
        return starts, ends

    @cached_property
    def run_starts(self) -> list[int]:
        return [run.start for run in self.shaped.runs]

    @cached_property
    def stretch_model(self) -> StretchModel:
        return StretchModel(self.shaped, [point.position for point in self.points])

    def candidates(self, spec: ParagraphSpec) -> list[Candidate]:
        """Where a justified line may end: every opportunity and, where hyphenation is on, the
        hyphenation points of the word after each opportunity (those greedy breaking would use)."""
        key = (spec.style.hyphenate, spec.lang)
        found = self.found_candidates.get(key)
        if found is None:
            text = self.shaped.text
            found = self.found_candidates[key] = []
            before = 0
            for point in self.points:
                splits = _splits(self, spec, before, point.position)
                if splits is not None:
                    positions, hyphen, end = splits
                    found.extend(Candidate(at, split=True, hyphenated=True, hyphen_em=hyphen)
                                 for at in positions if before < at < end)
                found.append(Candidate(point.position, point.forced, hyphenated=not point.forced
                                       and text[point.position - 1] == SOFT_HYPHEN))
                before = point.position
        return found

    def word_splits(self, index: int, lang: str) -> list[int]:
        """Hyphenation positions of the whole word around text[index] (computed once per word)."""
        starts, ends = self.words
        word_from, word_to = starts[index], ends[index]
        splits = self.hyphenation.get(word_from)
        if splits is None:
            word = self.shaped.text[word_from:word_to]
            splits = self.hyphenation[word_from] = [word_from + i for i in hyphenation_points(word, lang)]
        return splits


def opportunities(shaped: ShapedParagraph) -> list[int]:
    """The paragraph's break opportunities (positions, increasing; found once per paragraph)."""
    para = _paragraph(shaped)
    if para.positions is None:
        para.positions = [point.position for point in para.points]
    return para.positions


def _paragraph(shaped: ShapedParagraph) -> _Paragraph:
    """The paragraph's breaking data, kept on the shaped paragraph (every width and size reuses it)."""
    para = shaped.breaking
    if not isinstance(para, _Paragraph):
        para = shaped.breaking = _Paragraph(shaped, break_points(shaped.text, shaped.lang))
    return para


def _hyphenate(para: _Paragraph, spec: ParagraphSpec, start: int, word_start: int,
               word_end: int, limit: float) -> int | None:
    """Where to hyphenate the word that overflows (justified text only), if anywhere."""
    found = _splits(para, spec, word_start, word_end)
    if found is None:
        return None
    splits, hyphen, end = found
    shaped = para.shaped
    lo = bisect.bisect_right(splits, start)
    hi = bisect.bisect_left(splits, end)
    best = None
    while lo < hi:  # the furthest split that fits (widths grow with the split)
        mid = (lo + hi) // 2
        if shaped.width_em(start, splits[mid]) + hyphen <= limit:
            best = splits[mid]
            lo = mid + 1
        else:
            hi = mid
    return best


def _splits(para: _Paragraph, spec: ParagraphSpec, word_start: int, word_end: int
            ) -> tuple[list[int], float, int] | None:
    """The hyphenation points of the first word between two opportunities (the whole word's points,
    also when an earlier line already took its beginning), the hyphen's width (em) and the end of
    the text they must lie before; None where nothing may be hyphenated."""
    if not spec.style.hyphenate or spec.align != "justify":
        return None
    shaped = para.shaped
    text = shaped.text
    end = trim_end(text, word_start, word_end)
    word_from = word_start
    while word_from < end and not text[word_from].isalpha():
        word_from += 1
    run = run_at(shaped, word_from, para.run_starts) if word_from < end else None
    if run is None or not run.face.covers("-") or para.in_address(word_from):
        return None
    return para.word_splits(word_from, spec.lang), _hyphen_em(run), end


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() or unicodedata.category(ch)[0] == "M"


def _hyphen_em(run: ShapedRun) -> float:
    gid = run.face.glyph_ids.get(ord(hyphen_char(run.script, run.face.covers)), 0)
    return run.face.advances[gid] / run.face.units_per_em


def _emergency_break(para: _Paragraph, start: int, end: int, limit: float) -> int:
    """The furthest unit boundary after start that fits (at least one unit)."""
    units = para.units
    k = bisect.bisect_right(units, start)
    best = None
    while k < len(units) and units[k] < end:
        if para.shaped.width_em(start, units[k]) > limit:
            break
        best = units[k]
        k += 1
    if best is None:
        best = units[k] if k < len(units) and units[k] < end else end
    return best


def run_at(shaped: ShapedParagraph, index: int, run_starts: list[int] | None = None) -> ShapedRun:
    """The run a character is in (run_starts: the runs' starts, when the caller has them)."""
    runs = shaped.runs
    starts = run_starts if run_starts is not None else [run.start for run in runs]
    k = bisect.bisect_right(starts, index) - 1
    if 0 <= k < len(runs) and runs[k].start <= index < runs[k].end:
        return runs[k]
    return runs[-1]
