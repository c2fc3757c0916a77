"""The world fixture: one statement in 13 languages and 8 scripts, each built as an A4 flyer and read back.

Built once per session. Each body paragraph (tests/fixtures/world/expected.json) must come back
from pdftotext in logical order and be read by Tesseract; pypdfium2 is held to what it can do
(see test_pypdfium2_gives_back_paragraphs_it_can_order). The fonts, the text engine and the
extraction rules behind this are in src/handbill/text/glyphtext.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, WORLD, write_leaflet
from handbill.build import build, plan
from handbill.compose import compose
from handbill.fonts.catalog import load_catalog
from handbill.model import PlacedLine
from handbill.pipeline import shaper_warnings
from handbill.text.bidi import bidi_class
from handbill.text.paragraph import Typesetter
from handbill.text.script import is_rtl_language
from handbill.text.shape import force_fallback_shaper
from pdfcheck import column_images, columns_text, need, normalise, ocr_scorer, pdfium_text, pdftotext, run

EXPECTED = json.loads((WORLD / "expected.json").read_text(encoding="utf-8"))
LANGS = list(dict.fromkeys(item["lang"] for item in EXPECTED))
PARAGRAPHS = [(item["lang"], item["text"]) for item in EXPECTED]
IDS = [f"{lang}-{[code for code, _ in PARAGRAPHS[:i]].count(lang)}" for i, (lang, _) in enumerate(PARAGRAPHS)]

# Tesseract's own accuracy on correct renderings (the limits): Kurmanji's â, Armenian, and
# Sorani read with the generic Arabic-script model; Arabic-script paragraphs with Latin and digits.
OCR_LIMITS = {"kmr": 0.08, "hy": 0.20, "ckb": 0.20}
OCR_LIMIT_ARABIC_WITH_LATIN = 0.13
OCR_LIMIT = 0.05


def loose(text: str) -> str:
    """Text compared letter for letter and word for word: bidi controls dropped, soft hyphens joined,
    whitespace collapsed, and no space beside punctuation (extractors differ there, and a web address
    broken over two lines comes back with a space)."""
    text = re.sub("\u00ad\\s*", "", unicodedata.normalize("NFC", text))
    text = normalise(text)
    return re.sub(r" ?([^\w\s\u0300-\u036f\u0590-\u05c7\u064b-\u065f\u0900-\u0963]) ?", r"\1", text)


FLYER = ROOT / "layouts" / "a4-flyer.toml"


def flyer(folder: Path, lang: str) -> Path:
    return folder / f"a4-flyer.{lang}.pdf"


# -- building ---------------------------------------------------------------------------------------


def test_every_version_of_the_flyer_builds(world_build):
    report, folder = world_build
    assert not report.failed, [o.error for o in report.failed]
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(f"a4-flyer.{lang}.pdf" for lang in LANGS)
    # HarfBuzz is installed: no shaper warning; the fixture's organisation lines are English in every version:
    # one warning per line, naming every version (pipeline.build_notices)
    others = [lang for lang in LANGS if lang != "en"]
    assert sorted(w.message.split(": ", 2)[2].split("\n")[0] for w in report.warnings) == sorted(
        f"{len(others)} languages print the {key} in 'en': a4-flyer: {', '.join(others)}"
        for key in ("organisation", "place_date"))


def test_every_font_is_embedded_and_every_file_is_clean(world_build):
    _, folder = world_build
    for lang in LANGS:
        path = flyer(folder, lang)
        rows = run(need("pdffonts"), str(path)).splitlines()[2:]
        assert rows and all(" yes yes yes " in row for row in rows), (lang, rows)
        run(need("qpdf"), "--check", str(path))


def test_no_glyph_of_any_version_is_notdef():
    _, jobs, _ = plan(WORLD)
    setter = Typesetter(load_catalog(ROOT / "fonts" / "catalog.toml"))
    for job in jobs:
        for page in compose(job, setter).pages:
            for item in page.items:
                if isinstance(item, PlacedLine):
                    assert all(g.gid != 0 for g in item.line.glyphs), (job.label, item.line)


# -- text extraction --------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "text"), PARAGRAPHS, ids=IDS)
def test_pdftotext_gives_back_each_paragraph_in_logical_order(world_build, lang: str, text: str):
    """Every paragraph, every script: letters and word order exact (flyers of right-to-left languages
    are right-to-left pages for poppler, which then reads whole lines from the right)."""
    _, folder = world_build
    assert loose(text) in loose(columns_text(flyer(folder, lang), FLYER, lang))


def test_persian_extracts_with_its_zwnj(world_build):
    _, folder = world_build
    extracted = pdftotext(flyer(folder, "fa"))
    for word in ("می\u200cایستند", "هشت\u200cساعته", "بلوک\u200cهای", "تفرقه\u200cافکنی"):
        assert word in extracted


def pdfium_can_order(lang: str, text: str) -> bool:
    """What pypdfium2 (pdfium) gives back right, measured on this fixture:

    - it reads text in x order and runs its own simplified bidi pass on each line: in a right-to-left
      line a run of digits or Latin (NATO, 1945, a web or e-mail address) comes back in the wrong
      place or split at its punctuation (``org.example://https``), and brackets and quotes come back
      mirrored (``»نه«``);
    - a glyph that carries no text (a combining mark drawn by its own glyph: Arabic tanwin, Hebrew
      points, Devanagari vowel signs) comes back as its character code, a control character or a
      stray letter, and with a space before it: drawing such glyphs outside the text layer (as paths)
      fixes it (measured: 33 of 39 paragraphs then, every failure an RTL line with a Latin address).

    Everything else, in every script, comes back exactly.
    """
    has_marks = any(unicodedata.category(ch) in ("Mn", "Mc") for ch in text)
    mixed = is_rtl_language(lang) and any(bidi_class(ch) in ("L", "EN", "AN") or unicodedata.mirrored(ch)
                                          for ch in text)
    return not has_marks and not mixed


PDFIUM_PARAGRAPHS = [(lang, text) for lang, text in PARAGRAPHS if pdfium_can_order(lang, text)]


@pytest.mark.parametrize(("lang", "text"), PDFIUM_PARAGRAPHS,
                         ids=[IDS[PARAGRAPHS.index(p)] for p in PDFIUM_PARAGRAPHS])
def test_pypdfium2_gives_back_paragraphs_it_can_order(world_build, lang: str, text: str):
    _, folder = world_build
    extracted = pdfium_text(flyer(folder, lang)).replace("\ufffe", "\u00ad")  # pdfium's line-end hyphen
    assert loose(text) in loose(extracted)


def test_pypdfium2_covers_most_of_the_fixture():
    assert len(PDFIUM_PARAGRAPHS) >= 25
    assert {lang for lang, _ in PDFIUM_PARAGRAPHS} >= {"en", "ckb", "fa", "ur", "he", "hy", "ka", "el", "ru"}


# -- OCR --------------------------------------------------------------------------------------------


def ocr_limit(lang: str, text: str) -> float:
    if lang in OCR_LIMITS:
        return OCR_LIMITS[lang]
    latin_and_digits = re.search("[A-Za-z]", text) and re.search(r"\d", text)
    arabic_script = any(bidi_class(ch) == "AL" for ch in text)
    return OCR_LIMIT_ARABIC_WITH_LATIN if arabic_script and latin_and_digits else OCR_LIMIT


def paragraph_cer(scorer, reading: str, text: str) -> float:
    """Character error rate of a whole paragraph, found in the page as read by the language's own pack."""
    reference = scorer.normalise(text)
    return scorer.substring_distance(reference, reading) / max(1, len(reference))


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_tesseract_reads_each_body_paragraph(world_build, lang: str, tmp_path: Path):
    """The statement columns at 200 and 300 dpi, read with the language's own pack only, every body paragraph whole."""
    scorer = ocr_scorer()
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    pack = scorer.TESSERACT.get(lang, lang)
    if pack not in set(listed.stdout.split()):
        pytest.skip(f"tesseract pack {pack} not installed")
    _, folder = world_build
    path = flyer(folder, lang)
    paragraphs = [text for code, text in PARAGRAPHS if code == lang]
    # read column by column: a paragraph may run on from one column to the next, and poppler's own order
    # of a right-to-left page's blocks can put the signatories between the two columns
    read = columns_text(path, FLYER, lang)
    assert all(loose(t) in loose(read) for t in paragraphs)
    # each column read on its own (a paragraph may run on from one column to the next, and Tesseract
    # reads two balanced columns across the gutter as one line), at 200 and 300 dpi (the body is 9 to
    # 14 pt as the statement's length asks: Tesseract reads best at 20 to 40 px letters), the better
    # reading counted; words hyphenated at a line's end joined again (the paragraphs have no such hyphens)
    cers = [1.0] * len(paragraphs)
    for dpi in (200, 300):
        folder = tmp_path / str(dpi)
        folder.mkdir()
        images = column_images(path, FLYER, lang, dpi, folder)
        reading = re.sub(r"(\w)- (\w)", r"\1\2", " ".join(scorer.ocr(image, pack, 3) for image in images))
        cers = [min(cer, round(paragraph_cer(scorer, reading, text), 3)) for cer, text in zip(cers, paragraphs,
                                                                                            strict=True)]
    limits = [ocr_limit(lang, text) for text in paragraphs]
    assert all(cer <= limit for cer, limit in zip(cers, limits, strict=True)), (lang, cers, limits)


POINTED_HEBREW = "פּוֹעֲלֵי כָּל הָאֲרָצוֹת, הִתְאַחֲדוּ!"


def test_pointed_hebrew_extracts_with_its_points(world_build):
    """The quoted, pointed slogan: letters, dagesh and vowels come back from pdftotext in logical order.
    (Tesseract's Hebrew model misreads vowel points on correct renderings, 0.18 on the fixture's former
    pointed paragraph, so pointed Hebrew is checked here and by eye, not by OCR.)"""
    _, folder = world_build
    assert (WORLD / "statement.he.md").read_text(encoding="utf-8").count(POINTED_HEBREW) == 1
    assert loose(POINTED_HEBREW) in loose(run("pdftotext", str(flyer(folder, "he")), "-"))


# -- errors and the fallback shaper -----------------------------------------------------------------


def test_a_character_outside_every_font_stops_the_build_with_its_name(tmp_path: Path):
    toml = (WORLD / "leaflet.toml").read_text(encoding="utf-8")
    folder = write_leaflet(tmp_path / "chorasmian", toml, {"en": "# Title\n\nA Chorasmian letter: \U00010fb0.\n"})
    report = build(folder, langs=["en"], out_dir=tmp_path / "out")
    (failure,) = report.failed
    assert "U+10FB0 CHORASMIAN LETTER ALEPH" in failure.error
    assert "'en' statement" in failure.error
    assert "Unicode block 'Chorasmian'" in failure.error and "no installed font covers" in failure.error
    assert not list((tmp_path / "out").rglob("*.pdf"))


def test_without_harfbuzz_arabic_and_persian_still_build_and_read_back(tmp_path: Path):
    force_fallback_shaper(True)
    try:
        report = build(WORLD, langs=["ar", "fa"], out_dir=tmp_path)
    finally:
        force_fallback_shaper(False)
    assert not report.failed
    assert any("Central Kurdish" in str(w) for w in report.warnings)  # the band carries every slogan
    for lang in ("ar", "fa"):
        extracted = loose(columns_text(tmp_path / WORLD.name / f"a4-flyer.{lang}.pdf", FLYER, lang))
        for code, text in PARAGRAPHS:
            if code == lang:
                assert loose(text) in extracted


def test_the_warning_names_the_languages_that_need_harfbuzz():
    _, jobs, _ = plan(WORLD, langs=["fa"])
    force_fallback_shaper(True)
    try:
        warnings = [str(w) for w in shaper_warnings(jobs)]
    finally:
        force_fallback_shaper(False)
    assert any("Central Kurdish ('ckb') needs HarfBuzz" in w for w in warnings)
