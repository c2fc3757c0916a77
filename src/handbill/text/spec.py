"""The text stage's vocabulary: a paragraph to set (spans, language, style, alignment) and the
paragraph as set (its lines for one width). ``Typesetter`` (text/paragraph.py) turns the first into
the second; compose reads only these types.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from handbill.lines import Line
from handbill.model import Inline


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph's text looks to the text stage. Sizes in points; tracking in thousandths of an em.

    Not the layout's ``model.Style``, which adds what only compose uses (colour, alignment, a size range,
    indent, space after): this is the part that changes line setting, at one size, so that paragraphs
    set alike share one cache entry (compose/fit.py makes it from a Style).
    """

    size: float
    leading: float = 1.25
    bold: bool = False
    italic: bool = False
    tracking: float = 0.0
    uppercase: bool = False
    hyphenate: bool = False
    max_gap: float = 1.0  # justified text: the widest word gap in em; a line needing more is left ragged

    def scaled(self, size: float) -> TextStyle:
        """The same style at another size (for shrink- and grow-to-fit)."""
        return replace(self, size=size)


# A stretch of inline text with its emphasis: the leaflet's inlines are the text stage's spans.
Span = Inline


@dataclass(frozen=True)
class ParagraphSpec:
    """A paragraph to set: its spans, language, style and alignment (start, end, center, justify)."""

    spans: tuple[Span, ...]
    lang: str
    style: TextStyle
    align: str = "start"
    block: str = "text"

    @property
    def text(self) -> str:
        """The paragraph's logical text."""
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class SetParagraph:
    """A paragraph broken into lines for one width."""

    lines: tuple[Line, ...]
    lang: str
    rtl: bool
    size: float
    leading: float
    width: float
    text: str
    align: str
    cut_words: int = 0  # lines ended inside a word longer than the line (no break opportunity there)

    @property
    def line_height(self) -> float:
        """Baseline-to-baseline distance."""
        return self.size * self.leading

    @property
    def height(self) -> float:
        """Height of the paragraph box: all lines at the style's leading."""
        return len(self.lines) * self.line_height

    @property
    def widest(self) -> float:
        """Natural width of the widest line."""
        return max((line.width for line in self.lines), default=0.0)

    def line_x(self, line: Line) -> float:
        """Offset of a line inside the paragraph's width, by alignment and direction.

        ``left``/``right`` are physical (compose maps a layout's start/end through the page direction);
        ``start``/``end`` and the last line of a justified paragraph follow the paragraph's own direction.
        """
        free = self.width - line.width
        align = {"justify": "start"}.get(self.align, self.align)
        if align == "center":
            return free / 2
        if align in ("start", "end"):
            align = "right" if (align == "end") != self.rtl else "left"
        return free if align == "right" else 0.0
