"""Tesseract reads the slogans back from the posters: each hero, cut out and read at the resolution that
suits Tesseract for its size (tests/pdfcheck.py, read_large_type), with the slogan's own language pack.
The posters set their heroes by design (as large as the frame allows, equally large in every language);
the reading adapts to the type, not the type to the reading."""

from __future__ import annotations

import subprocess

import pytest

from pdfcheck import largest_type, ocr_scorer, read_large_type
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
def test_hero_slogan_reads_back(seed_build, lang, tmp_path):
    scorer = ocr_scorer()
    if not _has_pack(PACKS[lang]):
        pytest.skip(f"tesseract-ocr-{PACKS[lang]} not installed")
    _, folder = seed_build
    path = folder / f"a3-poster.{lang}.pdf"
    reading, dpi = read_large_type(scorer, path, lang, tmp_path)
    expected = scorer.normalise(slogans()[lang])
    cer = scorer.substring_distance(expected, reading) / len(expected)
    assert cer <= LIMITS.get(lang, 0.05), (lang, round(cer, 3), f"{dpi:.0f} dpi", reading)


def test_the_hero_is_found_as_the_largest_type(seed_build):
    _, folder = seed_build
    (left, top, right, bottom), letters = largest_type(folder / "a3-poster.en.pdf")
    assert 0 < top < bottom < 150 * 72 / 25.4  # in the hero frame, above the headline (a3-poster.toml)
    assert right - left > 100 * 72 / 25.4
    assert 20 < letters < 80  # poster type, points
