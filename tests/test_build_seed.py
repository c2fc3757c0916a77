"""The whole build on the seed leaflet: files, extracted text, fonts, boxes, metadata, determinism."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from conftest import SEED
from handbill.build import build
from pdfcheck import MM, boxes, columns_text, content_streams, fonts, info, need, pdfium_text, pdftotext, run, squeeze

SLOGAN_LANGS = ["tr", "en", "ar", "fa", "it", "el", "kmr", "hy", "es", "fr", "pt"]


def seed_toml() -> dict:
    return tomllib.loads((SEED / "leaflet.toml").read_text(encoding="utf-8"))


def slogans() -> dict[str, str]:
    return {s["lang"]: s["text"] for s in seed_toml()["slogans"]}


def test_writes_the_flyer_and_a_poster_per_language(seed_build):
    report, folder = seed_build
    names = sorted(p.name for p in folder.iterdir())
    expected = sorted(["a4-flyer.en.pdf", *(f"a3-poster.{lang}.pdf" for lang in SLOGAN_LANGS)])
    assert names == expected
    assert list(slogans()) == SLOGAN_LANGS
    skipped = {(s.layout, s.lang): s.reason for s in report.skipped}
    assert ("a4-flyer", "tr") in skipped
    assert "statement.tr.md" in skipped["a4-flyer", "tr"]


RTL = {"ar", "fa"}


@pytest.mark.parametrize("lang", SLOGAN_LANGS)
def test_poster_text_extracts_in_logical_order(seed_build, lang):
    """Every slogan of every poster comes back from pdftotext and pypdfium2 in logical order.

    poppler orders the stretches of a right-to-left line that lie between a colon or digits by the
    page's dominant direction; these posters are mostly Latin, so for Arabic and Persian pdftotext is
    checked word by word (letters exact, joined forms and lam-alef included), pypdfium2 on the whole line.
    test_rtl_page_extracts_whole_lines checks whole lines on a right-to-left page.
    """
    _, folder = seed_build
    path = folder / f"a3-poster.{lang}.pdf"
    extracted = squeeze(pdftotext(path))
    pdfium = squeeze(pdfium_text(path))
    for slogan_lang, text in slogans().items():  # the hero and the band: every slogan is on every poster
        assert squeeze(text) in pdfium, f"{text!r} not in pypdfium2 output of {path.name}"
        pieces = text.replace(":", " ").split() if slogan_lang in RTL else [text]
        for piece in pieces:
            assert squeeze(piece) in extracted, f"{piece!r} not in pdftotext output of {path.name}"


def test_rtl_page_extracts_whole_lines(tmp_path: Path):
    """On a page whose text is right to left, pdftotext gives each Arabic and Persian line whole."""
    leaflet = tmp_path / "rtl"
    leaflet.mkdir()
    toml = seed_toml()
    rtl_slogans = [s for s in toml["slogans"] if s["lang"] in RTL]
    body = "\n".join(f'[[slogans]]\nlang = "{s["lang"]}"\ntext = "{s["text"]}"' for s in rtl_slogans)
    (leaflet / "leaflet.toml").write_text(
        f'title = "مدیترانه"\ndate = 2023-05-09\nlang = "fa"\nlayouts = ["a3-poster"]\n{body}\n', encoding="utf-8")
    build(leaflet, out_dir=tmp_path / "out")
    for s in rtl_slogans:
        text = pdftotext(tmp_path / "out" / "rtl" / f"a3-poster.{s['lang']}.pdf")
        assert squeeze(s["text"]) in squeeze(text).replace(":", ":"), text


def test_flyer_text_extracts_every_paragraph(seed_build):
    _, folder = seed_build
    path = folder / "a4-flyer.en.pdf"
    extracted, whole = squeeze(columns_text(path, SEED.parent.parent / "layouts" / "a4-flyer.toml")), \
        squeeze(pdftotext(path))
    statement = (SEED / "statement.en.md").read_text(encoding="utf-8")
    for block in statement.split("\n\n"):
        text = block.strip().lstrip("#> ").replace("\n>", " ")
        if text:
            assert squeeze(text) in (whole if block.startswith("#") else extracted), text[:60]
    for signatory in seed_toml()["signatories"]:
        assert squeeze(signatory["name"]) in whole


@pytest.mark.parametrize("name", ["a4-flyer.en.pdf", "a3-poster.ar.pdf", "a3-poster.hy.pdf"])
def test_every_font_is_embedded_and_subset(seed_build, name):
    _, folder = seed_build
    table = fonts(folder / name)
    assert table, "no fonts listed"
    for row in table:
        assert (row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes"), row
        assert "Helvetica" not in row["name"]


@pytest.mark.parametrize("name", ["a4-flyer.en.pdf", "a3-poster.fa.pdf"])
def test_qpdf_finds_no_errors(seed_build, name):
    _, folder = seed_build
    out = run(need("qpdf"), "--check", str(folder / name))
    assert "No syntax or stream encoding errors" in out


def test_poster_trim_and_bleed_boxes(seed_build):
    _, folder = seed_build
    box = boxes(folder / "a3-poster.fa.pdf")
    trim, bleed, media = box["Trim"], box["Bleed"], box["Media"]
    assert (trim[2] - trim[0]) / MM == pytest.approx(297, abs=0.01)
    assert (trim[3] - trim[1]) / MM == pytest.approx(420, abs=0.01)
    for i, sign in enumerate((-1, -1, 1, 1)):
        assert (bleed[i] - trim[i]) * sign / MM == pytest.approx(3, abs=0.01)
    assert media[0] < bleed[0] and media[2] > bleed[2], "marks need room outside the bleed"


def test_metadata_title_and_language(seed_build):
    _, folder = seed_build
    meta = info(folder / "a3-poster.fa.pdf")
    assert meta["Title"] == "Long Live the Anti-Fascist Victory Day!"  # no Persian statement: the leaflet title
    flyer = info(folder / "a4-flyer.en.pdf")
    assert flyer["Title"] == "Long Live the Anti-Fascist Victory Day! Down with fascism, freedom to the people!"
    raw = (folder / "a3-poster.fa.pdf").read_bytes()
    assert b"/Lang (fa)" in raw
    assert b"/Lang (en)" in (folder / "a4-flyer.en.pdf").read_bytes()


def test_colours_are_cmyk_only(seed_build, tmp_path: Path):
    _, folder = seed_build
    for name in ("a4-flyer.en.pdf", "a3-poster.ar.pdf"):
        data = content_streams(folder / name, tmp_path)
        operators = re.findall(rb"[\d.]+ [\d.]+ [\d.]+ (?:[\d.]+ )?(k|K|rg|RG)\n", data)
        assert b"k" in operators
        assert b"rg" not in operators and b"RG" not in operators, name


def test_rebuild_is_byte_identical(seed_build, tmp_path: Path):
    _, folder = seed_build
    build(SEED, layouts=["a3-poster"], langs=["ar", "hy"], out_dir=tmp_path)
    for name in ("a3-poster.ar.pdf", "a3-poster.hy.pdf"):
        assert (tmp_path / SEED.name / name).read_bytes() == (folder / name).read_bytes()
