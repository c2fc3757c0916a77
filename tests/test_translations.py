"""Per-language leaflet lines ([translations.<lang>]), dates per language, and the notices of a version that
prints another language's line (compose/content.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_leaflet
from handbill.build import plan
from handbill.cli import main
from handbill.compose.content import block_paragraphs, leaflet_line, version_notices
from handbill.errors import InputError
from handbill.load import find_layout, load_layout, load_leaflet
from handbill.project import layout_search_path

TOML = """title = "Peace now"
date = 2023-05-09
lang = "en"
layouts = ["a4-flyer"]
organisation = "Women for Peace"
place_date = "Berlin, {date}"

[translations.fa]
organisation = "زنان برای صلح"
place_date = "برلین، {date}"

[translations.tr]
title = "Şimdi barış"

[[slogans]]
lang = "en"
text = "Peace"
"""
STATEMENTS = {"en": "# Peace now\n\nText.\n", "fa": "# صلح\n\nمتن.\n", "tr": "Metin.\n"}


@pytest.fixture
def leaflet_folder(tmp_path: Path) -> Path:
    return write_leaflet(tmp_path / "lf", TOML, STATEMENTS)


def _texts(folder: Path, block: str, lang: str) -> list[tuple[str, str]]:
    leaflet = load_leaflet(folder)
    return [("".join(s.text for s in p.spans), p.lang) for p in block_paragraphs(block, "x", leaflet, lang)]


def test_each_version_prints_its_own_organisation_and_date(leaflet_folder: Path) -> None:
    assert _texts(leaflet_folder, "organisation", "fa") == [("زنان برای صلح", "fa"), ("برلین، ۹ مه ۲۰۲۳", "fa")]
    assert _texts(leaflet_folder, "organisation", "en") == [("Women for Peace", "en"), ("Berlin, 9 May 2023", "en")]


def test_a_missing_line_falls_back_to_the_main_language_and_says_so(leaflet_folder: Path) -> None:
    leaflet = load_leaflet(leaflet_folder)
    assert leaflet_line(leaflet, "organisation", "tr") == ("Women for Peace", "en", True)
    assert leaflet_line(leaflet, "organisation", "fa")[2] is False
    layout = load_layout(find_layout("a4-flyer", layout_search_path(leaflet_folder)))
    tr = version_notices(leaflet, layout, "tr")
    assert [(n.field, n.message) for n in tr] == [
        ("translations.tr.organisation", "the 'tr' version prints its organisation in 'en'"),
        ("translations.tr.place_date", "the 'tr' version prints its place_date in 'en'")]
    assert 'organisation = "..."' in tr[0].hint and "{date}" in tr[1].hint
    assert version_notices(leaflet, layout, "fa") == []


def test_a_statement_without_headline_takes_the_translated_title_not_another_language(leaflet_folder: Path
                                                                                       ) -> None:
    assert _texts(leaflet_folder, "headline", "tr") == [("Şimdi barış", "tr")]
    (leaflet_folder / "leaflet.toml").write_text(TOML.replace('title = "Şimdi barış"\n', ""), encoding="utf-8")
    leaflet = load_leaflet(leaflet_folder)
    layout = load_layout(find_layout("a4-flyer", layout_search_path(leaflet_folder)))
    notices = version_notices(leaflet, layout, "tr")
    assert notices[0].field == "translations.tr.title"
    assert notices[0].message == "the 'tr' version prints its headline in 'en' (statement.tr.md has no '# ' line)"


def test_check_and_build_report_the_same_fallbacks(leaflet_folder: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(leaflet_folder), "--lang", "tr"]) == 0
    checked = capsys.readouterr().out
    assert main(["build", str(leaflet_folder), "--lang", "tr", "--out", str(tmp_path / "out")]) == 0
    built = capsys.readouterr().err
    for text in ("the 'tr' version prints its organisation in 'en'", "the 'tr' version prints its place_date in 'en'"):
        assert checked.count(text) == 1 and built.count(text) == 1
    assert main(["check", str(leaflet_folder), "--lang", "tr", "--strict"]) == 1


@pytest.mark.parametrize(("table", "words"), [
    ('[translations.farsi]\norganisation = "x"\n', "translations.farsi"),
    ('[translations.el]\norganization = "x"\n', "did you mean 'organisation'"),
    ('[translations.el]\nplace_date = "{day}"\n', "unknown placeholder '{day}'"),
])
def test_translation_mistakes_name_the_key(tmp_path: Path, table: str, words: str) -> None:
    folder = write_leaflet(tmp_path / "lf", TOML.replace("[[slogans]]", table + "\n[[slogans]]"), STATEMENTS)
    with pytest.raises(InputError) as caught:
        load_leaflet(folder)
    assert words in str(caught.value)


def test_a_logo_or_photo_no_frame_shows_is_a_warning(tmp_path: Path) -> None:
    from PIL import Image

    folder = write_leaflet(tmp_path / "lf", TOML.replace('layouts = ["a4-flyer"]', 'layouts = ["a4-flyer"]\n'
                                                         'logo = "logo.png"\nphoto = "photo.jpg"'), STATEMENTS)
    Image.new("RGB", (600, 600), "red").save(folder / "logo.png")
    Image.new("RGB", (900, 600), "blue").save(folder / "photo.jpg")
    leaflet = load_leaflet(folder)
    search = layout_search_path(folder)
    for name in ("a4-flyer", "a3-poster"):
        layout = load_layout(find_layout(name, search), search)
        blocks = {f.block for page in (*layout.pages, *layout.long_pages) for f in page.frames}
        shown = {n.field for n in version_notices(leaflet, layout, "en") if "printed nowhere" in n.message}
        assert shown == {key for key in ("logo", "photo") if key not in blocks}, name


def test_a_photo_poster_without_a_photo_is_one_warning(tmp_path: Path) -> None:
    """poster-photo without leaflet.toml's photo builds (its red field moves up), and says so once, at the key."""
    from PIL import Image

    from handbill.pipeline import build_notices

    toml = TOML + '[[slogans]]\nlang = "de"\ntext = "Brot und Rosen"\n'
    folder = write_leaflet(tmp_path / "lf", toml, STATEMENTS)
    _, jobs, _ = plan(folder, ["poster-photo"])
    assert len(jobs) >= 2
    warned = [w for w in build_notices(jobs) if "photo frame" in str(w)]
    assert len(warned) == 1 and "leaflet.toml: photo" in str(warned[0]), build_notices(jobs)
    assert "add photo = " in str(warned[0])
    write_leaflet(folder, toml.replace('layouts = ["a4-flyer"]', 'layouts = ["a4-flyer"]\nphoto = "photo.jpg"'))
    Image.new("RGB", (900, 600), "blue").save(folder / "photo.jpg")
    _, jobs, _ = plan(folder, ["poster-photo"])
    assert [w for w in build_notices(jobs) if "photo frame" in str(w)] == []


def test_hints_name_the_statement_file_the_user_wrote(tmp_path: Path) -> None:
    """A statement named with a code that canonicalises (zh-Hans -> zh, prs -> fa-AF) is named as the
    user wrote it in every hint, not by the canonical code (issue 17, QA)."""
    toml = TOML.replace('lang = "en"\nlayouts', 'lang = "prs"\nlayouts', 1)
    folder = write_leaflet(tmp_path / "lf", toml, {"prs": "# صلح\n\n## اکنون\n\nمتن.\n", "zh-Hans": "文字。\n",
                                                   "en": "Text.\n"})
    leaflet = load_leaflet(folder)
    assert sorted(leaflet.statements) == ["en", "fa-AF", "zh"]
    layout = load_layout(find_layout("a4-flyer", layout_search_path(folder)))
    zh = version_notices(leaflet, layout, "zh")[0]
    assert zh.message == "the 'zh' version prints its headline in 'fa-AF' (statement.zh-Hans.md has no '# ' line)"
    assert zh.hint.startswith("add a '# ' line to statement.zh-Hans.md,")
    tr = [n.message for n in version_notices(leaflet, layout, "tr")]
    assert "the 'tr' version prints the lead lines of statement.prs.md" in tr
    assert not any("statement.zh.md" in m or "statement.fa-AF.md" in m for m in tr)
