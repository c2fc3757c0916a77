"""Layout geometry that is worked out before validation: grid cells to millimetres, and the
rescaling of an inherited layout whose page size changed (``extends`` with another ``page.size``).

A layout may place frames on a grid instead of in millimetres::

    [page.grid]
    columns = 12          # columns between the margins
    rows = 16
    margin = [12, 12, 12, 12]   # mm: top, right, bottom, left (mirrored for right-to-left versions)
    gutter = 4            # mm between columns and between rows

    [[pages.frames]]
    block = "headline"
    cell = [1, 3, 12, 2]  # column, row (from 1), columns spanned, rows spanned

A layout that extends another and changes only the page size gets the parent's frames scaled to the
new page, and its type scaled by ``page.type_scale`` (default: the smaller of the two ratios).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from handbill.errors import InputError

PAGE_SIZES_MM = {
    "A6": (105, 148), "A5": (148, 210), "A4": (210, 297), "A3": (297, 420), "A2": (420, 594),
    "Letter": (215.9, 279.4), "Tabloid": (279.4, 431.8),
}
_SIZE_KEYS = ("size", "min_size", "max_size")
PAGE_SETS = ("pages", "long_pages")  # a layout's pages, and those for a statement too long for them


def page_mm(page: Any) -> tuple[float, float] | None:
    """The trimmed page size in mm of a raw ``[page]`` table, or None if it is not valid (reported later)."""
    if not isinstance(page, dict):
        return None
    size = page.get("size", "A4")
    if isinstance(size, str):
        if size not in PAGE_SIZES_MM:
            return None
        w, h = PAGE_SIZES_MM[size]
    elif isinstance(size, list) and len(size) == 2 and all(isinstance(v, (int, float)) for v in size):
        w, h = size
    else:
        return None
    landscape = page.get("orientation", "portrait") == "landscape"
    return (max(w, h), min(w, h)) if landscape else (min(w, h), max(w, h))


def rescale_inherited(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """The parent layout scaled to the child's page size, when the child changes it and keeps the pages."""
    old, new = page_mm(base.get("page", {})), page_mm({**base.get("page", {}), **override.get("page", {})})
    if old is None or new is None or old == new or any(key in override for key in PAGE_SETS):
        return base
    sx, sy = new[0] / old[0], new[1] / old[1]
    type_scale = override.get("page", {}).get("type_scale", min(sx, sy))
    if isinstance(type_scale, bool) or not isinstance(type_scale, (int, float)) or type_scale <= 0:
        return base  # reported when the page table is validated (resolve_cells)
    scaled = copy.deepcopy(base)
    for page in [p for key in PAGE_SETS if isinstance(scaled.get(key), list) for p in scaled[key]]:
        for frame in page.get("frames", []) if isinstance(page, dict) else []:
            at = frame.get("at") if isinstance(frame, dict) else None
            if isinstance(at, list) and len(at) == 4 and all(isinstance(v, (int, float)) for v in at):
                frame["at"] = [round(at[0] * sx, 3), round(at[1] * sy, 3), round(at[2] * sx, 3), round(at[3] * sy, 3)]
            if isinstance(frame, dict) and isinstance(frame.get("gutter"), (int, float)):
                frame["gutter"] = round(frame["gutter"] * sx, 3)
    for style in scaled.get("styles", {}).values():
        if isinstance(style, dict):
            _scale_sizes(style, type_scale)
            for script_style in style.get("scripts", {}).values():
                if isinstance(script_style, dict):
                    _scale_sizes(script_style, type_scale)
    return scaled


def _scale_sizes(style: dict[str, Any], factor: float) -> None:
    for key in _SIZE_KEYS:
        if isinstance(style.get(key), (int, float)) and not isinstance(style.get(key), bool):
            style[key] = round(style[key] * factor, 2)


def resolve_cells(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """Replace every frame's ``cell`` by its ``at`` in mm, and drop the grid keys the validator does not know."""
    page = data.get("page", {})
    if not isinstance(page, dict):
        return data
    page = dict(page)
    grid = page.pop("grid", None)
    _check_type_scale(path, page.pop("type_scale", None))
    data = {**data, "page": page}
    size = page_mm(page)
    for set_key in PAGE_SETS:
        pages = data.get(set_key)
        if not isinstance(pages, list):
            continue
        data[set_key] = pages = copy.deepcopy(pages)
        for p, page_table in enumerate(pages):
            frames = page_table.get("frames", []) if isinstance(page_table, dict) else []
            for f, frame in enumerate(frames if isinstance(frames, list) else []):
                if not isinstance(frame, dict) or "cell" not in frame:
                    continue
                key = f"{set_key}[{p + 1}].frames[{f + 1}].cell"
                if "at" in frame:
                    raise InputError("give either 'at' (mm) or 'cell' (grid), not both", file=path, field=key)
                if grid is None or size is None:
                    raise InputError("a 'cell' needs a [page.grid] table", file=path, field=key,
                                     hint="add [page.grid] with columns, rows, margin and gutter, "
                                          "or use at = [x, y, w, h]")
                frame["at"] = _cell_mm(path, key, frame.pop("cell"), grid, size)
    return data


MIN_TYPE_SCALE, MAX_TYPE_SCALE = 0.1, 10.0


def _check_type_scale(path: Path, value: Any) -> None:
    """``page.type_scale``: a number from 0.1 to 10 (a string, 0 or a negative would leave type unscaled)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not MIN_TYPE_SCALE <= value <= MAX_TYPE_SCALE:
        raise InputError(f"expected a number from {MIN_TYPE_SCALE:g} to {MAX_TYPE_SCALE:g}, got {value!r}", file=path,
                         field="page.type_scale",
                         hint="the factor for every type size when a layout extends another with a new page size, "
                              "e.g. type_scale = 1.4 (no quotes)")


def _cell_mm(path: Path, key: str, cell: Any, grid: Any, size: tuple[float, float]) -> list[float]:
    if not isinstance(grid, dict):
        raise InputError("expected a table", file=path, field="page.grid")
    unknown = set(grid) - {"columns", "rows", "margin", "gutter"}
    if unknown:
        raise InputError(f"unknown key {sorted(unknown)[0]!r}", file=path, field="page.grid",
                         hint="allowed keys: columns, rows, margin, gutter")
    columns, rows = grid.get("columns", 12), grid.get("rows", 12)
    margin, gutter = grid.get("margin", [10, 10, 10, 10]), grid.get("gutter", 4)
    if not (isinstance(columns, int) and isinstance(rows, int) and 1 <= columns <= 48 and 1 <= rows <= 96):
        raise InputError("columns and rows must be whole numbers (1-48 columns, 1-96 rows)", file=path,
                         field="page.grid")
    if isinstance(margin, (int, float)) and not isinstance(margin, bool):
        margin = [margin] * 4
    if not (isinstance(margin, list) and len(margin) == 4
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in margin)):
        raise InputError("expected margin = [top, right, bottom, left] in mm", file=path, field="page.grid.margin")
    if isinstance(gutter, bool) or not isinstance(gutter, (int, float)) or gutter < 0:
        raise InputError("expected a gutter in mm (0 or more)", file=path, field="page.grid.gutter")
    if not (isinstance(cell, list) and len(cell) == 4 and all(isinstance(v, int) and v >= 1 for v in cell)):
        raise InputError(f"expected [column, row, columns, rows] counted from 1, got {cell!r}", file=path, field=key)
    column, row, span_x, span_y = cell
    if column + span_x - 1 > columns or row + span_y - 1 > rows:
        raise InputError(f"cell {cell!r} lies outside the {columns} x {rows} grid", file=path, field=key)
    top, right, bottom, left = margin
    col_w = (size[0] - left - right - gutter * (columns - 1)) / columns
    row_h = (size[1] - top - bottom - gutter * (rows - 1)) / rows
    x = left + (column - 1) * (col_w + gutter)
    y = top + (row - 1) * (row_h + gutter)
    return [round(x, 3), round(y, 3), round(span_x * col_w + (span_x - 1) * gutter, 3),
            round(span_y * row_h + (span_y - 1) * gutter, 3)]
