"""Visual reordering of one line (UAX #9 rule L2), applied after line breaking, never before."""

from __future__ import annotations

from collections.abc import Sequence


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
