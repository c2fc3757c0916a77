"""Black overprint: which items print on top of the inks beneath them instead of knocking them out.

Small black type and thin black rules are printed without a hole in the colours under them
(``/OP true /op true /OPM 1`` in an ExtGState), so that a slight misregistration of the plates never
shows a white halo around the letters. What overprints (``[output] overprint`` and ``overprint_rule``):

- text set only in 100 % K (no C, M or Y) whose largest glyph is smaller than ``overprint`` points;
- filled rectangles only in 100 % K whose thinner side is under ``overprint_rule`` (rules);
- nothing when ``overprint = false`` (0), and nothing in screen (RGB) output.

Spot and registration colours never overprint. In separations (render/separations.py) an overprinting
item is left off the plates of the inks it does not use, as on press.
"""

from __future__ import annotations

from handbill.model import Color, FilledRect, PlacedCode, PlacedImage, PlacedLine, PrintSpec


def pure_black(color: Color) -> bool:
    """True for a process colour of 100 % K and no C, M or Y."""
    return color.space == "cmyk" and not color.ink and tuple(color.values) == (0, 0, 0, 1)


def overprints(item: PlacedLine | FilledRect | PlacedImage | PlacedCode, spec: PrintSpec | None) -> bool:
    """Whether an item is drawn with overprint on, under the layout's print settings."""
    if spec is None or spec.color != "cmyk" or spec.overprint <= 0:
        return False
    if isinstance(item, PlacedLine):
        glyphs = item.line.glyphs
        return pure_black(item.color) and bool(glyphs) and max(g.size for g in glyphs) < spec.overprint
    if isinstance(item, FilledRect):
        return pure_black(item.color) and min(item.width, item.height) < spec.overprint_rule
    return False
