"""Frames that share a page's height: a ``stack`` moves its frames to spread the room their content leaves.

    [[pages.frames]]  block = "hero"          stack = "main"   at = [20, 18, 257, 130]
    [[pages.frames]]  block = "headline"      stack = "main"   at = [20, 160, 257, 50]
    [[pages.frames]]  block = "organisation"  stack = "main"   at = [60, 370, 177, 30]
    [[pages.frames]]  block = "qr"            stack = "main"   at = [247, 370, 30, 30]

The frames of one stack on one page are cut into rows (frames whose boxes overlap vertically are one
row, like the organisation and the QR code above). Each row is as tall as the tallest content in it:
the lines a text frame set, a picture or QR frame's height, or nothing for a frame that stays empty
(a leaflet without a logo or url), and a row left with nothing in it takes no room at all. The rows
keep their order and the gaps the layout left between their frames; what height is left over in the
stack's region (from its highest frame's top to its lowest frame's bottom) is shared out equally
between the rows, so the first row starts at the region's top and the last ends at its bottom.
A stack with one row left is placed in the region by its first frame's ``valign``.

Within a row a frame's content sits at the row's top, middle or bottom by its ``valign``. A frame
with ``stretch = true`` first takes the left-over height into its own box (``stretched``): a hero set
again larger, a photo or a colour field drawn taller, so the page fills with what matters, not gaps.
Hand-written: this is the page's own vertical justification, not something a layout library offers
for pre-set frames of typeset lines.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from handbill.model import Frame

EPS = 0.01  # points


@dataclass(frozen=True)
class Stacked:
    """A frame of a stack and the height its content took (0: the frame stayed empty)."""

    frame: Frame
    used: float
    order: int = 0  # the frame's rank in reading order (for setting it again)


@dataclass
class _Row:
    items: list[Stacked]
    top: float
    bottom: float

    @property
    def used(self) -> float:
        return max(item.used for item in self.items)


_VALIGN_SHARE = {"top": 0.0, "middle": 0.5, "bottom": 1.0}


def _rows(items: list[Stacked]) -> list[_Row]:
    """The stack's frames in rows top to bottom; frames whose boxes overlap vertically share a row."""
    rows: list[_Row] = []
    for item in sorted(items, key=lambda i: (i.frame.y, i.frame.x)):
        frame = item.frame
        if rows and frame.y < rows[-1].bottom - EPS:
            rows[-1].items.append(item)
            rows[-1].bottom = max(rows[-1].bottom, frame.y + frame.height)
        else:
            rows.append(_Row([item], frame.y, frame.y + frame.height))
    return rows


def _spare(rows: list[_Row]) -> tuple[list[tuple[int, _Row]], list[float], float]:
    """The rows that show something, the gaps kept between them, and the height left over."""
    region = max(row.bottom for row in rows) - rows[0].top
    kept = [(i, row) for i, row in enumerate(rows) if row.used > EPS]
    gaps = [max(0.0, min(rows[a + 1].top - rows[a].bottom, rows[b].top - rows[b - 1].bottom))
            for (a, _), (b, _) in itertools.pairwise(kept)]
    return kept, gaps, max(0.0, region - sum(row.used for _, row in kept) - sum(gaps))


def stretched(items: list[Stacked]) -> list[float]:
    """The box height (points) each frame gets, in the order given: a ``stretch`` frame that shows
    something grows into the height the stack has left over, shared equally between the rows that hold
    one (its text is then set again, a picture drawn larger, a rect drawn taller), less what the frame
    is inset from its row's top and bottom; others keep theirs."""
    if not items:
        return []
    rows = _rows(items)
    kept, _, spare = _spare(rows)
    stretching = [row for _, row in kept if any(i.frame.stretch and i.used > EPS for i in row.items)]
    height = {id(item): item.frame.height for item in items}
    for row in stretching:
        for item in row.items:
            if item.frame.stretch and item.used > EPS:
                # a frame inset in its row (a slogan 8 mm inside its colour field) keeps its insets
                inset = (row.bottom - row.top) - item.frame.height
                height[id(item)] = max(item.frame.height, row.used + spare / len(stretching) - inset)
    return [height[id(item)] for item in items]


def shifts(items: list[Stacked]) -> list[float]:
    """How far down (points) each item's content moves from its frame's top, in the order given.

    All items belong to one stack on one page.
    """
    if not items:
        return []
    rows = _rows(items)
    region_top = rows[0].top
    kept, gaps, spare = _spare(rows)
    moved: dict[int, float] = {}
    if kept:
        if len(kept) == 1:
            y = region_top + spare * _VALIGN_SHARE[kept[0][1].items[0].frame.valign]
            extra = 0.0
        else:
            y, extra = region_top, spare / (len(kept) - 1)
        for n, (_, row) in enumerate(kept):
            for item in row.items:
                inside = (row.used - item.used) * _VALIGN_SHARE[item.frame.valign]
                moved[id(item)] = y + inside - item.frame.y
            y += row.used + (gaps[n] + extra if n < len(gaps) else 0.0)
    return [moved.get(id(item), 0.0) for item in items]
