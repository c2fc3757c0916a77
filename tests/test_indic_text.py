"""Issue 17: Indic paragraphs full of two-part and pre-base vowel signs come back exactly, byte for byte.

The fixture (tests/fixtures/indic) is published text (UDHR) in Bengali, Tamil, Malayalam, Sinhala,
Gujarati, Telugu, Kannada, Oriya, Gurmukhi and Devanagari, kept as published (some of it not in NFC).
Each statement is built as an A4 flyer and read back by poppler (pdftotext) and pdfium (pypdfium2);
nothing is normalised before comparing: a two-part vowel that came back as its two halves (ো as ে + া)
would fail here. The pixels that ActualText spans must not change are held in tests/render/test_actual_text.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from handbill.build import BuildReport, build
from pdfcheck import columns_text, pdfium_text

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "indic"
LANGS = ["bn", "ta", "ml", "si", "gu", "te", "kn", "or", "pa", "hi"]


def paragraphs(lang: str) -> list[str]:
    """The statement's headline and paragraphs, as written (no normalisation)."""
    text = (FIXTURE / f"statement.{lang}.md").read_text(encoding="utf-8")
    return [line.removeprefix("# ").strip() for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def indic_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    """Every statement of the fixture built once as an A4 flyer: (report, folder of PDFs)."""
    folder = tmp_path_factory.mktemp("indic-src") / "indic"
    shutil.copytree(FIXTURE, folder)
    out = tmp_path_factory.mktemp("indic-out")
    return build(folder, layouts=["a4-flyer"], out_dir=out, workers=2), out / "indic"


def test_the_fixture_is_full_of_split_and_pre_base_vowels() -> None:
    """What the fixture is for: every language has long paragraphs; together they hold dozens of two-part
    vowel signs (ো ொ ൊ ො ୋ ೋ) and hundreds of pre-base ones (ি ெ ෙ ି ि ਿ ે)."""
    import unicodedata

    text = "".join("".join(paragraphs(lang)) for lang in LANGS)
    two_part = [ch for ch in text if unicodedata.category(ch) == "Mc" and unicodedata.decomposition(ch)]
    pre_base = [ch for ch in text if unicodedata.name(ch, "").endswith(("VOWEL SIGN I", "VOWEL SIGN E",
                                                                        "VOWEL SIGN AI"))]
    assert len(two_part) >= 80 and len(pre_base) >= 500
    assert all(len(" ".join(paragraphs(lang))) > 600 for lang in LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_pdftotext_returns_every_paragraph_byte_for_byte(indic_build, lang: str) -> None:
    """pdftotext gives each paragraph back exactly as written (only line ends read as spaces)."""
    report, out = indic_build
    assert report.failed == [] and len(report.written) == len(LANGS)
    read = columns_text(out / f"a4-flyer.{lang}.pdf", ROOT / "layouts" / "a4-flyer.toml", lang)
    flat = re.sub(r"\s+", " ", read)
    assert [p for p in paragraphs(lang) if p not in flat] == []


@pytest.mark.parametrize("lang", LANGS)
def test_pdfium_returns_every_word_whole_byte_for_byte(indic_build, lang: str) -> None:
    """pypdfium2 gives every word of every paragraph back whole and exactly as written."""
    _, out = indic_build
    words = set(pdfium_text(out / f"a4-flyer.{lang}.pdf").split())
    wanted = {word for paragraph in paragraphs(lang) for word in paragraph.split()}
    assert sorted(wanted - words) == []


@pytest.mark.parametrize("lang", ["bn", "ta", "kn", "or"])
def test_structure_text_keeps_every_paragraph(indic_build, lang: str) -> None:
    """poppler's structure text (``pdfinfo -struct-text``) holds every paragraph: an ActualText span is
    a marked-content sequence of its own, since poppler 22.12 ends an MCID's content at the first EMC
    inside it. It reads glyphs' ToUnicode texts, so a two-part vowel is decomposed there (NFC compared)."""
    import unicodedata

    from pdfcheck import struct_text

    _, out = indic_build
    found = ["".join(lines) for _, kind, lines in struct_text(out / f"a4-flyer.{lang}.pdf") if lines]
    squeeze = lambda text: unicodedata.normalize("NFC", re.sub(r"\s+", "", text))  # noqa: E731
    assert [p for p in paragraphs(lang) if squeeze(p) not in map(squeeze, found)] == []
