"""ActualText spans (text/glyphtext.py rule 6, render/draw.py): a unit whose glyphs cannot carry its
characters one by one (a two-part vowel sign, a near-zero-width conjunct part) is drawn in a marked-content
span with the author's characters as /ActualText, its glyphs by one TJ. The span is for extractors only:
the page looks exactly as it does without it."""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

import pypdfium2
import pytest

from conftest import ROOT
from handbill import api
from handbill.lines import ActualText
from handbill.pipeline import Session
from handbill.text import assemble
from pdfcheck import need

FIXTURE = ROOT / "tests" / "fixtures" / "indic"
LANGS = ("bn", "ta", "kn", "si")


def _pdf(lang: str) -> bytes:
    """The A4 flyer of one fixture statement (its first paragraphs), composed by a fresh session."""
    text = (FIXTURE / f"statement.{lang}.md").read_text(encoding="utf-8")
    leaflet = api.leaflet_from_data({"title": "T", "date": "2024-05-01", "lang": lang, "organisation": "O",
                                     "layouts": ["a4-flyer"]}, {lang: "\n\n".join(text.split("\n\n")[:3])})
    (version,) = api.versions(leaflet).versions
    return api.render_pdf(version, Session.for_leaflet(leaflet.folder))  # no set paragraph cached


def _spans_removed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the text stage give no glyph an ActualText span (the drawing of before rule 6)."""
    real = assemble.glyph_texts_and_spans

    def without(*args: object, **kwargs: object) -> tuple[list[str], list[ActualText | None]]:
        texts, spans = real(*args, **kwargs)  # type: ignore[arg-type]
        return texts, [None] * len(spans)

    monkeypatch.setattr(assemble, "glyph_texts_and_spans", without)


def _content(pdf: bytes) -> bytes:
    """Every Flate stream of a PDF, decompressed (enough to find content-stream operators)."""
    out = []
    for chunk in pdf.split(b"stream\r\n" if b"stream\r\n" in pdf else b"stream\n")[1:]:
        try:
            out.append(zlib.decompressobj().decompress(chunk))
        except zlib.error:
            continue
    return b"\n".join(out)


def _pdfium_pixels(pdf: bytes) -> list[bytes]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=100 / 72).to_pil().tobytes() for page in document]
    finally:
        document.close()


def _poppler_pixels(pdf: bytes, tmp: Path) -> bytes:
    path = tmp / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run([need("pdftoppm"), "-r", "100", str(path)], capture_output=True, check=True).stdout


@pytest.mark.parametrize("lang", LANGS)
def test_spans_change_no_pixel(lang: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with_spans = _pdf(lang)
    with monkeypatch.context() as patch:
        _spans_removed(patch)
        without_spans = _pdf(lang)
    assert re.search(rb"/Span <</MCID \d+ /ActualText <FEFF", _content(with_spans)) and b" TJ" in _content(with_spans)
    assert not re.search(rb"/Span <</MCID \d+ /ActualText <FEFF", _content(without_spans))
    assert _pdfium_pixels(with_spans) == _pdfium_pixels(without_spans)
    assert _poppler_pixels(with_spans, tmp_path) == _poppler_pixels(without_spans, tmp_path)
