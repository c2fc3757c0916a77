"""CFF-outline fonts (Noto Sans CJK, a .ttc collection) embedded as CIDFontType0 with a CIDFontType0C
FontFile3, read back with poppler (pdffonts, pdftotext, pdftoppm), qpdf and pdfium."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from conftest import write_leaflet
from handbill.build import build
from pdfcheck import fonts, need, pdfium_text, pdftotext, run, squeeze

CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
ZH = "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。"
KO = "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다."
TOML = """title = "Test"
date = 2024-05-01
lang = "zh"
layouts = ["a4-flyer"]
organisation = "Test Network"
[[slogans]]
lang = "zh"
text = "人人生而自由"
[[slogans]]
lang = "ko"
text = "모든 인간은"
"""


@pytest.fixture(scope="module")
def cjk_flyers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CJK.is_file():
        pytest.skip("fonts-noto-cjk not installed")
    folder = write_leaflet(tmp_path_factory.mktemp("cjk") / "cjk", TOML,
                           {"zh": f"# 人人生而自由\n\n{ZH}\n", "ko": f"# 모든 인간은\n\n{KO}\n"})
    out = tmp_path_factory.mktemp("out")
    report = build(folder, out_dir=out)
    assert not report.failed, [str(r.error) for r in report.failed]
    return out / "cjk"


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "region", "text"), [("zh", "sc", ZH), ("ko", "kr", KO)])
def test_a_cjk_flyer_embeds_its_cff_font_subset(cjk_flyers: Path, lang: str, region: str, text: str):
    pdf = cjk_flyers / f"a4-flyer.{lang}.pdf"
    cff = [row for row in fonts(pdf) if "CJK" in row["name"]]
    assert cff and all(row["type"] == "CID Type 0C" for row in cff)
    assert all(row["emb"] == row["sub"] == row["uni"] == "yes" for row in fonts(pdf))
    # the statement in the face for its language (the other language's slogan is in its own face)
    assert any(row["name"].endswith(f"+NotoSansCJK{region}-Regular") for row in cff)
    run(need("qpdf"), "--check", str(pdf))
    assert squeeze(text) in squeeze(pdftotext(pdf))
    assert squeeze(text) in squeeze(pdfium_text(pdf))
    with pikepdf.open(pdf) as document:
        for font in document.pages[0].Resources.Font.values():
            descendant = font.DescendantFonts[0]
            if descendant.Subtype != "/CIDFontType0":
                continue
            assert "/CIDToGIDMap" not in descendant  # not used by a CIDFontType0
            assert font.Encoding.Type == "/CMap" and font.Encoding.WMode == 0
            program = descendant.FontDescriptor.FontFile3
            assert program.Subtype == "/CIDFontType0C"
            assert len(program.read_bytes()) < 200_000  # a subset, not the 16 MB face


@pytest.mark.slow
def test_the_cjk_page_renders_in_poppler_and_pdfium(cjk_flyers: Path, tmp_path: Path):
    """Both renderers draw the CJK text: the statement area has ink, and both agree closely."""
    import pypdfium2
    from PIL import Image, ImageChops

    pdf = cjk_flyers / "a4-flyer.zh.pdf"
    run(need("pdftoppm"), "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "p"))
    poppler = Image.open(tmp_path / "p.png").convert("L")
    document = pypdfium2.PdfDocument(str(pdf))
    pdfium = document[0].render(scale=40 / 72).to_pil().convert("L").resize(poppler.size)
    document.close()
    for image in (poppler, pdfium):
        assert image.getextrema()[0] < 100  # dark ink somewhere: glyphs were drawn
    difference = ImageChops.difference(poppler, pdfium)
    histogram = difference.histogram()
    differing = sum(histogram[64:])
    assert differing < 0.02 * poppler.width * poppler.height


def test_a_name_keyed_cff_font_of_ones_own_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A user's .otf (CFF without CID operators, as fontBuilder writes it): CIDs are used as glyph ids."""
    from test_bad_input import cff_font, font_project

    leaflet, _ = font_project("TestCFF-Regular.otf", cff_font)(tmp_path, monkeypatch)
    report = build(leaflet, out_dir=tmp_path / "out")
    assert not report.failed, [str(r.error) for r in report.failed]
    (pdf,) = (tmp_path / "out").rglob("*.pdf")
    rows = fonts(pdf)
    assert rows and all(row["type"] == "CID Type 0C" and row["emb"] == "yes" for row in rows)
    run(need("qpdf"), "--check", str(pdf))
    assert "Bread and roses" in pdftotext(pdf)
