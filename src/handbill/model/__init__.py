"""The data that flows between stages: plain frozen dataclasses, imported from here
(``from handbill.model import Leaflet, Frame, ComposedDocument``).

Three modules, one a boundary: ``leaflet`` (what load gives for a leaflet folder), ``layout`` (what load
gives for a layout file) and ``page`` (what compose gives render). Each imports only the ones before it.
"""

from handbill.model.layout import (
    MM,
    REGISTRATION,
    SCREEN_FORMATS,
    Align,
    Color,
    Fit,
    Frame,
    Imposition,
    Layout,
    Overflow,
    PageTemplate,
    PrintSpec,
    Scheme,
    ScreenOptions,
    ScreenSpec,
    SizeBy,
    Style,
    StyleSet,
    VAlign,
)
from handbill.model.leaflet import BlockKind, Inline, Leaflet, Notice, Signatory, Slogan, Statement, TextBlock
from handbill.model.page import (
    ComposedDocument,
    ComposedPage,
    FilledRect,
    PlacedCode,
    PlacedImage,
    PlacedLine,
    TagRole,
    TextTag,
)

__all__ = [
    "MM", "REGISTRATION", "SCREEN_FORMATS", "Align", "BlockKind", "Color", "ComposedDocument", "ComposedPage",
    "FilledRect", "Fit", "Frame", "Imposition", "Inline", "Layout", "Leaflet", "Notice", "Overflow", "PageTemplate",
    "PlacedCode", "PlacedImage", "PlacedLine", "PrintSpec", "Scheme", "ScreenOptions", "ScreenSpec", "Signatory",
    "SizeBy", "Slogan", "Statement", "Style", "StyleSet", "TagRole", "TextBlock", "TextTag", "VAlign",
]
