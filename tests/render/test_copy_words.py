"""Words copy out whole from right-to-left lines (render/pdffont.py glyph_width).

poppler (pdftotext) makes each glyph of a right-to-left line a word of its own and, on a line of only
such one-letter words, reads a space wherever two are more than 1.3 times the line's smallest gap
apart. Glyphs set side by side touch, so their gaps were the rounding of the drawn positions and short
poster lines fell apart ("ه ر کس ح ق", tester 5's Dari poster). The W widths make touching glyphs
overlap in a reader's arithmetic, and draw nothing differently."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from handbill import api
from handbill.pipeline import Session
from pdfcheck import need

# short heroes: lines of few letters are where poppler's smallest-gap rule bites
SLOGANS = {
    "fa-AF": "هر کس حق دارد پناهگاهی جستجو کند",
    "ps": "هر څوک حق لري",
    "ar": "لكل فرد حق",
    "ur": "ہر شخص کو حق",
    "he": "לכל אדם זכות",
    "yi": "יעדער מענטש",
}
GLYPH = re.compile(rb"1 0 0 1 (\S+) (\S+) Tm <([0-9A-F]+)> Tj")


def _posters(layout: str) -> dict[str, bytes]:
    """One poster per slogan, each the hero of its own version."""
    leaflet = api.leaflet_from_data(
        {"title": "T", "date": "2026-12-10", "lang": "en", "organisation": "O", "layouts": [layout],
         "slogans": [{"lang": lang, "text": text} for lang, text in SLOGANS.items()]},
        {"en": "# Open the doors\n\nEveryone has the right to seek asylum."})
    session = Session.for_leaflet(leaflet.folder)
    return {version.lang: api.render_pdf(version, session) for version in api.versions(leaflet).versions}


@pytest.fixture(scope="module")
def posters() -> dict[str, bytes]:
    return _posters("poster-bold")


def _widths(font: pikepdf.Dictionary) -> dict[int, float]:
    widths: dict[int, float] = {}
    array = list(font.DescendantFonts[0].get("/W", []))
    for first, run in zip(array[::2], array[1::2], strict=True):
        widths.update({int(first) + k: float(w) for k, w in enumerate(run)})
    return widths


def _texts(font: pikepdf.Dictionary) -> dict[int, str]:
    """CID -> text from a ToUnicode CMap of bfchar entries."""
    cmap = font.ToUnicode.read_bytes().decode("ascii")
    return {int(cid, 16): bytes.fromhex(text).decode("utf-16-be")
            for cid, text in re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>", cmap)}


def _rtl_gaps(pdf: bytes) -> list[float]:
    """For each pair of glyphs drawn one after the other, the second to the left of the first, each at
    its own text matrix: the gap between the second's box (x + W * size) and the first's x (spaces
    left out: poppler ends a word at a space and gives it no box)."""
    document = pikepdf.open(io.BytesIO(pdf))
    page = document.pages[0]
    fonts = {str(name)[1:]: _widths(font) for name, font in page.Resources.Font.items()}
    texts = {str(name)[1:]: _texts(font) for name, font in page.Resources.Font.items()}
    gaps = []
    for block in re.findall(rb"BT\n(.*?)\nET", page.Contents.read_bytes(), re.S):
        font, size, previous = "", 0.0, None
        for line in block.split(b"\n"):
            if line.endswith(b" Tf"):
                name, value = line.split()[:2]
                font, size, previous = name[1:].decode(), float(value), None
                continue
            match = GLYPH.fullmatch(line)
            if match is None or texts[font][int(match[3], 16)].isspace():
                previous = None
                continue
            x, width = float(match[1]), fonts[font][int(match[3], 16)] * size / 1000
            if previous is not None and width and x < previous and previous - x < 1.01 * width:
                gaps.append(previous - (x + width))
            previous = x
    return gaps


def test_touching_glyphs_overlap(posters: dict[str, bytes]) -> None:
    for lang, pdf in posters.items():
        gaps = _rtl_gaps(pdf)
        if lang in SLOGANS:
            assert len(gaps) > 10, lang
        assert max(gaps, default=0) < 0, (lang, max(gaps))


def test_heroes_copy_out_whole(posters: dict[str, bytes], tmp_path: Path) -> None:
    for lang, text in SLOGANS.items():
        path = tmp_path / f"{lang}.pdf"
        path.write_bytes(posters[lang])
        out = subprocess.run([need("pdftotext"), str(path), "-"], capture_output=True, check=True,
                             text=True).stdout
        words = set(re.sub(r"[\u200e\u200f\u202a-\u202e]", "", out).split())
        assert set(text.split()) <= words, (lang, sorted(set(text.split()) - words))


def test_widths_stay_within_a_unit_of_the_font(posters: dict[str, bytes]) -> None:
    """W is the embedded font's hmtx advance plus half a unit for right-to-left letters (validators allow
    one unit), the advance rounded for other glyphs; 0 stays 0."""
    from fontTools.ttLib import TTFont

    checked = 0
    for pdf in posters.values():
        document = pikepdf.open(io.BytesIO(pdf))
        for _, font in document.pages[0].Resources.Font.items():
            descendant = font.DescendantFonts[0]
            if "/FontFile2" not in descendant.FontDescriptor:
                continue
            program = TTFont(io.BytesIO(descendant.FontDescriptor.FontFile2.read_bytes()))
            units, order = program["head"].unitsPerEm, program.getGlyphOrder()
            gids, texts = descendant.CIDToGIDMap.read_bytes(), _texts(font)
            for cid, width in _widths(font).items():
                advance = program["hmtx"][order[int.from_bytes(gids[2 * cid:2 * cid + 2], "big")]][0] * 1000 / units
                if advance and any(unicodedata.bidirectional(char) in ("R", "AL") for char in texts[cid]):
                    assert 0.49 <= width - advance <= 0.5, (cid, width, advance)
                    checked += 1
                else:
                    assert width == round(advance), (cid, width, advance)
    assert checked > 100
