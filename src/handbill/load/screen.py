"""Screen layouts: images for phones (posts, stories) measured in pixels.

A layout with a ``[screen]`` table is made for screens, not paper::

    [screen]
    pixels = [1080, 1350]     # the image's size: an Instagram portrait post

Every length in such a layout is in pixels: frames' ``at`` and ``gutter``, ``[page.grid]`` margins and
gutter, and type sizes (``size``, ``min_size``, ``max_size``, ``space_after``, ``indent``). The page is
that many CSS pixels (1 px = 0.75 pt = 1/96 in), so the web PDF is a 810 x 1012.5 pt page and the PNG
rendered from it is exactly 1080 x 1350. A screen layout has no bleed, no marks and RGB output
(``[output] color = "rgb"``, no PDF/X); colours may still be given in CMYK: the renderer converts them
through the CMYK output profile to sRGB (render/screen.py).

``resolve_pixels`` turns the pixel lengths into the millimetres and points the rest of the loader
reads, before validation; ``screen_spec`` reads the table itself.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from handbill.errors import InputError
from handbill.model import ScreenSpec

PX_MM = 25.4 / 96  # one CSS pixel in millimetres
PX_PT = 0.75  # one CSS pixel in points
MAX_PIXELS = 4096  # a side of a screen image (Instagram takes 1080, a 4K screen 3840)
_STYLE_POINTS = ("size", "min_size", "max_size", "space_after")
_STYLE_MM = ("indent",)


def screen_spec(path: Path, data: dict[str, Any]) -> ScreenSpec | None:
    """The ``[screen]`` table of a layout, or None for a print layout."""
    table = data.get("screen")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError("expected a table: [screen] with pixels = [width, height]", file=path, field="screen")
    unknown = sorted(set(table) - {"pixels"})
    if unknown:
        raise InputError(f"unknown key {unknown[0]!r}", file=path, field=f"screen.{unknown[0]}",
                         hint="[screen] has one key: pixels = [width, height]")
    pixels = table.get("pixels")
    if not (isinstance(pixels, list) and len(pixels) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and 16 <= v <= MAX_PIXELS for v in pixels)):
        raise InputError(f"expected [width, height] in whole pixels (16 to {MAX_PIXELS}), got {pixels!r}",
                         file=path, field="screen.pixels", hint="e.g. pixels = [1080, 1080] for a square post")
    return ScreenSpec((pixels[0], pixels[1]))


def resolve_pixels(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """A screen layout's raw data with pixel lengths in mm and points, and the page set up for screens
    (size from ``pixels``, no bleed, no crop marks, RGB output); a print layout unchanged."""
    spec = screen_spec(path, data)
    if spec is None:
        return data
    data = copy.deepcopy(data)
    page = data.setdefault("page", {})
    if not isinstance(page, dict):
        return data  # reported by the validator
    for key, allowed in (("bleed", 0), ("crop_marks", False), ("registration_marks", False), ("slug", False)):
        if page.get(key, allowed) != allowed:
            raise InputError(f"a screen layout has no {key.replace('_', ' ')}", file=path, field=f"page.{key}",
                             hint=f"remove page.{key}: images for screens are not trimmed")
    if "size" in page or "orientation" in page:
        raise InputError("a screen layout's size is [screen] pixels", file=path, field="page.size",
                         hint="remove page.size and page.orientation")
    width, height = spec.pixels
    page.update(size=[width * PX_MM, height * PX_MM], bleed=0, crop_marks=False,
                orientation="landscape" if width > height else "portrait")
    grid = page.get("grid")
    if isinstance(grid, dict):
        for key in ("margin", "gutter"):
            if key in grid:
                grid[key] = _scaled(grid[key], PX_MM)
    output = data.setdefault("output", {})
    if isinstance(output, dict):
        output.setdefault("color", "rgb")
        output.setdefault("pdfx", "none")
    for page_table in data.get("pages", []) if isinstance(data.get("pages"), list) else []:
        for frame in page_table.get("frames", []) if isinstance(page_table, dict) else []:
            if isinstance(frame, dict):
                for key in ("at", "gutter"):
                    if key in frame:
                        frame[key] = _scaled(frame[key], PX_MM)
    for style in data.get("styles", {}).values() if isinstance(data.get("styles"), dict) else []:
        if isinstance(style, dict):
            _scale_style(style)
            for override in style.get("scripts", {}).values() if isinstance(style.get("scripts"), dict) else []:
                if isinstance(override, dict):
                    _scale_style(override)
    return data


def _scale_style(style: dict[str, Any]) -> None:
    for keys, factor in ((_STYLE_POINTS, PX_PT), (_STYLE_MM, PX_MM)):
        for key in keys:
            if key in style:
                style[key] = _scaled(style[key], factor)


def _scaled(value: Any, factor: float) -> Any:
    """A number or list of numbers times factor; anything else as it is (the validator reports it)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value * factor
    if isinstance(value, list):
        return [_scaled(v, factor) for v in value]
    return value
