"""Typesetting one paragraph: itemise, shape, break, reorder, justify.

    from handbill.text.paragraph import Typesetter, ParagraphSpec, Span, TextStyle
    setter = Typesetter(catalog)
    para = setter.typeset(ParagraphSpec((Span("9 أيار 1945"),), "ar", TextStyle(size=12)), width=200)
    for line in para.lines: ...   # glyphs in logical order, each at its visual x

The steps, in the order of ``Typesetter.typeset``:
1. bidi levels for the logical text (UAX #9, paragraph direction from the language);
2. itemise into runs of one level, one script, one style; give each grapheme the first font of its
   script's chain that has all its characters (fallback per run, only where needed);
3. shape each run with HarfBuzz in logical order (cached in font units, so fitting to other sizes
   only rescales);
4. break lines greedily on shaped widths at break opportunities (hyphenating where allowed; a
   word longer than the line breaks between graphemes, never inside one);
5. per line: reorder runs visually (L2), place glyphs, stretch spaces (and, for long words in
   left-to-right scripts, letters a little) to justify;
6. per line: give each glyph the text it stands for in the PDF (text/glyphtext.py).

A line's glyphs come out in logical order, each at its visual x: for ``منذ 9 أيار NATO`` in a
right-to-left paragraph (levels 1 2 1 2)::

    logical runs   [منذ ] [9] [ أيار ] [NATO]
    visual, L2     NATO  أيار  9  منذ           (each run of level 2 reads left to right)
    glyphs drawn   م ن ذ ␠ 9 ␠ أ ي ا ر ␠ N A T O   (logical order, each at its own x)
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from handbill.errors import MissingGlyphError
from handbill.fonts.catalog import FontCatalog, style_key
from handbill.fonts.face import FontFace
from handbill.lines import HYPHEN_CLUSTER, Line, PlacedGlyph
from handbill.text import bidi
from handbill.text.casing import to_upper
from handbill.text.glyphtext import (
    LRM,
    RLM,
    SOFT_HYPHEN,
    GlyphSpot,
    first_carrier,
    glyph_texts,
    is_invisible,
    is_number_punctuation,
    joins_previous,
    last_carrier,
    mark_after,
    mark_before,
)
from handbill.text.glyphtext import reading_text as glyph_reading_text
from handbill.text.linebreak import (
    BREAKING_SPACES,
    SPACES,
    BreakPoint,
    address_spans,
    break_points,
    hyphenation_points,
    trim_end,
)
from handbill.text.reorder import visual_runs
from handbill.text.script import (
    COMMON,
    INHERITED,
    char_script,
    is_default_ignorable,
    is_mark,
    is_rtl_language,
    resolve_scripts,
)
from handbill.text.shape import Glyph, harfbuzz_available, shape

# Scripts whose letters join: no letter-spacing, no hyphenation.
CURSIVE_SCRIPTS = frozenset({"Arab", "Syrc", "Mong", "Nkoo", "Mand", "Adlm", "Rohg"})
# Justification: spaces grow first, up to SPACE_STRETCH_COMFORT (em); past that, letters of
# left-to-right scripts whose letters stand apart are spaced too, up to MAX_LETTER_STRETCH each (long
# Georgian and Armenian words leave few spaces to stretch), and spaces take the rest, up to
# MAX_SPACE_STRETCH. A line that would need more is left unjustified: a wider gap reads as a hole, and
# pdftotext takes a gap over 1.5 em for the end of a line. Letters that join (Arabic) or share a
# headline (Devanagari) are never spaced apart, nor are right-to-left ones (see _takes_letter_spacing).
SPACE_STRETCH_COMFORT = 0.5
MAX_LETTER_STRETCH = 0.04
MAX_SPACE_STRETCH = 1.0
UNSPACED_SCRIPTS = CURSIVE_SCRIPTS | {"Deva", "Beng", "Guru", "Gujr", "Orya", "Tibt"}


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph's text looks. Sizes in points; tracking in thousandths of an em."""

    size: float
    leading: float = 1.25
    bold: bool = False
    italic: bool = False
    tracking: float = 0.0
    uppercase: bool = False
    hyphenate: bool = False

    def scaled(self, size: float) -> TextStyle:
        """The same style at another size (for shrink- and grow-to-fit)."""
        return TextStyle(size, self.leading, self.bold, self.italic, self.tracking, self.uppercase,
                         self.hyphenate)


@dataclass(frozen=True)
class Span:
    """A stretch of inline text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


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


@dataclass
class _Run:
    """A run of one level, script, style and font, shaped in font units."""

    start: int
    end: int
    level: int
    script: str
    face: FontFace
    glyphs: list[Glyph]

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


@dataclass
class _Shaped:
    """A paragraph's text shaped once, size-independent."""

    text: str
    lang: str
    base_level: int
    runs: list[_Run]
    char_units: list[float] = field(default_factory=list)  # advance per character, in em

    @cached_property
    def prefix(self) -> list[float]:
        sums = [0.0]
        for value in self.char_units:
            sums.append(sums[-1] + value)
        return sums

    def width_em(self, start: int, end: int) -> float:
        return self.prefix[end] - self.prefix[start]


class Typesetter:
    """Sets paragraphs with the fonts of a catalog; caches shaped text across sizes and versions."""

    def __init__(self, catalog: FontCatalog) -> None:
        self.catalog = catalog
        self._shaped: dict[tuple, _Shaped] = {}
        self._chains: dict[tuple[str, str, str], list[FontFace]] = {}

    # -- public -------------------------------------------------------------------------------------

    def typeset(self, spec: ParagraphSpec, width: float) -> SetParagraph:
        """Break a paragraph into lines no wider than width (points)."""
        shaped = self._shape_paragraph(spec)
        style = spec.style
        lines: list[Line] = []
        text = shaped.text
        for start, end, hyphen in self._break_lines(shaped, spec, width):
            last = end >= len(text) or text[end - 1] in "\n\u2028\u2029"
            stretch = width if spec.align == "justify" and not last else None
            lines.append(self._build_line(shaped, spec, start, end, hyphen, stretch))
        return SetParagraph(tuple(lines), spec.lang, shaped.base_level == 1, style.size, style.leading, width,
                            text, spec.align)

    def natural_width(self, spec: ParagraphSpec) -> float:
        """Width of the paragraph set on one line (points), forced breaks ignored."""
        shaped = self._shape_paragraph(spec)
        return shaped.width_em(0, len(shaped.text)) * spec.style.size

    # -- shaping ------------------------------------------------------------------------------------

    def _shape_paragraph(self, spec: ParagraphSpec) -> _Shaped:
        style = spec.style
        key = (spec.spans, spec.lang, style.uppercase, style.bold, style.italic, style.tracking,
               harfbuzz_available())
        cached = self._shaped.get(key)
        if cached is not None:
            return cached
        spans = spec.spans
        if style.uppercase:
            spans = tuple(Span(to_upper(s.text, spec.lang), s.bold, s.italic) for s in spans)
        text = "".join(s.text for s in spans)
        emphasis: list[tuple[bool, bool]] = []
        for s in spans:
            emphasis.extend([(style.bold or s.bold, style.italic or s.italic)] * len(s.text))
        base_level, levels = _paragraph_levels(text, spec.lang)
        scripts = resolve_scripts(text, spec.lang)
        runs: list[_Run] = []
        for start, end in _itemise(levels, scripts, emphasis):
            bold, italic = emphasis[start]
            runs.extend(self._font_runs(text, start, end, levels[start], scripts[start],
                                        style_key(bold, italic), spec))
        shaped = _Shaped(text, spec.lang, base_level, runs)
        shaped.char_units = _char_advances(shaped, style.tracking)
        self._shaped[key] = shaped
        return shaped

    def _chain(self, script: str, style: str, lang: str) -> list[FontFace]:
        key = (script, style, lang)
        chain = self._chains.get(key)
        if chain is None:
            chain = self._chains[key] = self.catalog.chain(script, style, lang)
        return chain

    def _font_runs(self, text: str, start: int, end: int, level: int, script: str, style: str,
                   spec: ParagraphSpec) -> list[_Run]:
        """Split one itemised run by font (fallback only where needed), and shape each part."""
        chain = self._chain(script, style, spec.lang)
        faces = self._assign_fonts(text, start, end, chain, script, spec)
        runs: list[_Run] = []
        i = start
        while i < end:
            face = faces[i - start]
            j = i + 1
            while j < end and faces[j - start] is face:
                j += 1
            glyphs = shape(text, i, j, face, level % 2 == 1, script, spec.lang)
            self._check_drawn(glyphs, text, face, script, spec)
            runs.append(_Run(i, j, level, script, face, glyphs))
            i = j
        return runs

    def _assign_fonts(self, text: str, start: int, end: int, chain: list[FontFace], script: str,
                      spec: ParagraphSpec) -> list[FontFace]:
        """A font for every character of text[start:end], grapheme by grapheme.

        A grapheme (a letter with its marks) takes the first font of the chain that has all its visible
        characters, so a mark is never drawn by another font than its letter when one font has both.
        Punctuation, digits and spaces stay in the font before them when it has them. Invisible format
        characters follow their neighbours. A character no font has raises MissingGlyphError.
        """
        faces: list[FontFace | None] = []
        current: FontFace | None = None
        for g_start, g_end in _graphemes(text, start, end):
            visible = [ch for ch in text[g_start:g_end] if not is_default_ignorable(ch)]
            if not visible:
                faces.extend([current] * (g_end - g_start))
                continue
            keeps = current is not None and char_script(visible[0]) in (COMMON, INHERITED)
            if keeps and current is not None and all(current.covers(ch) for ch in visible):
                faces.extend([current] * (g_end - g_start))
                continue
            face = next((f for f in chain if all(f.covers(ch) for ch in visible)), None)
            if face is not None:
                faces.extend([face] * (g_end - g_start))
                current = face
                continue
            for ch in text[g_start:g_end]:  # no font has the whole grapheme: each character on its own
                own = next((f for f in chain if f.covers(ch)), None)
                if own is None and not is_default_ignorable(ch):
                    raise self._missing(ch, chain, script, spec)
                faces.append(own or current)
                current = own or current
        fallback = next((f for f in faces if f is not None), chain[0] if chain else None)
        if fallback is None:
            raise self._missing(text[start], chain, script, spec)
        resolved: list[FontFace] = []
        for face in faces:  # leading invisible characters take the first real font
            fallback = face or fallback
            resolved.append(fallback)
        return resolved

    def _missing(self, char: str, chain: list[FontFace], script: str,
                 spec: ParagraphSpec) -> MissingGlyphError:
        return MissingGlyphError(char, lang=spec.lang, block=spec.block, fonts=[f.label for f in chain],
                                 suggestion=self.catalog.suggestion(script, char))

    def _check_drawn(self, glyphs: list[Glyph], text: str, face: FontFace, script: str,
                     spec: ParagraphSpec) -> None:
        """No glyph may be .notdef (an empty box) unless it stands for an invisible format character."""
        for g in glyphs:
            if g.gid == 0 and not is_default_ignorable(text[g.cluster]):
                raise self._missing(text[g.cluster], [face], script, spec)

    # -- line breaking ------------------------------------------------------------------------------

    def _break_lines(self, shaped: _Shaped, spec: ParagraphSpec, width: float) -> list[tuple[int, int, bool]]:
        """Greedy breaking: (start, end, hyphenated) for each line; ends include trailing spaces."""
        text = shaped.text
        size = spec.style.size
        limit = width / size + 1e-9  # in em
        points = break_points(text)
        positions = [p.position for p in points]
        lines: list[tuple[int, int, bool]] = []
        start = 0
        while start < len(text):
            k = bisect.bisect_right(positions, start)
            best: BreakPoint | None = None
            while k < len(points):
                point = points[k]
                if shaped.width_em(start, trim_end(text, start, point.position)) > limit:
                    break
                best = point
                if point.forced:
                    break
                k += 1
            if best is not None and best.forced:
                lines.append((start, best.position, False))
                start = best.position
                continue
            if k >= len(points):  # the rest fits
                lines.append((start, len(text), False))
                break
            overflow_end = points[k].position
            word_start = best.position if best is not None else start
            split = self._hyphenate(shaped, spec, start, word_start, overflow_end, limit)
            if split is not None:
                lines.append((start, split, True))
                start = split
            elif best is not None:
                lines.append((start, best.position, False))
                start = best.position
            else:  # a word longer than the line: break between clusters, never lose text
                end = self._emergency_break(shaped, start, overflow_end, limit)
                lines.append((start, end, False))
                start = end
        return lines or [(0, 0, False)]

    def _hyphenate(self, shaped: _Shaped, spec: ParagraphSpec, start: int, word_start: int,
                   word_end: int, limit: float) -> int | None:
        """Where to hyphenate the word that overflows (justified text only), if anywhere."""
        if not spec.style.hyphenate or spec.align != "justify":
            return None
        text = shaped.text
        end = trim_end(text, word_start, word_end)
        word_from = word_start
        while word_from < end and not text[word_from].isalpha():
            word_from += 1
        word_to = word_from
        while word_to < end and text[word_to].isalpha():
            word_to += 1
        if word_from >= word_to or not _run_at(shaped, word_from).face.covers("-"):
            return None
        if any(a <= word_from < b for a, b in address_spans(text)):
            return None
        hyphen = self._hyphen_em(shaped, word_from)
        for offset in reversed(hyphenation_points(text[word_from:word_to], spec.lang)):
            split = word_from + offset
            if shaped.width_em(start, split) + hyphen <= limit:
                return split
        return None

    def _hyphen_em(self, shaped: _Shaped, index: int) -> float:
        run = _run_at(shaped, index)
        gid = run.face.glyph_ids.get(ord("-"), 0)
        return run.face.advances[gid] / run.face.units_per_em

    def _emergency_break(self, shaped: _Shaped, start: int, end: int, limit: float) -> int:
        """The furthest grapheme boundary after start that fits (at least one grapheme)."""
        boundaries = _unit_boundaries(shaped, start, end)
        best = None
        for boundary in boundaries:
            if shaped.width_em(start, boundary) > limit:
                break
            best = boundary
        if best is None:
            best = boundaries[0] if boundaries else end
        return best

    # -- lines --------------------------------------------------------------------------------------

    def _build_line(self, shaped: _Shaped, spec: ParagraphSpec, start: int, end: int, hyphen: bool,
                    stretch_to: float | None) -> Line:
        """One line: its pieces placed in visual order, its glyphs listed in logical order with their text;
        glyphs that draw nothing and stand for nothing are left out."""
        text = shaped.text
        visible_end = trim_end(text, start, end)
        pieces = self._line_pieces(shaped, spec, start, visible_end)
        if hyphen and pieces:
            pieces.append(self._hyphen_piece(shaped, spec, pieces, visible_end))
        spots, width = self._place(shaped, spec, pieces, stretch_to)
        texts = self._texts(shaped, pieces, spots)
        size = spec.style.size
        logical: list[PlacedGlyph] = []
        for index, piece in enumerate(pieces):
            scale = size / piece.face.units_per_em
            out = [PlacedGlyph(g.gid, piece.face, size, spot.x, spot.y, glyph_text, spot.cluster, piece.rtl,
                               g.x_advance * scale)
                   for g, spot, glyph_text in zip(piece.glyphs, spots[index], texts[index], strict=True)
                   if glyph_text or not _draws_nothing(text, g)]
            logical.extend(out[::-1] if piece.rtl else out)
        return Line(tuple(logical), width, start, end)

    def _place(self, shaped: _Shaped, spec: ParagraphSpec, pieces: list[_Run], stretch_to: float | None
               ) -> tuple[list[list[_Spot]], float]:
        """Each glyph's position (pieces in visual order, rule L2), stretched to justify when asked."""
        text = shaped.text
        size = spec.style.size
        tracking = spec.style.tracking / 1000.0
        order = visual_runs([p.level for p in pieces])
        per_space = per_letter = 0.0
        if stretch_to is not None:
            natural = sum(_piece_width(p, tracking) for p in pieces) * size
            per_space, per_letter = _stretch(text, [pieces[i] for i in order], stretch_to - natural, size)
        spots: list[list[_Spot]] = [[] for _ in pieces]
        x = 0.0
        first = True
        for index in order:
            piece = pieces[index]
            scale = size / piece.face.units_per_em
            for g in piece.glyphs:
                if per_letter and not first and _takes_letter_spacing(text, g, piece):
                    x += per_letter
                first = first and not g.x_advance
                spots[index].append(_Spot(g.cluster, x + g.x_offset * scale, g.x_advance, g.y_offset * scale))
                x += g.x_advance * scale
                if g.x_advance and piece.script not in CURSIVE_SCRIPTS:
                    x += tracking * size
                if per_space and _is_space(text, g, piece):
                    x += per_space
        return spots, x

    def _texts(self, shaped: _Shaped, pieces: list[_Run], spots: list[list[_Spot]]) -> list[list[str]]:
        """The extracted text of every glyph (see text/glyphtext.py for the rules)."""
        text = shaped.text
        paragraph_rtl = shaped.base_level % 2 == 1
        texts: list[list[str]] = []
        for piece, piece_spots in zip(pieces, spots, strict=True):
            if piece.glyphs and piece.glyphs[0].cluster == HYPHEN_CLUSTER:
                texts.append([SOFT_HYPHEN] + [""] * (len(piece.glyphs) - 1))
            else:
                texts.append(glyph_texts(text, piece_spots, piece.end, piece.rtl))
        _join_marks_across_pieces(text, pieces, spots, texts)
        mark = RLM if paragraph_rtl else LRM
        for index, piece in enumerate(pieces):
            line_start = index == 0 and paragraph_rtl
            after_own_direction = index == 0 or pieces[index - 1].rtl == paragraph_rtl
            stretch_start = piece.rtl != paragraph_rtl and after_own_direction
            glyph = first_carrier(spots[index], texts[index], piece.rtl)
            if (line_start or stretch_start) and glyph is not None:
                texts[index][glyph] = mark_before(texts[index][glyph], piece.rtl, mark)
            if paragraph_rtl and piece.rtl:
                texts[index] = [mark_after(t, True, RLM) if is_number_punctuation(t) else t
                                for t in texts[index]]
        return texts

    def _line_pieces(self, shaped: _Shaped, spec: ParagraphSpec, start: int, end: int) -> list[_Run]:
        """The runs of a line, cut to [start, end); a cut inside a word (or inside a cluster, like a
        space with a mark on it) is shaped again, a cut at a space reuses the paragraph's glyphs."""
        text = shaped.text
        pieces: list[_Run] = []
        for run in shaped.runs:
            lo, hi = max(start, run.start), min(end, run.end)
            if lo >= hi:
                continue
            if lo == run.start and hi == run.end:
                pieces.append(run)
                continue
            starts = {g.cluster for g in run.glyphs}
            clean_lo = lo == run.start or (lo in starts and BREAKING_SPACES.intersection(text[lo - 1:lo + 1]))
            clean_hi = hi == run.end or (hi in starts and BREAKING_SPACES.intersection(text[hi - 1:hi + 1]))
            if clean_lo and clean_hi:
                glyphs = [g for g in run.glyphs if lo <= g.cluster < hi]
            else:
                glyphs = shape(text, lo, hi, run.face, run.rtl, run.script, spec.lang)
            pieces.append(_Run(lo, hi, run.level, run.script, run.face, glyphs))
        return pieces

    def _hyphen_piece(self, shaped: _Shaped, spec: ParagraphSpec, pieces: list[_Run], at: int) -> _Run:
        """A hyphen glyph after a hyphenated word; it stands for a soft hyphen in the extracted text."""
        last = max(pieces, key=lambda p: p.end)
        glyphs = shape("-", 0, 1, last.face, last.rtl, last.script, spec.lang)
        return _Run(at, at, last.level, last.script, last.face,
                    [Glyph(g.gid, HYPHEN_CLUSTER, g.x_advance, g.x_offset, g.y_offset) for g in glyphs])


def _join_marks_across_pieces(text: str, pieces: list[_Run], spots: list[list[_Spot]],
                              texts: list[list[str]]) -> None:
    """A mark drawn by another font than its letter (no font had both) starts a piece of its own; its
    text moves to the letter's unit in the piece before, so extractors keep it after its letter."""
    for index in range(1, len(pieces)):
        piece, before = pieces[index], pieces[index - 1]
        if before.end != piece.start or not joins_previous(text[before.start:piece.start], text[piece.start]):
            continue
        mover = next((i for i, spot in enumerate(spots[index])
                      if spot.cluster == piece.start and texts[index][i]), None)
        host = last_carrier(spots[index - 1], texts[index - 1], before.rtl)
        if mover is None or host is None:
            continue
        moved = glyph_reading_text(texts[index][mover], piece.rtl)
        joined = glyph_reading_text(texts[index - 1][host], before.rtl) + moved
        texts[index - 1][host] = joined[::-1] if before.rtl else joined
        texts[index][mover] = ""


@dataclass(frozen=True, slots=True)
class _Spot(GlyphSpot):
    """Where a glyph goes on its line: x from the line's left edge, y from the baseline (points)."""

    y: float = 0.0


def _paragraph_levels(text: str, lang: str) -> tuple[int, tuple[int, ...]]:
    """The paragraph level and each character's bidi level; the paragraph direction comes from the
    language, else from the first strong character (design rule 1)."""
    rtl = is_rtl_language(lang)
    paragraph = bidi.resolve_paragraph(text, 1 if rtl else (None if bidi.has_rtl(text) else 0))
    return paragraph.base_level, paragraph.levels


def _itemise(levels: tuple[int, ...], scripts: list[str], emphasis: list[tuple[bool, bool]]):
    """Maximal ranges of one bidi level, one script and one emphasis."""
    n = len(levels)
    start = 0
    for i in range(1, n + 1):
        if i == n or (levels[i], scripts[i], emphasis[i]) != (levels[start], scripts[start], emphasis[start]):
            yield start, i
            start = i


def _graphemes(text: str, start: int, end: int):
    """(start, end) of each letter with the marks and joiners after it, in text[start:end]."""
    i = start
    while i < end:
        j = i + 1
        while j < end and is_mark(text[j]):
            j += 1
        yield i, j
        i = j


def _char_advances(shaped: _Shaped, tracking: float) -> list[float]:
    """Advance of each character in em: a cluster's advance sits on its first character."""
    units = [0.0] * len(shaped.text)
    for run in shaped.runs:
        per_em = 1.0 / run.face.units_per_em
        spacing = tracking / 1000.0 if run.script not in CURSIVE_SCRIPTS else 0.0
        for g in run.glyphs:
            units[g.cluster] += g.x_advance * per_em + (spacing if g.x_advance else 0.0)
    return units


def _unit_boundaries(shaped: _Shaped, start: int, end: int) -> list[int]:
    """Positions strictly between start and end where a line may be cut without splitting a unit
    (a grapheme or a conjunct; see text/glyphtext.py)."""
    text = shaped.text
    inside = {g.cluster for run in shaped.runs for g in run.glyphs if start <= g.cluster < end}
    clusters = sorted(inside | {start})
    bounds = [*clusters, end]
    cuts = []
    for i in range(1, len(clusters)):
        previous, chars = text[clusters[i - 1]:clusters[i]], text[clusters[i]:bounds[i + 1]]
        if not joins_previous(previous, chars):
            cuts.append(clusters[i])
    return cuts


def _run_at(shaped: _Shaped, index: int) -> _Run:
    for run in shaped.runs:
        if run.start <= index < run.end:
            return run
    return shaped.runs[-1]


def _piece_width(piece: _Run, tracking: float) -> float:
    per_em = 1.0 / piece.face.units_per_em
    spacing = tracking if piece.script not in CURSIVE_SCRIPTS else 0.0
    return sum(g.x_advance * per_em + (spacing if g.x_advance else 0.0) for g in piece.glyphs)


def _stretch(text: str, visual_pieces: list[_Run], extra: float, size: float) -> tuple[float, float]:
    """How much to add after each space and before each letter (points) to justify a line, or (0, 0)
    to leave it as it is."""
    if extra <= 0:
        return 0.0, 0.0
    spaces = sum(1 for p in visual_pieces for g in p.glyphs if _is_space(text, g, p))
    letters = sum(1 for p in visual_pieces for g in p.glyphs if _takes_letter_spacing(text, g, p))
    letters = max(0, letters - 1)  # not before the first letter of the line
    per_letter = 0.0
    if letters and extra > SPACE_STRETCH_COMFORT * size * spaces:
        per_letter = min(MAX_LETTER_STRETCH * size, (extra - SPACE_STRETCH_COMFORT * size * spaces) / letters)
    rest = extra - per_letter * letters
    if spaces:
        per_space = rest / spaces
        return (per_space, per_letter) if per_space <= MAX_SPACE_STRETCH * size else (0.0, 0.0)
    return (0.0, per_letter) if rest <= 1e-9 else (0.0, 0.0)


def _takes_letter_spacing(text: str, glyph: Glyph, piece: _Run) -> bool:
    """A visible glyph, not a space, of a left-to-right run in a script whose letters may be spaced.

    Right-to-left runs never are: Hebrew justifies with word spaces alone, and poppler reads every
    glyph of a right-to-left line as a word of its own, so a gap of 0.03 em there reads as a space.
    """
    if not glyph.x_advance or piece.rtl or piece.script in UNSPACED_SCRIPTS:
        return False
    return not _is_space(text, glyph, piece)


def _is_space(text: str, glyph: Glyph, piece: _Run) -> bool:
    return glyph.cluster >= 0 and text[glyph.cluster] in SPACES and piece.start <= glyph.cluster < piece.end


def _draws_nothing(text: str, glyph: Glyph) -> bool:
    """A zero-width blank standing only for format characters (ZWNJ, bidi controls): it is left out."""
    return not glyph.x_advance and glyph.cluster >= 0 and is_invisible(text[glyph.cluster:glyph.cluster + 1])


def reading_text(line: Line) -> str:
    """The text an extractor that reads glyphs by position gets back from one line.

    Units in logical order (glyphs carry the index of their unit's first character); inside a unit, the
    glyphs by x in their run's direction; each glyph's text put back in logical order without direction
    marks (see text/glyphtext.py). For any line this equals the line's logical text, trailing spaces
    left out, with a soft hyphen after a hyphenated word.
    """
    order = sorted(range(len(line.glyphs)), key=lambda i: _reading_key(line.glyphs[i], i))
    return "".join(glyph_reading_text(line.glyphs[i].text, line.glyphs[i].rtl) for i in order)


def _reading_key(glyph: PlacedGlyph, index: int) -> tuple[float, float, int]:
    cluster = glyph.cluster if glyph.cluster != HYPHEN_CLUSTER else float("inf")
    return cluster, -glyph.x if glyph.rtl else glyph.x, index
