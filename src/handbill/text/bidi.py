"""Unicode Bidirectional Algorithm (UAX #9, Unicode 15.0): resolved embedding levels and visual order.

A pure-Python implementation of the whole algorithm up to rule L2: paragraph level (P2-P3), explicit
embeddings, overrides and isolates (X1-X10, BD13 isolating run sequences), weak types (W1-W7), bracket
pairs (BD16, N0: text/bidi_brackets.py), neutrals (N1-N2) and implicit levels (I1-I2). Character
classes are in text/bidi_class.py, the line rules L1-L2 in text/reorder.py. Glyph mirroring (L4) and
combining-mark reordering (L3) are left to the shaper.

Usage::

    >>> from handbill.text.bidi import resolve_paragraph
    >>> para = resolve_paragraph("abc \u05d0\u05d1\u05d2")
    >>> para.base_level, para.levels
    (0, (0, 0, 0, 0, 1, 1, 1))
    >>> from handbill.text.reorder import visual_order   # the line rules L1-L2
    >>> visual_order(para, 0, len(para.text))
    [0, 1, 2, 3, 6, 5, 4]

Characters removed by rule X9 (embedding/override controls and BN) keep a level (that of the preceding
character) so that callers can index ``levels`` blindly, but they never appear in ``visual_order``.
"""

from __future__ import annotations

from dataclasses import dataclass
from unicodedata import bidirectional as _bidirectional

from handbill.text.bidi_brackets import resolve_bracket_pairs
from handbill.text.bidi_class import (
    EMBEDDING_CONTROLS,
    ET,
    EXPLICIT_CONTROLS,
    FIRST_POSSIBLY_RTL,
    ISOLATE_CONTROLS,
    ISOLATE_INITIATORS,
    NEEDS_FULL_RUN,
    NI,
    REMOVED_BY_X9,
    bidi_class,
    has_rtl,
    unassigned_class,
)

__all__ = ["BidiParagraph", "bidi_class", "has_rtl", "resolve_paragraph"]

# BD2: maximum explicit embedding depth.
MAX_DEPTH = 125

@dataclass(frozen=True)
class BidiParagraph:
    """The resolved embedding levels of one paragraph (before the line rules L1-L2)."""

    text: str
    base_level: int
    levels: tuple[int, ...]

    def is_removed(self, index: int) -> bool:
        """True if the character at ``index`` is removed by rule X9 (LRE/RLE/LRO/RLO/PDF or BN)."""
        return bidi_class(self.text[index]) in REMOVED_BY_X9


# ---------------------------------------------------------------------------------------------------------
# Paragraph-level resolution
# ---------------------------------------------------------------------------------------------------------


def resolve_paragraph(text: str, base_level: int | None = None) -> BidiParagraph:
    """Resolve the embedding levels of one paragraph (rules P2-P3, X1-X10, W1-W7, N0-N2, I1-I2).

    ``text`` must not contain paragraph separators except possibly at the end.  ``base_level`` is 0 (LTR),
    1 (RTL) or None to determine it from the first strong character, skipping isolates (P2-P3, default 0).
    """
    if base_level not in (None, 0, 1):
        raise ValueError(f"base_level must be 0, 1 or None, not {base_level!r}")
    n = len(text)
    if n == 0:
        return BidiParagraph(text, base_level or 0, ())
    # Fast path: no R/AL/AN and no explicit controls at paragraph level 0 resolves to all zeros
    # (W7 turns every EN into L because sos is L; nothing else can raise a level).
    if not base_level and max(text) < FIRST_POSSIBLY_RTL:
        return BidiParagraph(text, 0, (0,) * n)
    classes = [_bidirectional(ch) or unassigned_class(ord(ch)) for ch in text]
    if not base_level and NEEDS_FULL_RUN.isdisjoint(classes):
        return BidiParagraph(text, 0, (0,) * n)
    matching = _match_isolates(classes)
    if base_level is None:
        # P2, P3: first strong character, skipping isolates; default LTR.
        base_level = 1 if _first_strong_is_rtl(classes, matching, 0, n) else 0
    levels = _resolve_levels(text, classes, matching, base_level)
    return BidiParagraph(text, base_level, tuple(levels))


def _match_isolates(classes: list[str]) -> list[int]:
    """BD9: index of the matching PDI for each isolate initiator and vice versa (-1 when unmatched)."""
    matching = [-1] * len(classes)
    open_initiators: list[int] = []
    for i, cls in enumerate(classes):
        if cls in ISOLATE_INITIATORS:
            open_initiators.append(i)
        elif cls == "PDI":
            if open_initiators:
                j = open_initiators.pop()
                matching[j] = i
                matching[i] = j
        elif cls == "B":
            # P1: a paragraph separator ends every isolate.
            open_initiators.clear()
    return matching


def _first_strong_is_rtl(classes: list[str], matching: list[int], start: int, end: int) -> bool:
    """P2/P3 on ``classes[start:end]``: True if the first strong character (skipping isolates) is R/AL."""
    i = start
    while i < end:
        cls = classes[i]
        if cls == "L":
            return False
        if cls == "R" or cls == "AL":
            return True
        if cls in ISOLATE_INITIATORS:
            # P2: skip to the matching PDI, or to the end of the paragraph if there is none.
            i = matching[i]
            if i < 0:
                return False
        elif cls == "B":
            return False
        i += 1
    return False


def _resolve_levels(text: str, classes: list[str], matching: list[int], base_level: int) -> list[int]:
    """Run X1-I2 and return one level per character (X9-removed ones copy the preceding level)."""
    explicit = _ExplicitLevels(classes, matching, base_level)
    explicit.resolve()
    types, levels, removed = explicit.types, explicit.levels, explicit.removed
    for sequence, level, sos, eos in _isolating_run_sequences(classes, matching, levels, removed, base_level):
        _resolve_sequence(text, sequence, types, levels, level, sos, eos)
    _copy_levels_to_removed(levels, removed, base_level)
    return levels


class _ExplicitLevels:
    """X1-X8: explicit embedding levels and override types, one method per kind of character.

    The directional status stack holds (embedding level, override status, isolate status) entries.
    """

    def __init__(self, classes: list[str], matching: list[int], base_level: int) -> None:
        n = len(classes)
        self.classes = classes
        self.matching = matching
        self.base_level = base_level
        self.types = list(classes)
        self.levels = [base_level] * n
        self.removed = [False] * n
        self.stack: list[tuple[int, str | None, bool]] = [(base_level, None, False)]  # X1
        self.overflow_isolates = 0
        self.overflow_embeddings = 0
        self.valid_isolates = 0

    def resolve(self) -> None:
        """Walk the paragraph once, applying X2-X8 to each character."""
        levels, types, stack = self.levels, self.types, self.stack
        for i, cls in enumerate(self.classes):
            if cls not in EXPLICIT_CONTROLS and cls != "B" and cls != "BN":
                # X6 (inlined: the common case): the current level; an override sets the type.
                level, override, _ = stack[-1]
                levels[i] = level
                if override is not None:
                    types[i] = override
            elif cls in EMBEDDING_CONTROLS:
                self._embedding(i, cls)
            elif cls in ISOLATE_INITIATORS:
                self._isolate_initiator(i, cls)
            elif cls == "PDI":
                self._pop_isolate(i)
            elif cls == "PDF":
                self._pop_embedding(i)
            elif cls == "B":
                self._paragraph_separator(i)
            else:  # BN
                self.removed[i] = True  # X9

    def _fits(self, new_level: int) -> bool:
        return new_level <= MAX_DEPTH and self.overflow_isolates == 0 and self.overflow_embeddings == 0

    def _take_current(self, i: int) -> None:
        """X6: the current level; an override resets the type to L or R."""
        level, override, _ = self.stack[-1]
        self.levels[i] = level
        if override is not None:
            self.types[i] = override

    def _embedding(self, i: int, cls: str) -> None:
        """X2-X5: RLE, LRE, RLO, LRO push a new level if it is valid and nothing overflowed."""
        level = self.stack[-1][0]
        new_level = _next_odd(level) if cls[0] == "R" else _next_even(level)
        if self._fits(new_level):
            self.stack.append((new_level, None if cls[2] == "E" else cls[0], False))
        elif self.overflow_isolates == 0:
            self.overflow_embeddings += 1
        self.removed[i] = True  # X9

    def _isolate_initiator(self, i: int, cls: str) -> None:
        """X5a-X5c: RLI, LRI, FSI take the current level (and override), then push an isolate."""
        self._take_current(i)
        if cls == "FSI":  # X5c: P2/P3 on the text up to the matching PDI (or the end of the paragraph)
            end = self.matching[i] if self.matching[i] >= 0 else len(self.classes)
            rtl = _first_strong_is_rtl(self.classes, self.matching, i + 1, end)
        else:
            rtl = cls == "RLI"
        level = self.stack[-1][0]
        new_level = _next_odd(level) if rtl else _next_even(level)
        if self._fits(new_level):
            self.valid_isolates += 1
            self.stack.append((new_level, None, True))
        else:
            self.overflow_isolates += 1

    def _pop_isolate(self, i: int) -> None:
        """X6a: a PDI closes the matching isolate and every embedding opened inside it."""
        if self.overflow_isolates > 0:
            self.overflow_isolates -= 1
        elif self.valid_isolates > 0:
            self.overflow_embeddings = 0
            while not self.stack[-1][2]:
                self.stack.pop()
            self.stack.pop()
            self.valid_isolates -= 1
        self._take_current(i)

    def _pop_embedding(self, i: int) -> None:
        """X7: a PDF closes an embedding or override, never an isolate."""
        if self.overflow_isolates > 0:
            pass
        elif self.overflow_embeddings > 0:
            self.overflow_embeddings -= 1
        elif not self.stack[-1][2] and len(self.stack) >= 2:
            self.stack.pop()
        self.removed[i] = True  # X9

    def _paragraph_separator(self, i: int) -> None:
        """X8: a paragraph separator gets the paragraph level and terminates everything."""
        self.levels[i] = self.base_level
        del self.stack[1:]
        self.overflow_isolates = self.overflow_embeddings = self.valid_isolates = 0


def _next_odd(level: int) -> int:
    return (level + 1) | 1


def _next_even(level: int) -> int:
    return (level + 2) & ~1


def _level_runs(levels: list[int], removed: list[bool]) -> list[list[int]]:
    """X9-X10, BD7: the characters that remain after X9, split into runs of one level."""
    runs: list[list[int]] = []
    run_level = -1
    for i, level in enumerate(levels):
        if removed[i]:
            continue
        if level != run_level:
            runs.append([i])
            run_level = level
        else:
            runs[-1].append(i)
    return runs


def _isolating_run_sequences(classes: list[str], matching: list[int], levels: list[int], removed: list[bool],
                             base_level: int) -> list[tuple[list[int], int, str, str]]:
    """BD13 and X10: level runs chained into isolating run sequences, each with its level, sos and eos.

    A run ending in an isolate initiator continues with the run that starts with its matching PDI. sos
    and eos come from the explicit levels, so they are all computed before I1-I2 changes any level.
    """
    runs = _level_runs(levels, removed)
    run_starting_at = {run[0]: k for k, run in enumerate(runs)}
    next_run: dict[int, int] = {}
    for k, run in enumerate(runs):
        last = run[-1]
        if classes[last] in ISOLATE_INITIATORS and matching[last] >= 0 and matching[last] in run_starting_at:
            next_run[k] = run_starting_at[matching[last]]
    continuations = set(next_run.values())
    sequences = []
    for k, run in enumerate(runs):
        if k in continuations:
            continue
        sequence = list(run)
        last_k = k
        while last_k in next_run:
            last_k = next_run[last_k]
            sequence.extend(runs[last_k])
        level = levels[sequence[0]]
        # X10: the higher of this level and the neighbouring (non-removed) character's; the paragraph
        # level at the paragraph's edges and after an unmatched isolate initiator.
        before = levels[runs[k - 1][-1]] if k > 0 else base_level
        ends_open = classes[sequence[-1]] in ISOLATE_INITIATORS or last_k + 1 >= len(runs)
        after = base_level if ends_open else levels[runs[last_k + 1][0]]
        sequences.append((sequence, level, _direction_of(max(level, before)), _direction_of(max(level, after))))
    return sequences


def _direction_of(level: int) -> str:
    return "R" if level & 1 else "L"


def _copy_levels_to_removed(levels: list[int], removed: list[bool], base_level: int) -> None:
    """Removed characters take the level of the preceding character (the paragraph level at the start)."""
    previous = base_level
    for i, gone in enumerate(removed):
        if gone:
            levels[i] = previous
        else:
            previous = levels[i]


def _resolve_sequence(
    text: str, sequence: list[int], types: list[str], levels: list[int], level: int, sos: str, eos: str
) -> None:
    """Apply W1-W7, N0-N2 and I1-I2 to one isolating run sequence, updating ``levels`` in place."""
    t = [types[i] for i in sequence]
    original = list(t)  # types before W1 (after X1-X8 overrides), needed by N0 for NSMs
    embedding = _direction_of(level)
    _resolve_weak_types(t, sos)
    resolve_bracket_pairs(text, sequence, t, original, embedding, sos)
    _resolve_neutrals(t, embedding, sos, eos)
    _resolve_implicit_levels(sequence, t, levels, level)


def _resolve_weak_types(t: list[str], sos: str) -> None:
    """W1-W7 on the types of one isolating run sequence, in place."""
    _w1_nonspacing_marks(t, sos)
    _w2_w3_arabic_letters(t, sos)
    _w4_single_separators(t)
    _w5_terminators(t)
    for j, cls in enumerate(t):  # W6: remaining separators and terminators become ON.
        if cls in ("ES", "ET", "CS"):
            t[j] = "ON"
    _w7_european_numbers_after_l(t, sos)


def _w1_nonspacing_marks(t: list[str], sos: str) -> None:
    """W1: NSM takes the type of the previous character (ON after an isolate initiator or PDI; sos at start)."""
    previous = sos
    for j, cls in enumerate(t):
        if cls == "NSM":
            t[j] = previous
        previous = "ON" if t[j] in ISOLATE_CONTROLS else t[j]


def _w2_w3_arabic_letters(t: list[str], sos: str) -> None:
    """W2: EN preceded (through weak and neutral types) by AL becomes AN.  W3: AL becomes R."""
    last_strong = sos
    for j, cls in enumerate(t):
        if cls == "EN":
            if last_strong == "AL":
                t[j] = "AN"
        elif cls in ("L", "R"):
            last_strong = cls
        elif cls == "AL":
            last_strong = "AL"
            t[j] = "R"


def _w4_single_separators(t: list[str]) -> None:
    """W4: a single ES between ENs becomes EN; a single CS between two numbers of the same type takes it."""
    for j in range(1, len(t) - 1):
        before, cls, after = t[j - 1], t[j], t[j + 1]
        if cls == "ES" and before == "EN" and after == "EN":
            t[j] = "EN"
        elif cls == "CS" and before in ("EN", "AN") and after == before:
            t[j] = before


def _w5_terminators(t: list[str]) -> None:
    """W5: a sequence of ETs adjacent to an EN becomes EN."""
    for j, k in _spans(t, ET):
        if (j > 0 and t[j - 1] == "EN") or (k < len(t) and t[k] == "EN"):
            t[j:k] = ["EN"] * (k - j)


def _w7_european_numbers_after_l(t: list[str], sos: str) -> None:
    """W7: EN preceded (through weak and neutral types) by L, or by sos L, becomes L."""
    last_strong = sos
    for j, cls in enumerate(t):
        if cls == "EN":
            if last_strong == "L":
                t[j] = "L"
        elif cls in ("L", "R"):
            last_strong = cls


def _spans(t: list[str], members: frozenset[str]) -> list[tuple[int, int]]:
    """The maximal spans ``[j, k)`` of ``t`` whose types are all in ``members``."""
    spans = []
    j, m = 0, len(t)
    while j < m:
        if t[j] in members:
            k = j + 1
            while k < m and t[k] in members:
                k += 1
            spans.append((j, k))
            j = k
        else:
            j += 1
    return spans


def _resolve_neutrals(t: list[str], embedding: str, sos: str, eos: str) -> None:
    """N1: a sequence of NIs between strong types of one direction takes it (EN/AN count as R; sos/eos at
    the edges).  N2: any other NI takes the embedding direction."""
    m = len(t)
    for j, k in _spans(t, NI):
        before = sos if j == 0 else ("L" if t[j - 1] == "L" else "R")
        after = eos if k == m else ("L" if t[k] == "L" else "R")
        t[j:k] = [before if before == after else embedding] * (k - j)


def _resolve_implicit_levels(sequence: list[int], t: list[str], levels: list[int], level: int) -> None:
    """I1: on even levels R goes up one, AN and EN up two.  I2: on odd levels L, EN and AN go up one."""
    odd = level & 1
    for j, i in enumerate(sequence):
        cls = t[j]
        if odd:
            if cls != "R":
                levels[i] = level + 1
        elif cls == "R":
            levels[i] = level + 1
        elif cls in ("AN", "EN"):
            levels[i] = level + 2
