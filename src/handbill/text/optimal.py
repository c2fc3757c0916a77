"""Optimal-fit line breaking for justified paragraphs (total fit, after Knuth and Plass).

    lines = optimal_lines(shaped, candidates, stretch_model, limit, max_gap, greedy_line)

Greedy breaking fills each line as far as it goes and leaves whatever room is left to the spaces:
one justified line of Dari then opens gaps twice the normal width while its neighbours are tight,
and Tesseract drops such lines. Here the paragraph's breaks are chosen together: among all breakings
at the breaker's own candidates (ICU's opportunities and the dictionary's hyphenation points, given
by text/breaker.py) with **no more lines than greedy breaking needs**, the one with the least sum of
demerits, TeX's (line penalty + badness)² plus penalties for a hyphen and for two hyphens in a row.
A line's badness is 100 r³, r being how far justification (text/justify.py) stretches it: each
space's stretch over the space's own width (plus the letter spacing of left-to-right scripts), and
for scripts without spaces the room at break opportunities and inside words over the most that
justify gives them. A line that justify would leave ragged (its gaps past ``max_gap``) costs as much
as TeX's infinite badness, so it is taken only when no breaking avoids it. The last line, and a line
ended by a forced break, is not stretched and costs nothing for its room: it may be short.

Fewest lines first (compared as (lines, demerits)): a justified block never grows taller than greedy
breaking makes it, so fitting a page to its frame sees the same heights, and optimal-fit only moves
words between lines. Greedy breaking finds the fewest lines at given candidates, so the minimum here
is never more than greedy's.

Dynamic programming over the candidates in order, each compared only with the active breaks, those
from which the candidate still fits on one line (Knuth and Plass's active list): a break is dropped
once a candidate that is not a hyphenation point no longer fits after it, so the work is the
paragraph's candidates times the candidates of one line, linear in the paragraph (issue 18). A break
from which not even the next opportunity fits (a word longer than the line) takes greedy breaking's
own next line (``greedy_line``: a hyphenation or an emergency break between units), so nothing that
greedy breaking guarantees is lost. Written here rather than taken from a library: the known
Python packages (e.g. texlib) break on widths alone, without ICU's opportunities, per-line hyphen
widths or justify's stretch model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from handbill.text.justify import (
    GAP_SCRIPTS,
    MAX_GAP_WITHOUT_SPACE,
    MAX_INNER_STRETCH,
    MAX_LETTER_STRETCH,
    MAX_SPACE_SHRINK,
    SPACE_STRETCH_COMFORT,
    UNSPACED_SCRIPTS,
    WORD_GAP_SCRIPTS,
)
from handbill.text.linebreak import SPACES, trim_end
from handbill.text.prepare import ShapedParagraph

LINE_PENALTY = 10.0  # TeX's \linepenalty
HYPHEN_PENALTY = 50.0  # TeX's \hyphenpenalty, squared into the demerits
DOUBLE_HYPHEN_DEMERITS = 10000.0  # TeX's \doublehyphendemerits: two hyphenated lines in a row
FINAL_HYPHEN_DEMERITS = 5000.0  # TeX's \finalhyphendemerits: a word cut before the last line
INFINITE_BADNESS = 10000.0  # TeX's inf_bad: a line justify would leave ragged ...
RAGGED_EMPTINESS = 3.0  # ... times 1 + this times the share of the line left empty
# The first pass takes lines whose spaces grow by at most this many times the widest space (TeX's
# \pretolerance, 100, allows half a space; optimal-fit with narrowing rarely needs more than one)
FIRST_PASS_STRETCH = 2.0
# greedy breaking's line, taken where no candidate fits (or, in the first pass, none is tight enough)
FALLBACK_DEMERITS = (LINE_PENALTY + INFINITE_BADNESS) ** 2
CUT_DEMERITS = 1e12  # a word cut between units (emergency): taken only when nothing else fits

Line = tuple[int, int, bool, bool]  # (start, end, hyphenated, cut), as text/breaker.py gives lines


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a line may end: an opportunity (``forced``: must be taken) or a dictionary hyphenation
    point (``split``, drawn with a hyphen ``hyphen_em`` wide); ``hyphenated`` marks a line ending in a
    hyphen (a split or a soft hyphen)."""

    position: int
    forced: bool = False
    split: bool = False
    hyphenated: bool = False
    hyphen_em: float = 0.0


class StretchModel:
    """What justify (text/justify.py) would add to a line, from per-character counts found once per
    paragraph: spaces and their widths, letters that may be spaced, opportunity gaps and inner gaps
    of scripts without spaces (the same rules as justify.line_gaps and takes_letter_spacing, on the
    paragraph's shaping; a line is shaped again only at its ends)."""

    def __init__(self, shaped: ShapedParagraph, opportunities: Sequence[int]) -> None:
        text, units = shaped.text, shaped.char_units
        script = [""] * len(text)
        rtl = [False] * len(text)
        clusters: set[int] = set()
        for run in shaped.runs:
            for i in range(run.start, run.end):
                script[i], rtl[i] = run.script, run.rtl
            clusters.update(g.cluster for g in run.glyphs if g.x_advance)
        breaks = set(opportunities)
        spaces, letters, gaps, inner = ([0] * (len(text) + 1) for _ in range(4))
        space_width = [0.0] * (len(text) + 1)
        self._space_em: list[float] = []
        for i, ch in enumerate(text):
            is_space = ch in SPACES
            if is_space:
                self._space_em.append(units[i])
            letter = not is_space and units[i] > 0 and not rtl[i] and script[i] not in UNSPACED_SCRIPTS
            gap = at = False
            if i > 0 and i in clusters and script[i] in GAP_SCRIPTS and script[i - 1] in GAP_SCRIPTS \
                    and not is_space and text[i - 1] not in SPACES:
                at = i in breaks
                gap = not at and script[i] in WORD_GAP_SCRIPTS and script[i - 1] in WORD_GAP_SCRIPTS
            spaces[i + 1] = spaces[i] + is_space
            space_width[i + 1] = space_width[i] + (units[i] if is_space else 0.0)
            letters[i + 1] = letters[i] + letter
            gaps[i + 1] = gaps[i] + at
            inner[i + 1] = inner[i] + gap
        self._spaces, self._space_width, self._letters, self._gaps, self._inner = (
            spaces, space_width, letters, gaps, inner)
        self._widest_space = max(self._space_em, default=0.0)

    @cached_property
    def _widest(self) -> list[list[float]]:
        return _sparse_table(self._space_em, max)

    @cached_property
    def _narrowest(self) -> list[list[float]]:
        return _sparse_table(self._space_em, min)

    def _between(self, first: int, last: int, narrowest: bool = False) -> float:
        """The widest (or narrowest) of spaces number first..last-1 (last > first), in two lookups."""
        level = (last - first).bit_length() - 1
        row = (self._narrowest if narrowest else self._widest)[level]
        pick = min if narrowest else max
        return pick(row[first], row[last - (1 << level)])

    def shrinkable(self, start: int, end: int) -> float:
        """How much narrower (em) justify may set text[start:end] (visible end): MAX_SPACE_SHRINK of
        the narrowest space, at each space."""
        first, last = self._spaces[start], self._spaces[end]
        return (last - first) * MAX_SPACE_SHRINK * self._between(first, last, narrowest=True) if last > first else 0.0

    def most(self, start: int, end: int, max_gap: float) -> float:
        """The most room (em) the first pass lets text[start:end] take: each space FIRST_PASS_STRETCH
        times the paragraph's widest space (at most max_gap), each letter MAX_LETTER_STRETCH, each gap
        of a script without spaces its most. It shrinks as start moves on."""
        per_space = min(max_gap, FIRST_PASS_STRETCH * self._widest_space)
        return ((self._spaces[end] - self._spaces[start]) * per_space
                + (self._letters[end] - self._letters[start]) * MAX_LETTER_STRETCH
                + (self._gaps[end] - self._gaps[start] + self._inner[end] - self._inner[start])
                * max(MAX_GAP_WITHOUT_SPACE, MAX_INNER_STRETCH))

    def badness(self, start: int, end: int, extra: float, max_gap: float) -> float:
        """TeX's badness (100 r³) of justifying text[start:end] (visible end) by ``extra`` em (less
        than 0: narrowing it, r being the share of the most it may be narrowed), or INFINITE_BADNESS
        plus the room when justify would leave the line ragged."""
        if abs(extra) < 1e-9:
            return 0.0
        if extra < 0:
            return min(100.0 * (-extra / max(self.shrinkable(start, end), 1e-9)) ** 3, INFINITE_BADNESS)
        first, last = self._spaces[start], self._spaces[end]
        count = last - first
        mean = (self._space_width[end] - self._space_width[start]) / count if count else 0.0
        widest = self._between(first, last) if count else 0.0
        gaps = self._gaps[end] - self._gaps[start + 1] if end > start + 1 else 0
        inner = self._inner[end] - self._inner[start + 1] if end > start + 1 else 0
        if gaps or inner:
            ratio = _gap_ratio(extra, max_gap, gaps, inner, count, widest, mean)
        else:
            letters = max(0, self._letters[end] - self._letters[start] - 1)
            ratio = _space_ratio(extra, max_gap, letters, count, widest, mean)
        if ratio is None:
            return INFINITE_BADNESS + extra
        return min(100.0 * ratio ** 3, INFINITE_BADNESS - 1.0)


def _sparse_table(values: list[float], pick: Callable[[float, float], float]) -> list[list[float]]:
    """Row k holds pick() of each 2^k values in a row: any range's pick from two entries."""
    table = [values]
    step = 1
    while 2 * step <= len(values):
        row = table[-1]
        table.append([pick(row[i], row[i + step]) for i in range(len(row) - step)])
        step *= 2
    return table


def _space_ratio(extra: float, max_gap: float, letters: int, spaces: int, widest: float,
                 mean: float) -> float | None:
    """justify.stretch for a line with spaces (em): letters take up to MAX_LETTER_STRETCH once the
    spaces pass SPACE_STRETCH_COMFORT; None when the widest gap would pass max_gap."""
    per_letter = 0.0
    if letters and extra > SPACE_STRETCH_COMFORT * spaces:
        per_letter = min(MAX_LETTER_STRETCH, (extra - SPACE_STRETCH_COMFORT * spaces) / letters)
    rest = extra - per_letter * letters
    letter_ratio = per_letter / MAX_LETTER_STRETCH
    if spaces:
        per_space = rest / spaces
        if widest + per_space > max_gap:
            return None
        return per_space / max(mean, 0.05) + letter_ratio
    return letter_ratio if rest <= 1e-9 else None


def _gap_ratio(extra: float, max_gap: float, gaps: int, inner: int, spaces: int, widest: float,
               mean: float) -> float | None:
    """justify._stretch_gaps for a line of a script without spaces (em): each kind of room over the
    most justify gives it; None when the line would be left ragged."""
    gap_most, inner_most = min(MAX_GAP_WITHOUT_SPACE, max_gap), min(MAX_INNER_STRETCH, max_gap)
    per_gap = min(gap_most, extra / (gaps + spaces)) if gaps + spaces else 0.0
    rest = extra - per_gap * (gaps + spaces)
    per_inner = min(inner_most, rest / inner) if inner and rest > 0 else 0.0
    rest -= per_inner * inner
    ratio = per_gap / gap_most + per_inner / inner_most
    if spaces:
        if widest + per_gap + rest / spaces > max_gap:
            return None
        return ratio + rest / spaces / max(mean, 0.05)
    return ratio if rest <= 1e-6 else None


@dataclass(slots=True)
class _Node:
    """A break reached by the best breaking up to it with so many lines: the line count and demerits,
    and where the line that ends here began (``previous``, an index into the nodes)."""

    position: int
    hyphenated: bool
    cut: bool
    lines: int
    demerits: float
    previous: int
    reached: bool = False  # some candidate fits on one line after it


def optimal_lines(shaped: ShapedParagraph, candidates: Sequence[Candidate], model: StretchModel, limit: float,
                  max_gap: float, greedy_line: Callable[[int], Line], most_lines: int) -> list[Line]:
    """The breaking with the least demerits in at most ``most_lines`` lines (see the module docstring);
    ``limit``: the line width in em; ``greedy_line(start)``: greedy breaking's line from start, taken
    where no candidate fits.

    A first pass leaves out lines looser than FIRST_PASS_STRETCH, as TeX's first pass leaves out
    lines past its pretolerance, which spares most of the work; only if that finds no breaking in
    ``most_lines`` lines without a line taken from greedy breaking (FALLBACK_DEMERITS) does a second
    pass take every line in (loose ones, and those justify would leave ragged, at INFINITE_BADNESS).
    Neither cuts a word for a line left ragged; a last pass does, where only that keeps to
    ``most_lines`` (greedy breaking cuts the word that overflows whatever the line it leaves)."""
    for level in (0, 1, 2):
        breaking = _Breaking(shaped, model, (limit, max_gap), greedy_line, level)
        ends = breaking.run(candidates)
        allowed = [node for node in ends if node.lines <= most_lines]
        if level == 2 or (allowed and (level == 1 or min(node.demerits for node in allowed) < FALLBACK_DEMERITS)):
            final = min(allowed or ends, key=lambda node: (node.demerits, node.lines) if allowed else
                        (node.lines, node.demerits))
            return breaking.lines(final)
    raise AssertionError("unreachable")  # the last pass always returns


class _Breaking:
    """One pass of the dynamic programme over a paragraph's candidates."""

    def __init__(self, shaped: ShapedParagraph, model: StretchModel, measure: tuple[float, float],
                 greedy_line: Callable[[int], Line], level: int) -> None:
        self.shaped, self.model, (self.limit, self.max_gap) = shaped, model, measure
        self.greedy_line = greedy_line
        self.tolerant, self.ragged_splits = level > 0, level > 1  # see optimal_lines
        self.nodes = [_Node(0, False, False, 0, 0.0, -1)]

    def run(self, candidates: Sequence[Candidate]) -> list[_Node]:
        """The nodes that end the paragraph (one per line count worth keeping)."""
        active = [0]
        for candidate in candidates:
            active = self._advance(active, candidate)
        return [self.nodes[i] for i in active if self.nodes[i].position == len(self.shaped.text)]

    def lines(self, final: _Node) -> list[Line]:
        lines: list[Line] = []
        while final.previous >= 0:
            before = self.nodes[final.previous]
            lines.append((before.position, final.position, final.hyphenated, final.cut))
            final = before
        return lines[::-1] or [(0, 0, False, False)]

    def _advance(self, active: list[int], candidate: Candidate) -> list[int]:
        """One candidate: the best lines ending there from the active breaks, one per line count (more
        lines kept only where they cost less); the breaks still active after it, by position.

        The active breaks are in order of position, so the lines from them to the candidate get
        shorter along the list: those that no longer fit come first and are dropped, and once one is
        too loose to justify, so are all after it (the first pass stops there)."""
        text, nodes, model, limit = self.shaped.text, self.nodes, self.model, self.limit
        prefix = self.shaped.prefix
        position, last = candidate.position, candidate.forced  # a last line is neither justified nor narrowed
        common_end = trim_end(text, 0, position)
        found: dict[int, _Node] = {}
        kept: list[int] = []
        after: list[int] = []  # breaks at or past the candidate (an emergency line's end)
        queue = active
        k = 0
        while k < len(queue):
            index = queue[k]
            k += 1
            node = nodes[index]
            start = node.position
            # the visible end is the same from any start before it (trim_end looks at no other character)
            end = common_end if common_end > start + 1 else trim_end(text, start, position)
            used = prefix[end] - prefix[start] + candidate.hyphen_em
            if used > limit and (last or used > limit + model.shrinkable(start, end)):
                room = limit + model.shrinkable(start, end)
                if used - candidate.hyphen_em <= room and (candidate.split or last):
                    kept.append(index)  # a later opportunity may still fit (without this hyphen, or narrowed)
                elif not node.reached:  # nothing fits after it: greedy breaking's line (emergency)
                    added = self._greedy_from(index)
                    if nodes[added].position >= position:
                        after.append(added)
                    else:
                        queue = queue[:k] + sorted([*queue[k:], added], key=lambda i: nodes[i].position)
                continue
            if not last and not self.tolerant and limit - used > model.most(start, end, self.max_gap):
                kept.extend(queue[k - 1:])  # this line and the shorter ones after it: too loose
                break
            kept.append(index)
            demerits = self._demerits(node, end, used, candidate)
            if candidate.split and demerits >= FALLBACK_DEMERITS and not self.ragged_splits:
                continue  # a word is cut only to fill a justified line: never for a line left ragged
            node.reached = True
            total = node.demerits + demerits
            lines = node.lines + 1
            if lines not in found or total < found[lines].demerits:
                found[lines] = _Node(position, candidate.hyphenated, False, lines, total, index)
        cheapest = float("inf")
        for lines in sorted(found):  # more lines only where they cost less
            if found[lines].demerits < cheapest:
                cheapest = found[lines].demerits
                nodes.append(found[lines])
                after.append(len(nodes) - 1)
        if candidate.forced:  # nothing spans a forced break
            return [i for i in after if nodes[i].position >= position] or [self._greedy_to(kept, position)]
        return kept + sorted(after, key=lambda i: nodes[i].position)

    def _demerits(self, node: _Node, end: int, used: float, candidate: Candidate) -> float:
        """TeX's demerits of the line from node to candidate (visible end ``end``, ``used`` em wide)."""
        badness = 0.0 if candidate.forced else self.model.badness(node.position, end, self.limit - used, self.max_gap)
        if badness >= INFINITE_BADNESS:  # left ragged: the emptier, the worse (a ragged line of one word)
            badness = INFINITE_BADNESS * (1.0 + RAGGED_EMPTINESS * (self.limit - used) / self.limit)
        demerits = (LINE_PENALTY + badness) ** 2
        if candidate.hyphenated:
            demerits += HYPHEN_PENALTY ** 2 + (DOUBLE_HYPHEN_DEMERITS if node.hyphenated else 0.0)
        if candidate.forced and node.hyphenated:
            demerits += FINAL_HYPHEN_DEMERITS
        return demerits

    def _greedy_from(self, index: int) -> int:
        """A node for greedy breaking's line from a node (FALLBACK_DEMERITS; a cut word CUT_DEMERITS)."""
        node = self.nodes[index]
        _, stop, hyphenated, cut = self.greedy_line(node.position)
        self.nodes.append(_Node(stop, hyphenated, cut, node.lines + 1,
                                node.demerits + (CUT_DEMERITS if cut else FALLBACK_DEMERITS), index))
        return len(self.nodes) - 1

    def _greedy_to(self, kept: list[int], position: int) -> int:
        """Greedy breaking's lines from the furthest active break to a forced break none of them
        reaches on one line without narrowing (the last line may not be narrowed)."""
        index = max(kept, key=lambda i: (self.nodes[i].position, -self.nodes[i].lines))
        while self.nodes[index].position < position:
            index = self._greedy_from(index)
        return index
