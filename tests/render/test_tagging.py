"""The tagged PDF (render/tagging.py): structure tree, reading order, languages and alternate text,
read back with poppler's ``pdfinfo -struct-text`` and the tree's objects with ``qpdf --json``."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from conftest import SEED, WORLD
from handbill.build import build
from handbill.compose.content import LABEL_SPACE
from handbill.load import load_leaflet
from pdfcheck import need, run, struct_elements, struct_text
from test_check import CARD, LEAFLET, project

BULLET = "•" + LABEL_SPACE  # a bullet list item's label

RTL_WORLD = ("ar", "fa", "ckb", "ur", "he")
DIRECTION_MARKS = dict.fromkeys(map(ord, "\u200e\u200f"))


def squeeze(text: str) -> str:
    """Text without whitespace (poppler starts a new quoted string at each line; a hyphen added at a
    line break is drawn, not extracted)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text).translate(DIRECTION_MARKS))


def letters(text: str) -> Counter[str]:
    """The characters of a text, whatever their order within clusters (see test_rtl_paragraphs)."""
    return Counter(squeeze(text))


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(type, text) of every element that holds text, in the tree's order."""
    return [(kind, "".join(lines)) for _, kind, lines in struct_text(path) if lines and kind != "Figure"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world-tagged")
    report = build(WORLD, out_dir=out, langs=list(RTL_WORLD))
    assert not report.failed, [r.error for r in report.failed]
    return out / WORLD.name


def test_seed_flyer_reads_every_paragraph_in_order(seed_build):
    _, folder = seed_build
    leaflet = load_leaflet(SEED)
    statement = leaflet.statements["en"]
    expected = ([("P", s.text) for s in leaflet.slogans] + [("H1", statement.headline.text)]
                + [("P", leaflet.organisation), ("P", leaflet.place_date)]
                + [("BlockQuote" if b.kind == "quote" else "P", b.text) for b in statement.blocks
                   if b.kind != "headline"]
                + [("LBody", s.label()) for s in leaflet.signatories])
    found = paragraphs(folder / "a4-flyer.en.pdf")
    assert [kind for kind, _ in found] == [kind for kind, _ in expected]
    for (_, text), (_, want) in zip(found, expected, strict=True):
        if unicodedata.bidirectional(want[0]) in ("R", "AL"):
            assert letters(text) == letters(want)  # right-to-left slogans: see test_rtl_paragraphs
        else:
            assert squeeze(text) == squeeze(want)
    elements = struct_elements(folder / "a4-flyer.en.pdf")
    assert [e["S"] for e in elements[:2]] == ["Document", "P"]
    langs = [e["Lang"] for e in elements if e["S"] == "P"][:len(leaflet.slogans)]
    assert langs == [s.lang if s.lang != "en" else "" for s in leaflet.slogans]  # /Lang where not English
    signatories = [e for e in elements if e["S"] in ("L", "LI", "LBody")]
    assert signatories[0]["S"] == "L" and [e["S"] for e in signatories].count("LI") == len(leaflet.signatories)
    assert "Tagged:          yes" in run(need("pdfinfo"), str(folder / "a4-flyer.en.pdf"))


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_rtl_slogan_on_a_latin_poster_comes_back_in_order(seed_build, lang):
    """pdftotext swaps the halves around the colon on a mostly-Latin page; the structure does not."""
    _, folder = seed_build
    slogan = load_leaflet(SEED).slogan(lang).text
    path = folder / "a3-poster.en.pdf"
    [found] = [text for kind, text in paragraphs(path) if letters(text) == letters(slogan)]
    before, after = slogan.split(":")
    assert letters(found.split(":")[0]) == letters(before) and letters(found.split(":")[1]) == letters(after)
    [element] = [e for e in struct_elements(path) if e["Lang"] == lang]
    assert element["S"] == "P" and element["ActualText"] == slogan  # exact, for screen readers


def test_rtl_paragraphs(world):
    """Every body paragraph of each right-to-left flyer, in order, in its language, with the exact text
    as /ActualText. pdfinfo's text is the glyphs' text layer, made for pdftotext and pdfium: the right
    letters and words in order, but a multi-character right-to-left glyph (lam-alef, a letter with its
    mark) keeps its characters in stored order (text/glyphtext.py rule 3)."""
    expected = json.loads((WORLD / "expected.json").read_text(encoding="utf-8"))
    for lang in RTL_WORLD:
        path = world / f"a4-flyer.{lang}.pdf"
        want = [item["text"] for item in expected if item["lang"] == lang]
        body = [text for kind, text in paragraphs(path) if kind in ("P", "BlockQuote", "LBody")]
        found = [text for text in body if any(letters(text) == letters(w) for w in want)]
        assert [next(w for w in want if letters(w) == letters(t)) for t in found] == want, lang
        elements = struct_elements(path)
        actual = [e["ActualText"] for e in elements if e["ActualText"] in want]
        assert actual == want, lang
        assert all(e["Lang"] == "" for e in elements if e["ActualText"] in want)  # the document's language
        words = [w for text in found for w in text.translate(DIRECTION_MARKS).split()]
        source_words = {w for text in want for w in text.split()}
        assert sum(w in source_words for w in words) >= 0.6 * len(words), lang
        assert not invisible_text(path), lang  # the structure is the way to the exact text, not hidden copies


def invisible_text(path: Path) -> list[bytes]:
    """Text operators that put characters on no visible ink: a font size of 0 or render mode 3."""
    import pikepdf

    found = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if (operator == pikepdf.Operator("Tf") and float(operands[1]) == 0) or (
                        operator == pikepdf.Operator("Tr") and int(operands[0]) == 3):
                    found.append(bytes(operator))
    return found


def test_list_items_have_label_and_body(tmp_path: Path):
    statement = "# Demands\n\nWe ask for:\n\n- bread\n- peace\n\n> A quote of the movement.\n"
    leaflet = project(tmp_path, toml=LEAFLET.replace('layouts = ["card"]', 'layouts = ["a4-flyer"]'),
                      statement=statement)
    out = tmp_path / "out"
    report = build(leaflet, out_dir=out, layouts=["a4-flyer"])
    assert not report.failed, [r.error for r in report.failed]
    tree = struct_text(out / "leaflet" / "a4-flyer.en.pdf")
    kinds = [(depth, kind, lines) for depth, kind, lines in tree if kind in ("L", "LI", "Lbl", "LBody", "BlockQuote")]
    items = [(kind, "".join(lines)) for _, kind, lines in kinds]
    assert items[:7] == [("L", ""), ("LI", ""), ("Lbl", BULLET), ("LBody", "bread"), ("LI", ""),
                         ("Lbl", BULLET), ("LBody", "peace")]
    assert items[7] == ("BlockQuote", "A quote of the movement.")


def test_subheadings_are_h2_in_their_place_and_never_alone_at_a_column_foot(tmp_path: Path):
    """'## Article N' between paragraphs: bold in the statement's flow, tagged H2, in reading order, and
    followed in the same column by the start of the paragraph it heads (pdftotext reads it there too)."""
    body = " ".join(["Everyone has the right to life, liberty and security of person."] * 6)
    articles = "".join(f"## Article {n}\n\n{body}\n\n{body}\n\n" for n in range(1, 8))
    statement = f"# Declaration\n\n## Preamble\n\nWhereas recognition.\n\n{articles}"
    leaflet = project(tmp_path, toml=LEAFLET.replace('layouts = ["card"]', 'layouts = ["a4-flyer"]'),
                      statement=statement)
    out = tmp_path / "out"
    report = build(leaflet, out_dir=out, layouts=["a4-flyer"])
    assert not report.failed, [r.error for r in report.failed]
    pdf = out / "leaflet" / "a4-flyer.en.pdf"
    tree = paragraphs(pdf)
    kinds = [kind for kind, _ in tree]
    assert [text for kind, text in tree if kind == "H2"] == [f"Article {n}" for n in range(1, 8)]
    for n in range(1, 8):  # each heading right before its paragraph, none among the leads at the top
        at = tree.index(("H2", f"Article {n}"))
        assert kinds[at + 1] == "P" and tree[at + 1][1].startswith("Everyone has")
    assert tree.index(("P", "Preamble")) < tree.index(("P", "Whereas recognition."))
    # the text layer: each heading on a line of its own, followed by its paragraph's first words
    lines = [line.strip() for line in run(need("pdftotext"), str(pdf), "-").splitlines() if line.strip()]
    for n in range(1, 8):
        at = lines.index(f"Article {n}")
        assert lines[at + 1].startswith("Everyone has"), lines[at - 1:at + 2]


def test_figures_carry_alt_text_and_decorations_are_artifacts(tmp_path: Path):
    card = CARD.replace('src = "photo.png"', 'src = "photo.png"\nalt = "The network\'s logo: a red square"\n'
                        '[[pages.frames]]\nblock = "rect"\nat = [0, 120, 105, 28]\nfill = "ink"')
    leaflet = project(tmp_path, card=card)
    out = tmp_path / "out"
    assert not build(leaflet, out_dir=out).failed
    path = out / "leaflet" / "card.en.pdf"
    figures = [e for e in struct_elements(path) if e["S"] == "Figure"]
    assert [f["Alt"] for f in figures] == ["The network's logo: a red square", "https://example.org/may-day"]
    listing = run(need("pdfinfo"), "-struct-text", str(path))
    assert "Figure \"The network's logo: a red square\"" in listing
    assert "Figure \"https://example.org/may-day\"" in listing
    content = subprocess.run([need("qpdf"), "--qdf", "--object-streams=disable", str(path), "-"],
                             capture_output=True, check=True).stdout.decode("latin-1")
    assert content.count("/Artifact BMC") == 2  # the rect frame, the crop marks
    assert "/MarkInfo" in content and "/StructParents 0" in content
    assert run(need("qpdf"), "--check", str(path)).count("No syntax or stream encoding errors") == 1


def test_undescribed_image_is_decoration(tmp_path: Path):
    leaflet = project(tmp_path)
    out = tmp_path / "out"
    assert not build(leaflet, out_dir=out).failed
    figures = [e for e in struct_elements(out / "leaflet" / "card.en.pdf") if e["S"] == "Figure"]
    assert [f["Alt"] for f in figures] == ["https://example.org/may-day"]  # the QR code only
