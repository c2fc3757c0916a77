"""Which page goes where on each side of a press sheet, and what each side is called.

    sheet_plan(2, columns=2, rows=1, scheme="work-and-turn")
        -> [SheetSide("sheet 1, both sides (work and turn)", (Placement(0, 0, 0, 0), Placement(1, 1, 1, 0)))]

Composition uses the sides' names for the slug line of each imposed sheet (compose/marks.py); the
renderer (render/impose.py) places the copies. Plain data, no drawing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Placement:
    """One copy on a sheet side: which page, which copy, and its cell (column, row from the top)."""

    page: int
    copy: int
    column: int
    row: int


@dataclass(frozen=True)
class SheetSide:
    """One page of the imposed file: a plate's worth of copies, and its label (``sheet 1 front``)."""

    label: str
    places: tuple[Placement, ...]


def sheet_plan(pages: int, columns: int, rows: int, scheme: str) -> list[SheetSide]:
    """Which page goes in which cell of each sheet side, for a document of ``pages`` pages.

    Copy ``i`` sits in cell ``(i % columns, i // columns)``. Sheetwise backs mirror the columns (the
    sheet is turned side to side); work-and-turn alternates the pair of pages by column.
    """
    cells = [(i % columns, i // columns) for i in range(columns * rows)]
    sides: list[SheetSide] = []
    if scheme == "work-and-turn":
        for sheet, first in enumerate(range(0, pages, 2), start=1):
            second = first + 1 if first + 1 < pages else first
            places = tuple(Placement(second if col % 2 else first, copy, col, row)
                           for copy, (col, row) in enumerate(cells))
            sides.append(SheetSide(f"sheet {sheet}, both sides (work and turn)", places))
        return sides
    for page in range(pages):
        back = scheme == "sheetwise" and page % 2 == 1
        places = tuple(Placement(page, copy, columns - 1 - col if back else col, row)
                       for copy, (col, row) in enumerate(cells))
        side = f"sheet {page // 2 + 1} {'back' if back else 'front'}"
        sides.append(SheetSide(side if scheme == "sheetwise" else f"page {page + 1}", places))
    return sides


@dataclass(frozen=True)
class SideName:
    """What a sheet side is, for its slug line: sheet ``number`` of ``sheets``, and ``side``."""

    number: int
    sheets: int
    side: str  # "front", "back", "both sides" (work and turn) or "one side" (step and repeat)

    def text(self) -> str:
        """``sheet 1/2 front``."""
        return f"sheet {self.number}/{self.sheets} {self.side}"


def side_names(pages: int, scheme: str) -> list[SideName]:
    """One name per side of the imposed file, in the order sheet_plan gives the sides."""
    if scheme == "work-and-turn":
        sheets = (pages + 1) // 2
        return [SideName(n, sheets, "both sides") for n in range(1, sheets + 1)]
    if scheme == "sheetwise":
        sheets = (pages + 1) // 2
        return [SideName(page // 2 + 1, sheets, "back" if page % 2 else "front") for page in range(pages)]
    return [SideName(page + 1, pages, "one side") for page in range(pages)]
