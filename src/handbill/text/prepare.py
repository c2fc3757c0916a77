"""Preparing a paragraph for breaking: bidi levels, itemisation, fonts, shaping.

    shaped = Preparer(catalog).prepare(spec)   # the paragraph shaped once, in font units

Each paragraph gets its bidi levels (UAX #9, paragraph direction from the language), is itemised into
runs of one level, one script and one emphasis, each grapheme takes the first font of its script's
chain that has all its characters (fallback per run, only where needed), and each run is shaped with
HarfBuzz in logical order. The result is size-independent: fitting to other sizes only rescales.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from handbill.errors import MissingGlyphError
from handbill.fonts.catalog import FontCatalog, style_key
from handbill.fonts.face import FontFace
from handbill.text import bidi
from handbill.text.casing import to_upper
from handbill.text.linebreak import grapheme_boundaries
from handbill.text.script import (
    COMMON,
    INHERITED,
    char_script,
    is_default_ignorable,
    is_rtl_text,
    resolve_scripts,
)
from handbill.text.shape import Glyph, harfbuzz_available, shape
from handbill.text.spec import ParagraphSpec, Span

# Scripts whose letters join: no letter-spacing, no hyphenation.
CURSIVE_SCRIPTS = frozenset({"Arab", "Syrc", "Mong", "Nkoo", "Mand", "Adlm", "Rohg"})


@dataclass
class ShapedRun:
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

    @cached_property
    def cluster_starts(self) -> frozenset[int]:
        """The characters that start a cluster (found once: every line cut at a space asks)."""
        return frozenset(g.cluster for g in self.glyphs)

    def glyphs_between(self, lo: int, hi: int) -> list[Glyph]:
        """The glyphs of clusters in [lo, hi), found by bisection: HarfBuzz's clusters rise along a
        left-to-right run's glyphs and fall along a right-to-left one's (per line, not per run: linear)."""
        keys = self._cluster_keys
        if keys is None:  # clusters out of order (not from HarfBuzz): look at every glyph
            return [g for g in self.glyphs if lo <= g.cluster < hi]
        first, last = bisect.bisect_left(keys, -hi + 1 if self.rtl else lo), bisect.bisect_left(
            keys, -lo + 1 if self.rtl else hi)
        return self.glyphs[first:last]

    @cached_property
    def _cluster_keys(self) -> list[int] | None:
        keys = [-g.cluster for g in self.glyphs] if self.rtl else [g.cluster for g in self.glyphs]
        return keys if all(a <= b for a, b in itertools.pairwise(keys)) else None


@dataclass
class ShapedParagraph:
    """A paragraph's text shaped once, size-independent."""

    text: str
    lang: str
    base_level: int
    runs: list[ShapedRun]
    char_units: list[float] = field(default_factory=list)  # advance per character, in em
    breaking: object = field(default=None, repr=False, compare=False)  # text/breaker.py's data, found once

    @cached_property
    def prefix(self) -> list[float]:
        sums = [0.0]
        for value in self.char_units:
            sums.append(sums[-1] + value)
        return sums

    def width_em(self, start: int, end: int) -> float:
        return self.prefix[end] - self.prefix[start]

    @cached_property
    def ink(self) -> tuple[float, float]:
        """The highest and lowest ink of the paragraph's glyphs, marks placed (em; (0, 0) without
        HarfBuzz, whose glyph extents this reads)."""
        units = self.unit_ink.values()
        return max((top for top, _ in units), default=0.0), min((bottom for _, bottom in units), default=0.0)

    @cached_property
    def typical_ink(self) -> tuple[float, float]:
        """The typical unit's highest and lowest ink (em): the 95th percentile of the units' tops and the
        5th of their bottoms, which a few deep or tall clusters do not move (text/pitch.py)."""
        units = list(self.unit_ink.values())
        if not units:
            return 0.0, 0.0
        tops = sorted(top for top, _ in units)
        bottoms = sorted(bottom for _, bottom in units)
        return tops[min(len(tops) - 1, len(tops) * 19 // 20)], bottoms[len(bottoms) // 20]

    @cached_property
    def unit_ink(self) -> dict[int, tuple[float, float]]:
        """Each inked cluster's highest and lowest ink, marks placed (em; 0 stands for the baseline, so
        a unit of marks above reaches down to it); empty without HarfBuzz."""
        units: dict[int, tuple[float, float]] = {}
        if not harfbuzz_available():
            return units
        for run in self.runs:
            font, per_em = run.face.hb_font(), 1.0 / run.face.units_per_em
            seen: dict[int, tuple[int, int]] = {}
            for g in run.glyphs:
                extent = seen.get(g.gid)
                if extent is None:
                    box = font.get_glyph_extents(g.gid)
                    extent = seen[g.gid] = (box.y_bearing, box.y_bearing + box.height) if box else (0, 0)
                if extent != (0, 0):
                    top, bottom = units.get(g.cluster, (0.0, 0.0))
                    units[g.cluster] = (max(top, (extent[0] + g.y_offset) * per_em),
                                        min(bottom, (extent[1] + g.y_offset) * per_em))
        return units


class Preparer:
    """Shapes paragraphs with the fonts of a catalog (font chains are looked up once per script)."""

    def __init__(self, catalog: FontCatalog) -> None:
        self.catalog = catalog
        self._chains: dict[tuple[str, str, str], list[FontFace]] = {}

    def prepare(self, spec: ParagraphSpec) -> ShapedParagraph:
        """The paragraph shaped once, size-independent: levels, runs by script and font, advances."""
        style = spec.style
        spans = spec.spans
        if style.uppercase:
            spans = tuple(Span(to_upper(s.text, spec.lang), s.bold, s.italic) for s in spans)
        text = "".join(s.text for s in spans)
        emphasis: list[tuple[bool, bool]] = []
        for s in spans:
            emphasis.extend([(style.bold or s.bold, style.italic or s.italic)] * len(s.text))
        base_level, levels = paragraph_levels(text, spec.lang)
        scripts = resolve_scripts(text, spec.lang)
        runs: list[ShapedRun] = []
        for start, end in itemise(levels, scripts, emphasis):
            bold, italic = emphasis[start]
            runs.extend(self._font_runs(text, start, end, levels[start], scripts[start],
                                        style_key(bold, italic), spec))
        shaped = ShapedParagraph(text, spec.lang, base_level, runs)
        shaped.char_units = char_advances(shaped, style.tracking)
        return shaped

    def _chain(self, script: str, style: str, lang: str, text: str = "") -> list[FontFace]:
        key = (script, style, lang)
        chain = self._chains.get(key)
        if chain is None:
            chain = self._chains[key] = self.catalog.chain(script, style, lang, text)
        return chain

    def _discovered(self, chars: list[str], chain: list[FontFace], script: str, style: str,
                    lang: str) -> FontFace | None:
        """An installed font (fontconfig) that has chars, added to the end of the chain; None if none."""
        face = self.catalog.discover_face(script, style, lang, chars="".join(chars))
        if face is not None and face not in chain:
            chain.append(face)  # the chain is this Preparer's cached list: later runs find it there
        return face

    def _font_runs(self, text: str, start: int, end: int, level: int, script: str, style: str,
                   spec: ParagraphSpec) -> list[ShapedRun]:
        """Split one itemised run by font (fallback only where needed), and shape each part."""
        chain = self._chain(script, style, spec.lang, text)
        faces = self._assign_fonts(text, start, end, chain, script, style, spec)
        runs: list[ShapedRun] = []
        i = start
        while i < end:
            face = faces[i - start]
            j = i + 1
            while j < end and faces[j - start] is face:
                j += 1
            glyphs = shape(text, i, j, face, level % 2 == 1, script, spec.lang)
            self._check_drawn(glyphs, text, face, script, spec)
            runs.append(ShapedRun(i, j, level, script, face, glyphs))
            i = j
        return runs

    def _assign_fonts(self, text: str, start: int, end: int, chain: list[FontFace], script: str, style: str,
                      spec: ParagraphSpec) -> list[FontFace]:
        """A font for every character of text[start:end], grapheme by grapheme.

        A grapheme (a letter with its marks) takes the first font of the chain that has all its visible
        characters, so a mark is never drawn by another font than its letter when one font has both.
        Punctuation, digits and spaces stay in the font before them when it has them. Invisible format
        characters follow their neighbours. A grapheme no font of the chain has is looked for among the
        installed fonts (fontconfig); a character no font has raises MissingGlyphError.
        """
        faces: list[FontFace | None] = []
        current: FontFace | None = None
        for g_start, g_end in graphemes(text, start, end):
            visible = [ch for ch in text[g_start:g_end] if not is_default_ignorable(ch)]
            if not visible:
                faces.extend([current] * (g_end - g_start))
                continue
            keeps = current is not None and char_script(visible[0]) in (COMMON, INHERITED)
            if keeps and current is not None and all(current.covers(ch) for ch in visible):
                faces.extend([current] * (g_end - g_start))
                continue
            face = next((f for f in chain if all(f.covers(ch) for ch in visible)), None)
            if face is None:
                face = self._discovered(visible, chain, script, style, spec.lang)
            if face is not None:
                faces.extend([face] * (g_end - g_start))
                current = face
                continue
            for ch in text[g_start:g_end]:  # no font has the whole grapheme: each character on its own
                own = next((f for f in chain if f.covers(ch)), None)
                if own is None and not is_default_ignorable(ch):
                    own = self._discovered([ch], chain, script, style, spec.lang)
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
                                 suggestion=self.catalog.suggestion(script, char, [f.label for f in chain]))

    def uncovered(self, text: str, lang: str) -> list[str]:
        """The characters of text that no font has (neither the chain of their script nor discovery), in
        order, each once: what MissingGlyphError would stop at, all of them (compose/glyphs.py)."""
        scripts = resolve_scripts(text, lang)
        style = style_key(False, False)
        missing: list[str] = []
        for i, char in enumerate(text):
            if char in missing or is_default_ignorable(char) or char.isspace():
                continue
            chain = self._chain(scripts[i], style, lang, text)
            if not any(face.covers(char) for face in chain) and \
                    self._discovered([char], chain, scripts[i], style, lang) is None:
                missing.append(char)
        return missing

    def _check_drawn(self, glyphs: list[Glyph], text: str, face: FontFace, script: str,
                     spec: ParagraphSpec) -> None:
        """No glyph may be .notdef (an empty box) unless it stands for an invisible format character."""
        for g in glyphs:
            if g.gid == 0 and not is_default_ignorable(text[g.cluster]):
                raise self._missing(text[g.cluster], [face], script, spec)


def paragraph_levels(text: str, lang: str) -> tuple[int, tuple[int, ...]]:
    """The paragraph level and each character's bidi level; the paragraph direction comes from the
    language (or the script the text is plainly written in, see is_rtl_text), else from the first
    strong character (design rule 1)."""
    rtl = is_rtl_text(text, lang)
    paragraph = bidi.resolve_paragraph(text, 1 if rtl else (None if bidi.has_rtl(text) else 0))
    return paragraph.base_level, paragraph.levels


def itemise(levels: tuple[int, ...], scripts: list[str], emphasis: list[tuple[bool, bool]]
            ) -> Iterator[tuple[int, int]]:
    """Maximal ranges of one bidi level, one script and one emphasis."""
    n = len(levels)
    start = 0
    for i in range(1, n + 1):
        if i == n or (levels[i], scripts[i], emphasis[i]) != (levels[start], scripts[start], emphasis[start]):
            yield start, i
            start = i


def graphemes(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each extended grapheme cluster (UAX #29, ICU) in text[start:end]: a letter with
    its marks and joiners, an emoji with its skin tone, a flag, a ZWJ sequence, a Hangul syllable."""
    bounds = grapheme_boundaries(text[start:end])
    for a, b in itertools.pairwise(bounds):
        yield start + a, start + b


def char_advances(shaped: ShapedParagraph, tracking: float) -> list[float]:
    """Advance of each character in em: a cluster's advance sits on its first character."""
    units = [0.0] * len(shaped.text)
    for run in shaped.runs:
        per_em = 1.0 / run.face.units_per_em
        spacing = tracking / 1000.0 if run.script not in CURSIVE_SCRIPTS else 0.0
        for g in run.glyphs:
            units[g.cluster] += g.x_advance * per_em + (spacing if g.x_advance else 0.0)
    return units
