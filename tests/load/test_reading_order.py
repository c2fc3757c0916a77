"""A layout whose statement columns poppler would read out of order is a warning when it is read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbill.load import load_layout

ROOT = Path(__file__).resolve().parents[2]
FLYER = (ROOT / "layouts" / "a4-flyer.toml").read_text(encoding="utf-8")


def _with(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "flyer.toml"
    path.write_text(text, encoding="utf-8")
    return [w for w in load_layout(path).warnings if "pdftotext reads the statement out of order" in w]


def test_the_shipped_flyers_are_read_in_order() -> None:
    for name in ("a4-flyer", "letter-flyer"):
        layout = load_layout(ROOT / "layouts" / f"{name}.toml", [ROOT / "layouts"])
        assert not [w for w in layout.warnings if "out of order" in w], layout.warnings


@pytest.mark.parametrize(("change", "words"), [
    (lambda t: re.sub(r"(\[styles\.body\.scripts\.Arab\]\n(?:.*\n)*?)leading = [\d.]+", r"\1leading = 1.5", t, count=1),
     "style 'body' for Arab sets lines 1.50 font sizes apart"),
    (lambda t: re.sub(r"(\[styles\.body\]\n(?:.*\n)*?)space_after = [\d.]+", r"\1space_after = 4", t, count=1),
     "style 'body' sets paragraphs 1.79 font sizes apart (and for Arab, Armn, Geor, Hebr)"),
    (lambda t: re.sub(r"(\[styles\.quote\]\n(?:.*\n)*?)leading = [\d.]+", r"\1leading = 1.6", t, count=1),
     "style 'quote' sets lines 1.60"),
])
def test_a_pitch_of_1_5_font_sizes_in_columns_is_a_warning(tmp_path: Path, change, words: str) -> None:
    warnings = _with(tmp_path, change(FLYER))
    assert len(warnings) == 1 and words in warnings[0], warnings
    assert "in 2 columns" in warnings[0] and "layouts/README.md" in warnings[0]


def test_one_column_may_be_set_as_loosely_as_it_likes(tmp_path: Path) -> None:
    loose = re.sub(r"space_after = [\d.]+", "space_after = 9", FLYER).replace("columns = 2", "columns = 1")
    assert _with(tmp_path, loose) == []
