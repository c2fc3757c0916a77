"""Typesetting one paragraph: itemise, shape, break, reorder, justify.

    from handbill.text.paragraph import Typesetter, ParagraphSpec, Span, TextStyle
    setter = Typesetter(catalog)
    para = setter.typeset(ParagraphSpec((Span("9 أيار 1945"),), "ar", TextStyle(size=12)), width=200)
    for line in para.lines: ...   # glyphs in logical order, each at its visual x

The steps, in the order of ``Typesetter.typeset``:
1. bidi levels for the logical text (UAX #9, paragraph direction from the language);
2. itemise into runs of one level, one script, one style; give each character the first font of its
   script's chain that covers it (fallback per run, only where needed);
3. shape each run with HarfBuzz in logical order (cached in font units, so fitting to other sizes
   only rescales);
4. break lines greedily on shaped widths at break opportunities (hyphenating where allowed);
5. per line: reorder runs visually (L2), place glyphs, stretch spaces to justify.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from handbill.errors import MissingGlyphError
from handbill.fonts.catalog import FontCatalog, style_key
from handbill.fonts.face import FontFace
from handbill.text import bidi
from handbill.text.casing import to_upper
from handbill.text.linebreak import (
    BREAKING_SPACES,
    SPACES,
    BreakPoint,
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
from handbill.text.shape import Glyph, shape

# Scripts whose letters join: no letter-spacing, no hyphenation.
CURSIVE_SCRIPTS = frozenset({"Arab", "Syrc", "Mong", "Nkoo", "Mand", "Adlm", "Rohg"})
SOFT_HYPHEN = "\u00ad"


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


@dataclass(frozen=True, slots=True)
class PlacedGlyph:
    """A glyph ready to draw: x from the line's left edge, y from the baseline (points, y up).

    ``text`` is what the glyph stands for when the PDF is copied or searched: the characters of its
    cluster on the cluster's first glyph, nothing on the others.
    """

    gid: int
    face: FontFace
    size: float
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Line:
    """One set line: glyphs in logical order, with its measures in points."""

    glyphs: tuple[PlacedGlyph, ...]
    width: float
    start: int
    end: int

    @property
    def ink(self) -> bool:
        """True if the line draws anything."""
        return bool(self.glyphs)


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
        key = (spec.spans, spec.lang, style.uppercase, style.bold, style.italic, style.tracking)
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
        paragraph = bidi.resolve_paragraph(text, 1 if is_rtl_language(spec.lang) else None)
        if not bidi.has_rtl(text) and not is_rtl_language(spec.lang):
            paragraph = bidi.resolve_paragraph(text, 0)
        scripts = resolve_scripts(text, spec.lang)
        runs: list[_Run] = []
        for start, end in _itemise(paragraph.levels, scripts, emphasis):
            bold, italic = emphasis[start]
            runs.extend(self._font_runs(text, start, end, paragraph.levels[start], scripts[start],
                                        style_key(bold, italic), spec))
        shaped = _Shaped(text, spec.lang, paragraph.base_level, runs)
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
        """Split one itemised run by font (first covering font of the chain), and shape each part."""
        chain = self._chain(script, style, spec.lang)
        faces: list[FontFace | None] = []
        current: FontFace | None = None
        for i in range(start, end):
            ch = text[i]
            if is_default_ignorable(ch) or (is_mark(ch) and current is not None and current.covers(ch)):
                faces.append(current)
                continue
            own = char_script(ch)
            if current is not None and own in (COMMON, INHERITED) and current.covers(ch):
                faces.append(current)
                continue
            face = next((f for f in chain if f.covers(ch)), None)
            if face is None:
                raise MissingGlyphError(ch, lang=spec.lang, block=spec.block,
                                        fonts=[f.label for f in chain],
                                        suggestion=self.catalog.suggestion(script))
            faces.append(face)
            current = face
        first = next((f for f in faces if f is not None), chain[0] if chain else None)
        if first is None:
            raise MissingGlyphError(text[start], lang=spec.lang, block=spec.block, fonts=[],
                                    suggestion=self.catalog.suggestion(script))
        resolved = []
        for face in faces:  # leading ignorables take the first real font
            first = face or first
            resolved.append(first)
        runs: list[_Run] = []
        i = start
        while i < end:
            face = resolved[i - start]
            j = i + 1
            while j < end and resolved[j - start] is face:
                j += 1
            glyphs = shape(text, i, j, face, level % 2 == 1, script, spec.lang)
            _check_drawn(glyphs, text, face, spec)
            runs.append(_Run(i, j, level, script, face, glyphs))
            i = j
        return runs

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
        """The furthest cluster boundary after start that fits (at least one cluster)."""
        boundaries = sorted({g.cluster for run in shaped.runs for g in run.glyphs if start < g.cluster < end})
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
        text = shaped.text
        visible_end = trim_end(text, start, end)
        size = spec.style.size
        pieces = self._line_pieces(shaped, spec, start, visible_end)
        if hyphen and pieces:
            pieces.append(self._hyphen_piece(shaped, spec, pieces, visible_end))
        tracking = spec.style.tracking / 1000.0
        natural = sum(_piece_width(p, tracking) for p in pieces) * size
        extra_per_space = 0.0
        if stretch_to is not None:
            spaces = sum(1 for p in pieces for g in p.glyphs if _is_space(text, g, p))
            if spaces:
                extra_per_space = max(0.0, stretch_to - natural) / spaces
        placed: dict[int, list[PlacedGlyph]] = {}
        x = 0.0
        for index in visual_runs([p.level for p in pieces]):
            piece = pieces[index]
            scale = size / piece.face.units_per_em
            out: list[PlacedGlyph] = []
            texts = _glyph_texts(piece, text)
            for g, glyph_text in zip(piece.glyphs, texts, strict=True):
                out.append(PlacedGlyph(g.gid, piece.face, size, x + g.x_offset * scale, g.y_offset * scale,
                                       glyph_text))
                x += g.x_advance * scale
                if g.x_advance and piece.script not in CURSIVE_SCRIPTS:
                    x += tracking * size
                if extra_per_space and _is_space(text, g, piece):
                    x += extra_per_space
            placed[index] = out[::-1] if piece.rtl else out
        logical = tuple(g for i in range(len(pieces)) for g in placed[i])
        return Line(logical, x, start, end)

    def _line_pieces(self, shaped: _Shaped, spec: ParagraphSpec, start: int, end: int) -> list[_Run]:
        """The runs of a line, cut to [start, end); cuts inside words are shaped again."""
        text = shaped.text
        pieces: list[_Run] = []
        for run in shaped.runs:
            lo, hi = max(start, run.start), min(end, run.end)
            if lo >= hi:
                continue
            if lo == run.start and hi == run.end:
                pieces.append(run)
                continue
            clean_lo = lo == run.start or text[lo - 1] in BREAKING_SPACES or text[lo] in BREAKING_SPACES
            clean_hi = hi == run.end or text[hi] in BREAKING_SPACES or text[hi - 1] in BREAKING_SPACES
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
                    [Glyph(g.gid, -1, g.x_advance, g.x_offset, g.y_offset) for g in glyphs])


def _itemise(levels: tuple[int, ...], scripts: list[str], emphasis: list[tuple[bool, bool]]):
    """Maximal ranges of one bidi level, one script and one emphasis."""
    n = len(levels)
    start = 0
    for i in range(1, n + 1):
        if i == n or levels[i] != levels[start] or scripts[i] != scripts[start] or emphasis[i] != emphasis[start]:
            yield start, i
            start = i


def _check_drawn(glyphs: list[Glyph], text: str, face: FontFace, spec: ParagraphSpec) -> None:
    """No glyph may be .notdef (an empty box) unless it stands for an invisible control character."""
    for g in glyphs:
        if g.gid == 0 and not is_default_ignorable(text[g.cluster]):
            raise MissingGlyphError(text[g.cluster], lang=spec.lang, block=spec.block, fonts=[face.label],
                                    suggestion="use a font that covers this character")


def _char_advances(shaped: _Shaped, tracking: float) -> list[float]:
    """Advance of each character in em: a cluster's advance sits on its first character."""
    units = [0.0] * len(shaped.text)
    for run in shaped.runs:
        per_em = 1.0 / run.face.units_per_em
        spacing = tracking / 1000.0 if run.script not in CURSIVE_SCRIPTS else 0.0
        for g in run.glyphs:
            units[g.cluster] += g.x_advance * per_em + (spacing if g.x_advance else 0.0)
    return units


def _run_at(shaped: _Shaped, index: int) -> _Run:
    for run in shaped.runs:
        if run.start <= index < run.end:
            return run
    return shaped.runs[-1]


def _piece_width(piece: _Run, tracking: float) -> float:
    per_em = 1.0 / piece.face.units_per_em
    spacing = tracking if piece.script not in CURSIVE_SCRIPTS else 0.0
    return sum(g.x_advance * per_em + (spacing if g.x_advance else 0.0) for g in piece.glyphs)


def _is_space(text: str, glyph: Glyph, piece: _Run) -> bool:
    return glyph.cluster >= 0 and text[glyph.cluster] in SPACES and piece.start <= glyph.cluster < piece.end


def _glyph_texts(piece: _Run, text: str) -> list[str]:
    """The extracted text of each glyph of a piece (in the piece's visual glyph order).

    The first glyph of a cluster in logical order carries the cluster's characters; a right-to-left
    cluster of several characters (lam-alef) is stored reversed, because extractors reverse it back.
    A cluster drawn only by zero-advance glyphs that are not marks (Noto Naskh draws lam-alef as a wide
    lam plus a zero-width alef) joins the cluster before it, so it extracts like a ligature::

        logical  ل ا          glyphs  [alef.rlig adv 0][lam.rlig adv 631]   (visual, RTL)
        text     ""  "ال"     (the pair, reversed, on the lam; nothing on the alef)
    """
    glyphs = piece.glyphs
    if glyphs and glyphs[0].cluster == -1:  # an inserted hyphen
        return [SOFT_HYPHEN] + [""] * (len(glyphs) - 1)
    clusters = sorted({g.cluster for g in glyphs})
    ends = {c: (clusters[i + 1] if i + 1 < len(clusters) else piece.end) for i, c in enumerate(clusters)}
    advancing = {g.cluster for g in glyphs if g.x_advance}
    owner: dict[int, int] = {}
    for i, cluster in enumerate(clusters):
        silent = cluster not in advancing and not any(is_mark(ch) or is_default_ignorable(ch)
                                                      for ch in text[cluster:ends[cluster]])
        owner[cluster] = owner[clusters[i - 1]] if silent and i > 0 else cluster
    group_end: dict[int, int] = {}
    for cluster in clusters:
        group_end[owner[cluster]] = ends[cluster]
    order = range(len(glyphs) - 1, -1, -1) if piece.rtl else range(len(glyphs))
    texts = [""] * len(glyphs)
    seen: set[int] = set()
    for i in order:
        group = owner[glyphs[i].cluster]
        if group in seen:
            continue
        seen.add(group)
        chars = text[group:group_end[group]]
        texts[i] = chars[::-1] if piece.rtl and len(chars) > 1 else chars
    return texts
