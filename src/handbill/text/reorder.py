"""The line rules of UAX #9: L1 (trailing whitespace to the paragraph level) and L2 (visual
reordering), applied to one line after line breaking, never before."""

from __future__ import annotations

from collections.abc import Sequence

from handbill.text.bidi import BidiParagraph
from handbill.text.bidi_class import L1_TRAILING, REMOVED_BY_X9, bidi_class


def visual_runs(levels: Sequence[int]) -> list[int]:
    """Indices of a line's runs in visual (left-to-right) order, given each run's embedding level.

    Rule L2: from the highest level down to the lowest odd level, reverse every maximal sequence of
    runs at that level or higher. For levels [0, 1, 1, 2, 0] (LTR text, an RTL phrase holding a number)::

        logical  a [R1 R2 N3] b      ->  visual  a [N3 R2 R1] b
    """
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    odd = [lvl for lvl in levels if lvl % 2]
    if not odd:
        return order
    lowest_odd = min(odd)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


def line_levels(paragraph: BidiParagraph, start: int, end: int) -> list[int]:
    """The levels of characters ``start..end-1`` after rule L1, for a line that ends at ``end``."""
    text = paragraph.text
    if not 0 <= start <= end <= len(text):
        raise IndexError(f"line {start}..{end} outside paragraph of length {len(text)}")
    levels = list(paragraph.levels[start:end])
    base_level = paragraph.base_level
    if not any(levels) and base_level == 0:
        return levels  # L1 cannot change anything at level 0.
    # L1: reset segment/paragraph separators, and any sequence of whitespace and isolate controls before
    # them or at the end of the line, to the paragraph level (original types; X9-removed characters join in).
    trailing = True
    for j in range(end - start - 1, -1, -1):
        cls = bidi_class(text[start + j])
        if cls == "S" or cls == "B":
            levels[j] = base_level
            trailing = True
        elif cls in L1_TRAILING:
            if trailing:
                levels[j] = base_level
        else:
            trailing = False
    return levels


def visual_order(paragraph: BidiParagraph, start: int, end: int) -> list[int]:
    """Indices ``start..end-1`` of one line in visual (left-to-right display) order.

    Applies L1 (see :func:`line_levels`) and L2 (reverse every run at or above each level, from the highest
    level down to the lowest odd level).  X9-removed characters are excluded from the result.
    """
    levels = line_levels(paragraph, start, end)
    text = paragraph.text
    order: list[int] = []
    kept_levels: list[int] = []
    for j, level in enumerate(levels):
        if bidi_class(text[start + j]) not in REMOVED_BY_X9:
            order.append(start + j)
            kept_levels.append(level)
    # L2, the same rule the line layout applies to its runs
    return [order[i] for i in visual_runs(kept_levels)]
