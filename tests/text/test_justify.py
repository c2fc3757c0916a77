"""Justification limits (text/justify.py): a layout-set max_gap, ragged lines reported by check, CJK
spacing between characters, and the leading of tall scripts (text/paragraph.py)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from handbill.check import ragged_findings
from handbill.fonts.catalog import load_catalog
from handbill.model import PlacedLine
from handbill.text.paragraph import ParagraphSpec, Span, TextStyle, Typesetter

TURKISH = ("Uluslararasılaştırılamayanlardan mısınız diye sorduklarında dayanışmanın sınır tanımadığını "
           "söyleyen işçiler, Akdeniz kıyısındaki limanlarda örgütlenmeye devam ediyorlar.")


def justified(text: str, lang: str, max_gap: float, size: float = 10.0) -> ParagraphSpec:
    return ParagraphSpec((Span(text),), lang, TextStyle(size, hyphenate=True, max_gap=max_gap), "justify")


def test_a_tighter_max_gap_leaves_more_lines_ragged_and_no_wider_gaps(setter: Typesetter):
    loose = setter.typeset(justified(TURKISH, "tr", 3.0), 120).lines
    tight = setter.typeset(justified(TURKISH, "tr", 0.3), 120).lines
    assert sum(line.ragged for line in tight) > sum(line.ragged for line in loose)
    for line in tight[:-1]:
        if line.ragged:
            assert line.width < 120 - 0.1  # left at its natural width, not stretched
        else:
            assert abs(line.width - 120) < 0.05


def test_check_counts_ragged_lines_and_names_a_missing_dictionary():
    line = SimpleNamespace(ragged=True)
    items = [PlacedLine(0, 0, line, None, "tr"), PlacedLine(0, 0, line, None, "tr"),  # type: ignore[arg-type]
             PlacedLine(0, 0, SimpleNamespace(ragged=False), None, "en")]  # type: ignore[arg-type]
    found = ragged_findings(SimpleNamespace(pages=[SimpleNamespace(items=items)]))  # type: ignore[arg-type]
    assert len(found) == 1
    assert "2 justified lines in 'tr' left ragged" in found[0].message
    assert "'tr' has no hyphenation dictionary" in found[0].message


def _catalog_with_noto(tmp_path: Path) -> Path:
    from test_scripts_fixture import catalog_text

    path = tmp_path / "catalog.toml"
    path.write_text(catalog_text(), encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "text"), [
    ("my", "နိုင်ငံတိုင်းမှ အလုပ်သမားများ အတူတကွ ရပ်တည်ကြသည်။ ကျွန်ုပ်တို့သည် ငြိမ်းချမ်းရေး၊ တရားမျှတသော အလုပ်"),
    ("bo", "རྒྱལ་ཁབ་ཡོངས་ཀྱི་ལས་མི་རྣམས་མཉམ་དུ་ལང་ཡོད། ང་ཚོས་ཞི་བདེ་དང་། དྲང་བདེན་གྱི་ལས་ཀ།"),
])
def test_tall_scripts_get_a_line_pitch_their_ink_needs(tmp_path: Path, lang: str, text: str):
    """Myanmar and Tibetan stack above and below: the pitch is their ink height plus a gap, so the
    lowest mark of a line stays above the highest of the next; Latin keeps the style's leading."""
    setter = Typesetter(load_catalog(_catalog_with_noto(tmp_path)))
    spec = ParagraphSpec((Span(text),), lang, TextStyle(10.0, leading=1.25), "start")
    para = setter.typeset(spec, 150)
    top, bottom = setter._prepare(spec).ink
    if top == bottom == 0:
        pytest.skip("no glyph extents without HarfBuzz")
    assert para.line_height >= (top - bottom) * 10.0
    english = setter.typeset(ParagraphSpec((Span("Workers of every country"),), "en", TextStyle(10.0)), 150)
    assert english.line_height == pytest.approx(12.5)
