"""Tesseract reads the slogans back from the posters (300 dpi, each slogan's own language pack)."""

from __future__ import annotations

import subprocess

import pytest

from pdfcheck import ocr_scorer
from test_build_seed import SLOGAN_LANGS, slogans

# Tesseract itself misreads correct renderings of Kurmanji (â) and Armenian; the issue sets these limits.
LIMITS = {"kmr": 0.08, "hy": 0.20}
PACKS = {"tr": "tur", "en": "eng", "ar": "ara", "fa": "fas", "it": "ita", "el": "ell", "kmr": "kmr", "hy": "hye",
         "es": "spa", "fr": "fra", "pt": "por"}


def _has_pack(pack: str) -> bool:
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    return pack in listed


@pytest.mark.slow
@pytest.mark.parametrize("lang", SLOGAN_LANGS)
def test_hero_slogan_reads_back(seed_build, lang):
    scorer = ocr_scorer()
    if not _has_pack(PACKS[lang]):
        pytest.skip(f"tesseract-ocr-{PACKS[lang]} not installed")
    _, folder = seed_build
    result = scorer.score(folder / f"a3-poster.{lang}.pdf", [(lang, slogans()[lang])])[0]
    assert result["cer"] <= LIMITS.get(lang, 0.05), result
