"""Tests for handbill.fonts.discover: installed fonts found through fontconfig for scripts the catalog
does not serve, collections by face index, and font files read only as regular files under a cap."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont
from hypothesis import given
from hypothesis import strategies as st

from handbill.errors import HandbillError, InputError
from handbill.fonts import face as face_module
from handbill.fonts.catalog import NOTO_PACKAGES, debian_hint, load_catalog
from handbill.fonts.discover import (
    SAMPLES,
    Installed,
    best_face,
    cjk_region,
    discover_script,
    family_rank,
    fonts_covering,
)
from handbill.fonts.face import open_face, read_font_file
from handbill.text.paragraph import Typesetter
from handbill.text.spec import ParagraphSpec, Span, TextStyle

ROOT = Path(__file__).resolve().parents[2]
NOTO = Path("/usr/share/fonts/truetype/noto")
needs_fontconfig = pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig not installed")


def needs(*files: str) -> None:
    for name in files:
        if not (NOTO / name).is_file():
            pytest.skip(f"{name} not installed (fonts-noto-core)")


def installed(family: str, weight: int = 80, slant: int = 0, width: int = 100, name: str = "") -> Installed:
    return Installed(family, Path(f"/fonts/{name or family.replace(' ', '')}-{weight}-{slant}-{width}.ttf"),
                     0, "Regular", weight, slant, width, "TrueType")


# -- choosing among candidates (no fontconfig needed) -----------------------------------------------


def test_the_script_own_noto_sans_family_ranks_first():
    ranks = {name: family_rank(name, "Thai", "th") for name in
             ("Noto Sans Thai", "Noto Serif Thai", "Noto Sans Thai UI", "Noto Looped Thai", "Noto Sans",
              "FreeSerif", "DejaVu Sans")}
    assert sorted(ranks, key=ranks.get) == ["Noto Sans Thai", "Noto Serif Thai", "Noto Sans Thai UI",
                                            "Noto Looped Thai", "Noto Sans", "FreeSerif", "DejaVu Sans"]
    assert family_rank("Noto Serif Tibetan", "Tibt", "bo") < family_rank("Noto Sans", "Tibt", "bo")
    assert family_rank("Noto Sans Lao", "Laoo", "lo") < family_rank("Noto Looped Lao", "Laoo", "lo")


@pytest.mark.parametrize(("script", "lang", "region"), [
    ("Hani", "zh", "SC"), ("Hani", "zh-Hans", "SC"), ("Hani", "zh-Hant", "TC"), ("Hani", "zh-TW", "TC"),
    ("Hani", "zh-HK", "HK"), ("Hani", "ja", "JP"), ("Hira", "", "JP"), ("Kana", "zh", "JP"),
    ("Hang", "", "KR"), ("Hani", "ko", "KR"), ("Hani", "", "SC"),
])
def test_cjk_faces_follow_the_language(script: str, lang: str, region: str):
    assert cjk_region(script, lang) == region
    assert family_rank(f"Noto Sans CJK {region}", script, lang) == 0
    assert family_rank("Noto Sans Mono CJK JP", script, lang) > family_rank("Noto Sans CJK KR", script, lang)


def test_the_face_nearest_the_style_weight_is_chosen_upright_and_normal_width():
    faces = (installed("Noto Sans Thai", 200), installed("Noto Sans Thai", 80),
             installed("Noto Sans Thai", 80, width=75), installed("Noto Sans Thai", 180),
             installed("Noto Sans Thai", 80, slant=100), installed("DejaVu Sans", 80))
    assert best_face(faces, "Thai", "regular", "th") == installed("Noto Sans Thai", 80)
    assert best_face(faces, "Thai", "bold", "th") == installed("Noto Sans Thai", 200)
    assert best_face(faces, "Thai", "italic", "th") == installed("Noto Sans Thai", 80, slant=100)
    only_regular = (installed("Noto Sans Tifinagh", 80),)
    assert best_face(only_regular, "Tfng", "bold", "zgh") == only_regular[0]  # the nearest there is
    assert best_face((), "Thai", "regular", "th") is None


@given(st.permutations([installed("Noto Sans Lao", 80), installed("Noto Looped Lao", 80),
                        installed("Noto Sans Lao", 200), installed("DejaVu Sans", 80),
                        installed("Noto Serif Lao", 80), installed("Noto Sans Lao", 100)]))
def test_the_choice_does_not_depend_on_the_order_fontconfig_lists_fonts_in(faces: list[Installed]):
    assert best_face(tuple(faces), "Laoo", "regular", "lo") == installed("Noto Sans Lao", 80)
    assert best_face(tuple(faces), "Laoo", "bold", "lo") == installed("Noto Sans Lao", 200)


def test_every_hint_names_a_family_in_its_debian_package():
    """The family each hint proposes exists in the Debian package it names (its file list)."""
    if shutil.which("dpkg") is None:
        pytest.skip("not Debian")
    listings = {}
    for package in sorted({package for _, package in NOTO_PACKAGES.values()} | {"fonts-noto-cjk"}):
        result = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=False)
        if result.returncode:
            pytest.skip(f"{package} not installed")
        listings[package] = {Path(line).name.split("-")[0] for line in result.stdout.splitlines()}
    for script, (family, package) in NOTO_PACKAGES.items():
        assert family.replace(" ", "") in listings[package], (script, family, package)
        assert family in debian_hint(script)
    assert "NotoSansCJK" in listings["fonts-noto-cjk"] and "fonts-noto-cjk" in debian_hint("Hani")
    assert "Noto Sans Han" not in debian_hint("Hani") and "Hangul" not in debian_hint("Hang")
    assert "Looped" not in debian_hint("Thai")


# -- fontconfig on this machine ---------------------------------------------------------------------


@needs_fontconfig
@pytest.mark.parametrize(("script", "lang", "regular", "bold"), [
    ("Thai", "th", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
    ("Laoo", "lo", "NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf"),
    ("Tfng", "zgh", "NotoSansTifinagh-Regular.ttf", "NotoSansTifinagh-Regular.ttf"),
    ("Ethi", "am", "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
    ("Tibt", "bo", "NotoSerifTibetan-Regular.ttf", "NotoSerifTibetan-Bold.ttf"),
    ("Thaa", "dv", "NotoSansThaana-Regular.ttf", "NotoSansThaana-Bold.ttf"),
])
def test_discovery_finds_the_noto_family_of_the_script(script: str, lang: str, regular: str, bold: str):
    needs(regular, bold)
    assert discover_script(script, "regular", lang).path.name == regular
    assert discover_script(script, "bold", lang).path.name == bold


@needs_fontconfig
def test_fonts_covering_lists_static_faces_sorted():
    needs("NotoSansThai-Regular.ttf")
    faces = fonts_covering("\u0e01")
    assert faces == tuple(sorted(faces))
    assert any(f.family == "Noto Sans Thai" for f in faces)
    assert all(f.fontformat in ("TrueType", "CFF") and f.index < 0x10000 for f in faces)
    assert fonts_covering("\U000f0000") == ()  # private use: no font


@needs_fontconfig
def test_scripts_without_a_chain_are_set_in_their_noto_family_not_dejavu():
    needs("NotoSansLao-Regular.ttf", "NotoSansTifinagh-Regular.ttf", "NotoSansThai-Regular.ttf")
    catalog = load_catalog(ROOT / "fonts" / "catalog.toml")
    for script, family in (("Laoo", "Noto Sans Lao"), ("Tfng", "Noto Sans Tifinagh"), ("Thai", "Noto Sans Thai")):
        chain = catalog.chain(script)
        assert chain[0].family == family
        assert chain[1].family == "Noto Sans"  # then the default and Common fonts
    assert ("Laoo", "regular", "") in catalog.discovered


@needs_fontconfig
def test_a_thai_paragraph_is_set_in_noto_sans_thai():
    needs("NotoSansThai-Regular.ttf")
    catalog = load_catalog(ROOT / "fonts" / "catalog.toml")
    text = "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกัน 1948"
    spec = ParagraphSpec(spans=(Span(text),), style=TextStyle(size=10.0), lang="th")
    setting = Typesetter(catalog).typeset(spec, 400.0)
    thai = {g.face.family for line in setting.lines for g in line.glyphs if "\u0e00" <= g.text[:1] <= "\u0e7f"}
    assert thai == {"Noto Sans Thai"}


@needs_fontconfig
def test_a_character_missing_from_a_listed_chain_is_discovered(tmp_path: Path):
    """A catalog whose Latin chain lacks Thai letters: the letters come from the discovered font."""
    needs("NotoSansThai-Regular.ttf", "NotoSans-Regular.ttf")
    path = tmp_path / "catalog.toml"
    path.write_text('[families."Noto Sans"]\nregular = "NotoSans-Regular.ttf"\n'
                    '[scripts]\nLatn = ["Noto Sans"]\nThai = ["Noto Sans"]\ndefault = ["Noto Sans"]\n')
    catalog = load_catalog(path)
    spec = ParagraphSpec(spans=(Span("Thai: มนุษย์"),), style=TextStyle(size=10.0), lang="en")
    setting = Typesetter(catalog).typeset(spec, 400.0)
    assert {g.face.family for line in setting.lines for g in line.glyphs} == {"Noto Sans", "Noto Sans Thai"}


def test_discovery_can_be_turned_off(tmp_path: Path):
    path = tmp_path / "catalog.toml"
    path.write_text('discover = false\n[families."Noto Sans"]\nregular = "NotoSans-Regular.ttf"\n'
                    '[scripts]\ndefault = ["Noto Sans"]\n')
    catalog = load_catalog(path)
    assert catalog.discover is False
    assert catalog.discover_face("Thai", "regular", "th") is None
    path.write_text('discover = "yes"\n[families."Noto Sans"]\nregular = "a.ttf"\n[scripts]\ndefault = ["Noto Sans"]\n')
    with pytest.raises(InputError):
        load_catalog(path)


# -- collections ------------------------------------------------------------------------------------


def small_font(family: str, width: int) -> TTFont:
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({0x41: "A"})
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, 700))
    pen.lineTo((width - 50, 700))
    pen.closePath()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "A": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (width, 50)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    return builder.font


@pytest.fixture
def collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HANDBILL_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "fonts"
    folder.mkdir()
    ttc = TTCollection()
    ttc.fonts = [small_font("Test One", 600), small_font("Test Two", 900)]
    ttc.save(str(folder / "Test.ttc"))
    return folder


def catalog_with(folder: Path, entry: str) -> Path:
    path = folder / "catalog.toml"
    path.write_text(f'[families."T"]\nregular = {entry}\n[scripts]\nLatn = ["T"]\ndefault = ["T"]\n'
                    '[families."D"]\nregular = "NotoSans-Regular.ttf"\n', encoding="utf-8")
    return path


def test_a_collection_face_is_used_by_index_or_by_family_name(collection: Path):
    plain = open_face(collection / "Test.ttc")
    assert plain.family == "Test One" and plain.index == 0
    for entry in ('{ file = "Test.ttc", face = 1 }', '{ file = "Test.ttc", face = "Test Two" }'):
        face = load_catalog(catalog_with(collection, entry)).face("T")
        assert face.family == "Test Two" and face.index == 1
        assert face.advances[face.glyph_ids[0x41]] == 900
        assert TTFont(io.BytesIO(face.data))["name"].getDebugName(1) == "Test Two"


def test_a_missing_face_in_a_collection_lists_the_faces(collection: Path):
    catalog = load_catalog(catalog_with(collection, '{ file = "Test.ttc", face = "Test Three" }'))
    with pytest.raises(InputError) as caught:
        catalog.face("T")
    assert "0: Test One, 1: Test Two" in caught.value.hint
    with pytest.raises(HandbillError, match="faces 0 to 1; face 5 does not exist"):
        open_face(collection / "Test.ttc", 5)
    with pytest.raises(InputError, match="face index"):
        load_catalog(catalog_with(collection, '{ file = "Test.ttc", face = -1 }'))


# -- font files: regular files under a cap ----------------------------------------------------------


def test_a_fifo_named_as_a_font_is_refused_without_hanging(tmp_path: Path):
    fifo = tmp_path / "Hang.ttf"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            open_face(fifo)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # unblock the reader so the test process can end
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("opening a FIFO named as a font blocked")
    assert isinstance(outcome[0], HandbillError) and "not a regular file" in str(outcome[0])


def test_a_link_to_a_device_is_not_read(tmp_path: Path):
    link = tmp_path / "Zero.ttf"
    link.symlink_to("/dev/zero")
    with pytest.raises(HandbillError, match="not a regular file"):
        read_font_file(link)


def test_a_font_file_over_the_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    big = tmp_path / "Big.ttf"
    big.write_bytes(b"\0" * 2000)
    monkeypatch.setattr(face_module, "MAX_FONT_BYTES", 1000)
    with pytest.raises(HandbillError, match="2,000 bytes; at most 1,000"):
        read_font_file(big)


def test_a_fifo_in_the_fonts_folder_does_not_hang_the_catalog(tmp_path: Path):
    """A received leaflet's fonts/ folder with a FIFO in it: the catalog's suggestion scan skips it."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    os.mkfifo(folder / "Odd.ttf")
    path = catalog_with(folder, '"Odd.ttf"')
    catalog = load_catalog(path)
    with pytest.raises(HandbillError, match="not a regular file"):
        catalog.face("T")
    done = threading.Event()
    threading.Thread(target=lambda: (catalog.installed_fonts_covering("\U000f0000"), done.set()),
                     daemon=True).start()
    assert done.wait(60), "the coverage scan blocked on a FIFO"


def test_samples_are_letters_of_their_script():
    from fontTools import unicodedata as ftu

    for script, letter in SAMPLES.items():
        assert ftu.script(letter) == script, script
