"""Changing single frames of an inherited layout by name, and the warning for a child that loses blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from handbill.errors import InputError
from handbill.load.layout import load_layout
from handbill.model import MM

LAYOUTS = ROOT / "layouts"


def child(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text('extends = "a4-flyer"\n' + text, encoding="utf-8")
    return path


def frames(layout, block: str, long: bool = False):
    pages = layout.long_pages if long else layout.pages
    return [f for page in pages for f in page.frames if f.block == block]


def test_a_named_frame_changes_and_the_rest_is_kept(tmp_path: Path):
    layout = load_layout(child(tmp_path, '[[frames]]\nname = "qr"\nat = [20, 20, 30, 30]\n'), [tmp_path, LAYOUTS])
    parent = load_layout(LAYOUTS / "a4-flyer.toml", [LAYOUTS])
    qr = frames(layout, "qr")[0]
    assert (qr.x / MM, qr.y / MM, qr.width / MM) == pytest.approx((20, 20, 30))
    assert [f.block for p in layout.pages for f in p.frames] == [f.block for p in parent.pages for f in p.frames]
    assert frames(layout, "statement") and frames(layout, "headline") and frames(layout, "slogans")
    assert not layout.warnings


def test_a_new_frame_goes_on_the_page_named_and_a_removed_one_goes(tmp_path: Path):
    text = ('[[frames]]\nname = "photo"\npage = 1\nlong_page = 2\nblock = "photo"\nat = [14, 200, 60, 40]\n'
            '[[frames]]\nname = "lead"\nremove = true\n')
    layout = load_layout(child(tmp_path, text), [tmp_path, LAYOUTS])
    assert frames(layout, "photo")[0].name == "photo"
    assert [i for i, p in enumerate(layout.pages) if any(f.block == "photo" for f in p.frames)] == [0]
    assert [i for i, p in enumerate(layout.long_pages) if any(f.block == "photo" for f in p.frames)] == [1]
    assert not frames(layout, "lead") and not frames(layout, "lead", long=True)


@pytest.mark.parametrize(("text", "field", "words"), [
    ('[[frames]]\nname = "nothing"\nat = [1, 1, 1, 1]\n', "frames[1].name", "no frame named 'nothing'"),
    ('[[frames]]\nat = [1, 1, 1, 1]\n', "frames[1].name", "needs the frame's name"),
    ('[[frames]]\nname = "new"\npage = 9\nblock = "qr"\nat = [1, 1, 9, 9]\n', "frames[1].page", "from 1 to 1"),
    ('[[frames]]\nname = "qr"\npage = 1\n', "frames[1].page", "already on a page"),
    ('[[frames]]\nname = "gone"\nremove = true\n', "frames[1].name", "no frame named 'gone' to remove"),
])
def test_mistakes_in_frame_changes_name_the_key(tmp_path: Path, text: str, field: str, words: str):
    with pytest.raises(InputError) as caught:
        load_layout(child(tmp_path, text), [tmp_path, LAYOUTS])
    assert caught.value.field == field and words in caught.value.message


def test_frames_without_extends_is_an_error(tmp_path: Path):
    path = tmp_path / "alone.toml"
    path.write_text('[[frames]]\nname = "qr"\n', encoding="utf-8")
    with pytest.raises(InputError, match="extends none"):
        load_layout(path, [tmp_path])


def test_pages_that_drop_the_statement_warn(tmp_path: Path):
    text = '[[pages]]\n[[pages.frames]]\nblock = "slogans"\nat = [10, 10, 100, 100]\nstyle = "slogan"\n'
    layout = load_layout(child(tmp_path, text), [tmp_path, LAYOUTS])
    assert not layout.long_pages  # the parent's design for long statements does not fit pages of one's own
    assert any("no statement" in w for w in layout.warnings)
    assert any("no headline" in w for w in layout.warnings)
    assert not any("slogans" in w for w in layout.warnings)


def test_a_new_size_scales_the_frames(tmp_path: Path):
    letter = load_layout(LAYOUTS / "letter-flyer.toml", [LAYOUTS])
    a4 = load_layout(LAYOUTS / "a4-flyer.toml", [LAYOUTS])
    ratio = 215.9 / 210
    assert frames(letter, "qr")[0].width == pytest.approx(frames(a4, "qr")[0].width * ratio, rel=1e-3)


def test_duplicate_frame_names_are_refused(tmp_path: Path):
    path = tmp_path / "dup.toml"
    path.write_text('[styles.body]\nsize = 10\n[[pages]]\n[[pages.frames]]\nname = "a"\nblock = "rect"\n'
                    'fill = "black"\nat = [1, 1, 5, 5]\n[[pages.frames]]\nname = "a"\nblock = "rect"\n'
                    'fill = "black"\nat = [1, 1, 5, 5]\n', encoding="utf-8")
    with pytest.raises(InputError, match="already names"):
        load_layout(path, [tmp_path])


def test_check_warns_about_a_layout_that_lost_the_statement(tmp_path: Path):
    from conftest import MINIMAL_TOML, write_leaflet
    from handbill.check import run_check

    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "mine.toml").write_text(
        'extends = "a4-flyer"\n[[pages]]\n[[pages.frames]]\nblock = "slogans"\nat = [10, 10, 100, 100]\n'
        'style = "slogan"\n', encoding="utf-8")
    folder = write_leaflet(tmp_path / "leaflet", MINIMAL_TOML.replace('["a4-flyer"]', '["mine"]'),
                           {"en": "# Title\n\nText.\n"})
    report = run_check(folder)
    warnings = [f for f in report.findings if f.severity == "warning" and f.topic == "layout"]
    assert warnings and "no statement" in warnings[0].message and warnings[0].job == "mine"
