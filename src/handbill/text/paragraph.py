"""Typesetting one paragraph: itemise, shape, break, reorder, justify.

    from handbill.text.paragraph import Typesetter, ParagraphSpec, Span, TextStyle
    setter = Typesetter(catalog)
    para = setter.typeset(ParagraphSpec((Span("9 أيار 1945"),), "ar", TextStyle(size=12)), width=200)
    for line in para.lines: ...   # glyphs in logical order, each at its visual x

The steps of ``Typesetter.typeset``, one module each:
1. prepare (text/prepare.py): bidi levels for the logical text (UAX #9, paragraph direction from the
   language); itemise into runs of one level, one script, one style; give each grapheme the first
   font of its script's chain that has all its characters; shape each run with HarfBuzz in logical
   order (cached in font units, so fitting to other sizes only rescales);
2. break (text/breaker.py): lines greedily on shaped widths at break opportunities (a hero or headline
   balanced: the narrowest width that needs no more lines; hyphenating
   where allowed; a word longer than the line breaks between graphemes, never inside one);
3. assemble (text/assemble.py), per line: reorder runs visually (L2), place glyphs, stretch spaces
   (and, for long words in left-to-right scripts, letters a little) to justify (text/justify.py),
   and give each glyph the text it stands for in the PDF (text/glyphtext.py).

A line's glyphs come out in logical order, each at its visual x: for ``منذ 9 أيار NATO`` in a
right-to-left paragraph (levels 1 2 1 2)::

    logical runs   [منذ ] [9] [ أيار ] [NATO]
    visual, L2     NATO  أيار  9  منذ           (each run of level 2 reads left to right)
    glyphs drawn   م ن ذ ␠ 9 ␠ أ ي ا ر ␠ N A T O   (logical order, each at its own x)
"""

from __future__ import annotations

from handbill.fonts.catalog import FontCatalog
from handbill.lines import Line
from handbill.text.assemble import build_line
from handbill.text.breaker import BALANCED_BLOCKS, balanced_lines, break_lines
from handbill.text.optical import optical_height, optical_scale
from handbill.text.pitch import line_pitch
from handbill.text.prepare import Preparer, ShapedParagraph
from handbill.text.shape import harfbuzz_available
from handbill.text.spec import ParagraphSpec, SetParagraph, Span, TextStyle

__all__ = ["ParagraphSpec", "SetParagraph", "Span", "TextStyle", "Typesetter"]


class Typesetter:
    """Sets paragraphs with the fonts of a catalog; caches shaped text across sizes and versions."""

    def __init__(self, catalog: FontCatalog) -> None:
        self.catalog = catalog
        self._preparer = Preparer(catalog)
        self._shaped: dict[tuple, ShapedParagraph] = {}
        self._optical_cache: dict[tuple, tuple[float, float]] = {}

    def typeset(self, spec: ParagraphSpec, width: float) -> SetParagraph:
        """Break a paragraph into lines no wider than width (points)."""
        shaped = self._prepare(spec)
        text = shaped.text
        lines: list[Line] = []
        cut = 0
        breaks = balanced_lines if spec.block in BALANCED_BLOCKS else break_lines
        for start, end, hyphen, cut_word in breaks(shaped, spec, width):
            last = end >= len(text) or text[end - 1] in "\n\u2028\u2029"
            stretch_to = width if spec.align == "justify" and not last else None
            lines.append(build_line(shaped, spec, start, end, hyphen, stretch_to))
            cut += cut_word
        return SetParagraph(tuple(lines), spec.lang, shaped.base_level == 1, spec.style.size,
                            line_pitch(shaped, spec.style.leading, tuple(lines)), width, text, spec.align, cut)

    def natural_width(self, spec: ParagraphSpec) -> float:
        """Width of the paragraph set on one line (points), forced breaks ignored."""
        shaped = self._prepare(spec)
        return shaped.width_em(0, len(shaped.text)) * spec.style.size

    def optical_scale(self, spec: ParagraphSpec) -> float:
        """The factor that makes the paragraph look as large as Latin text at its size (x-heights matched;
        text/optical.py): 1 for Latin in the catalog's Latin face, about 1.15 for bold Noto Sans Arabic."""
        return self._optical(spec)[0]

    def optical_height(self, spec: ParagraphSpec) -> float:
        """How tall the paragraph's small letters (x-height, letter body) are drawn at its size, in points."""
        return spec.style.size * self._optical(spec)[1]

    def _optical(self, spec: ParagraphSpec) -> tuple[float, float]:
        """(optical scale, optical height per point of size), once per shaped paragraph: fitting a band
        sized by x-height asks for them at every trial size (450,000 times for the 49-language posters)."""
        key = self._key(spec)
        measured = self._optical_cache.get(key)
        if measured is None:
            shaped, style = self._prepare(spec), spec.style
            measured = self._optical_cache[key] = (
                optical_scale(self.catalog, shaped, style.bold, style.italic),
                optical_height(self.catalog, shaped, 1.0, style.bold, style.italic))
        return measured

    def uncovered(self, text: str, lang: str) -> list[str]:
        """The characters of text no font has, each once (text/prepare.py)."""
        return self._preparer.uncovered(text, lang)

    @staticmethod
    def _key(spec: ParagraphSpec) -> tuple[object, ...]:
        """What shaping depends on: text, language and look, not size or width."""
        style = spec.style
        return (spec.spans, spec.lang, style.uppercase, style.bold, style.italic, style.tracking,
                harfbuzz_available())

    def _prepare(self, spec: ParagraphSpec) -> ShapedParagraph:
        """The paragraph shaped once per text, language and look; every width and size reuses it."""
        key = self._key(spec)
        shaped = self._shaped.get(key)
        if shaped is None:
            shaped = self._shaped[key] = self._preparer.prepare(spec)
        return shaped
