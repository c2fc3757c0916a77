"""Tests for handbill.fonts: the catalog, font files, fallback chains and variable-font instances."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables.TupleVariation import TupleVariation

from handbill.cache import decode_entry
from handbill.errors import HandbillError, InputError
from handbill.fonts import catalog as catalog_module
from handbill.fonts import instance as instance_module
from handbill.fonts.catalog import load_catalog
from handbill.fonts.face import open_face
from handbill.fonts.instance import axes_for_style, instance_bytes, instance_name
from handbill.render.pdffont import subset_font
from handbill.text.shape import shape

ROOT = Path(__file__).resolve().parents[2]
NOTO = Path("/usr/share/fonts/truetype/noto")
WIDE = 200  # how much wider A gets at the heaviest weight, in font units


def box(width: int):
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, 700))
    pen.lineTo((width - 50, 700))
    pen.lineTo((width - 50, 0))
    pen.closePath()
    return pen.glyph()


def write_variable_font(path: Path) -> Path:
    """A tiny variable font: a wght axis 100..900 (default 400); 'A' widens by WIDE units towards 900."""
    builder = FontBuilder(1000, isTTF=True)
    order = [".notdef", "space", "A"]
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({0x20: "space", 0x41: "A"})
    builder.setupGlyf({".notdef": box(500), "space": TTGlyphPen(None).glyph(), "A": box(600)})
    builder.setupHorizontalMetrics({".notdef": (500, 50), "space": (250, 0), "A": (600, 50)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Handbill Test VF", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.setupFvar(axes=[("wght", 100, 400, 900, "Weight")], instances=[])
    # four outline points, then the phantom points (left, advance, top, bottom): the right edge and
    # the advance move by WIDE at wght 900
    deltas = [(0, 0), (0, 0), (WIDE, 0), (WIDE, 0), (0, 0), (WIDE, 0), (0, 0), (0, 0)]
    builder.setupGvar({"A": [TupleVariation({"wght": (0, 1.0, 1.0)}, deltas)]})
    builder.save(str(path))
    return path


CATALOG = """
[families."Test VF"]
source = "user"
regular = "TestVF.ttf"
bold = {{ file = "TestVF.ttf", axes = {{ wght = {bold} }} }}

[families."Noto Sans"]
source = "Debian fonts-noto-core"
regular = "NotoSans-Regular.ttf"

[families."Not Installed"]
source = "Debian fonts-not-there"
regular = "NotThere-Regular.ttf"

[scripts]
Latn = ["Test VF", "Noto Sans"]
Grek = ["Not Installed", "Noto Sans"]
default = ["Noto Sans"]

[languages]
kmr = ["Noto Sans"]
"""


@pytest.fixture
def user_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project fonts/ folder with the test variable font and a catalog; instances cached in tmp."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    write_variable_font(folder / "TestVF.ttf")
    (folder / "catalog.toml").write_text(CATALOG.format(bold=900), encoding="utf-8")
    monkeypatch.setenv("HANDBILL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(catalog_module, "_INSTANCES", {})
    return folder


def advance_of_a(face) -> int:
    return face.advances[face.glyph_ids[ord("A")]]


# -- the shipped catalog ----------------------------------------------------------------------------


def test_every_script_of_the_shipped_catalog_resolves_to_installed_fonts():
    catalog = load_catalog(ROOT / "fonts" / "catalog.toml")
    for script in ("Latn", "Grek", "Cyrl", "Arab", "Hebr", "Armn", "Geor", "Deva"):
        chain = catalog.chain(script)
        assert chain, f"no installed font for {script}"
        assert chain[-1].family in ("Noto Sans", "DejaVu Sans")  # the Common fonts close every chain


def test_the_arabic_chain_starts_with_noto_sans_arabic_and_covers_sorani_and_urdu():
    catalog = load_catalog(ROOT / "fonts" / "catalog.toml")
    first = catalog.chain("Arab")[0]
    assert first.family == "Noto Sans Arabic"
    assert all(first.covers(ch) for ch in "ڕڵۆێەۓےڈٹڑںھ۔")
    assert first.glyph_ids.get(0xFEFB)  # lam-alef is one glyph: it extracts as one ligature


def test_sorani_is_set_in_naskh():
    catalog = load_catalog(ROOT / "fonts" / "catalog.toml")
    families = [f.family for f in catalog.chain("Arab", lang="ckb")]
    assert families[:2] == ["Noto Naskh Arabic", "Noto Sans Arabic"]


def test_italic_falls_back_to_the_documented_substitute():
    catalog = load_catalog(ROOT / "fonts" / "catalog.toml")
    assert catalog.families["Noto Sans Arabic"].file_for("italic") == ("NotoSansArabic-Bold.ttf", "bold")
    assert catalog.families["Noto Sans"].file_for("italic") == ("NotoSans-Italic.ttf", "italic")
    assert catalog.chain("Hebr", "italic")[0].bold


# -- chains, user fonts, errors ---------------------------------------------------------------------


def test_chains_skip_missing_families_and_put_language_choices_first(user_fonts: Path):
    catalog = load_catalog(user_fonts / "catalog.toml")
    assert catalog.family_names("Grek") == ["Not Installed", "Noto Sans"]
    assert [f.family for f in catalog.chain("Grek")] == ["Noto Sans"]
    assert catalog.family_names("Latn", "kmr")[0] == "Noto Sans"
    assert "fonts-not-there" in catalog.suggestion("Grek")


def test_a_user_font_in_the_catalog_folder_wins_over_the_system(user_fonts: Path):
    (user_fonts / "NotoSans-Regular.ttf").write_bytes((user_fonts / "TestVF.ttf").read_bytes())
    catalog = load_catalog(user_fonts / "catalog.toml")
    assert catalog.locate("NotoSans-Regular.ttf") == user_fonts / "NotoSans-Regular.ttf"


def test_an_unknown_family_in_a_chain_is_an_input_error(tmp_path: Path):
    path = tmp_path / "catalog.toml"
    path.write_text('[families."A"]\nregular = "a.ttf"\n[scripts]\nLatn = ["B"]\ndefault = ["A"]\n')
    with pytest.raises(InputError) as caught:
        load_catalog(path)
    assert caught.value.field == "scripts.Latn[1]"


def test_a_family_without_a_regular_file_is_an_input_error(tmp_path: Path):
    path = tmp_path / "catalog.toml"
    path.write_text('[families."A"]\nbold = "a.ttf"\n[scripts]\ndefault = ["A"]\n')
    with pytest.raises(InputError, match="missing required key"):
        load_catalog(path)


def test_a_cff_outline_font_opens(tmp_path: Path):
    otf = next(Path("/usr/share/fonts").rglob("*.otf"), None)
    if otf is None:
        pytest.skip("no .otf font installed")
    face = open_face(otf)
    assert face.coverage and face.glyph_box(face.glyph_ids[min(face.coverage)]) is not None


def test_a_font_without_outlines_is_refused_with_a_hint(tmp_path: Path):
    source = NOTO / "NotoSans-Regular.ttf"
    if not source.is_file():
        pytest.skip("fonts-noto-core not installed")
    font = TTFont(source)
    del font["glyf"], font["loca"]
    font.save(tmp_path / "NoOutlines.ttf")
    with pytest.raises(HandbillError) as caught:
        open_face(tmp_path / "NoOutlines.ttf")
    assert "TrueType (glyf) and CFF outlines" in str(caught.value)


def test_a_broken_font_file_names_the_file(tmp_path: Path):
    broken = tmp_path / "Broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00not a font")
    with pytest.raises(HandbillError) as caught:
        open_face(broken)
    assert caught.value.file == broken


def test_a_font_cut_off_in_its_last_tables_is_refused(tmp_path: Path):
    source = NOTO / "NotoSansArabic-Regular.ttf"
    if not source.is_file():
        pytest.skip("fonts-noto-core not installed")
    data = source.read_bytes()
    cut = tmp_path / "Cut.ttf"
    cut.write_bytes(data[:-4000])  # loses the end of a layout table, not the tables read on opening
    with pytest.raises(HandbillError) as caught:
        open_face(cut)
    assert "not a usable font file" in str(caught.value) and caught.value.file == cut


def test_the_suggestion_names_an_installed_font_that_has_the_character():
    catalog = load_catalog(ROOT / "fonts" / "catalog.toml")
    hint = catalog.suggestion("Thaa", "\u0780")
    assert "NotoSansThaana-Regular.ttf" in hint
    assert "Thaana" in hint and "'Thaa'" in hint
    none = catalog.suggestion("Zyyy", "\U000f0000")  # a private-use plane: no font anywhere
    assert "no installed font covers" in none


# -- variable fonts ---------------------------------------------------------------------------------


def test_styles_pin_every_axis():
    axes = {"wght": (100.0, 400.0, 900.0), "wdth": (75.0, 100.0, 100.0), "ital": (0.0, 0.0, 1.0)}
    assert axes_for_style("regular", axes) == {"ital": 0.0, "wdth": 100.0, "wght": 400.0}
    assert axes_for_style("bold_italic", axes) == {"ital": 1.0, "wdth": 100.0, "wght": 700.0}
    clamped = axes_for_style("bold", axes, {"wght": 1000, "wdth": 80})
    assert clamped == {"ital": 0.0, "wdth": 80, "wght": 900.0}
    with pytest.raises(ValueError, match="no axis opsz"):
        axes_for_style("regular", axes, {"opsz": 12})


def test_a_variable_font_is_instanced_for_each_style(user_fonts: Path):
    catalog = load_catalog(user_fonts / "catalog.toml")
    regular, bold = catalog.face("Test VF", "regular"), catalog.face("Test VF", "bold")
    assert open_face(user_fonts / "TestVF.ttf").axes == {"wght": (100.0, 400.0, 900.0)}
    assert regular.axes == {} and bold.axes == {}  # static instances
    assert advance_of_a(regular) == 600
    assert advance_of_a(bold) == 600 + WIDE
    assert "wght=900" in bold.style
    assert "fvar" not in TTFont(io.BytesIO(bold.data))


def test_the_weight_asked_sets_the_instance(user_fonts: Path):
    (user_fonts / "catalog.toml").write_text(CATALOG.format(bold=650), encoding="utf-8")
    bold = load_catalog(user_fonts / "catalog.toml").face("Test VF", "bold")
    assert advance_of_a(bold) == 600 + WIDE // 2


def test_instances_are_cached_on_disk_by_digest_and_axes(user_fonts: Path, monkeypatch: pytest.MonkeyPatch):
    bold = load_catalog(user_fonts / "catalog.toml").face("Test VF", "bold")
    data = (user_fonts / "TestVF.ttf").read_bytes()
    cached = user_fonts.parent / "cache" / "instances" / instance_name(data, {"wght": 900.0})
    assert decode_entry("instances", cached.name, cached.read_bytes()) == bold.data
    monkeypatch.setattr(catalog_module, "_INSTANCES", {})  # a new process: only the disk cache is left
    monkeypatch.setattr(instance_module, "make_instance", lambda *_: pytest.fail("instanced again"))
    again = load_catalog(user_fonts / "catalog.toml").face("Test VF", "bold")
    assert again.data == bold.data


def test_a_corrupt_cache_file_is_made_again(tmp_path: Path):
    data = write_variable_font(tmp_path / "TestVF.ttf").read_bytes()
    axes = {"wght": 900.0}
    (tmp_path / instance_name(data, axes)).write_bytes(b"half a font")
    made = instance_bytes(data, axes, tmp_path)
    assert made == instance_bytes(data, axes, None)  # deterministic, and the cache was rewritten
    name = instance_name(data, axes)
    assert decode_entry("instances", name, (tmp_path / name).read_bytes()) == made


def test_an_instance_entry_holding_a_pickle_is_made_again(tmp_path: Path):
    data = write_variable_font(tmp_path / "TestVF.ttf").read_bytes()
    axes = {"wght": 700.0}
    made = instance_bytes(data, axes, None)
    marker = tmp_path / "marker"
    name = instance_name(data, axes)
    (tmp_path / name).write_bytes(pickle.dumps(_Marker(str(marker))))
    assert instance_bytes(data, axes, tmp_path) == made
    assert not marker.exists()
    assert decode_entry("instances", name, (tmp_path / name).read_bytes()) == made


class _Marker:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (Path(self.path).write_text, ("code ran",))


def test_an_unwritable_cache_is_skipped(tmp_path: Path):
    data = write_variable_font(tmp_path / "TestVF.ttf").read_bytes()
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    assert instance_bytes(data, {"wght": 700.0}, blocker / "instances")


def test_shaping_and_embedding_use_the_same_instance_bytes(user_fonts: Path):
    bold = load_catalog(user_fonts / "catalog.toml").face("Test VF", "bold")
    (glyph,) = shape("A", 0, 1, bold, False, "Latn", "en")
    assert glyph.x_advance == 600 + WIDE  # HarfBuzz read the instance
    embedded = TTFont(io.BytesIO(subset_font(bold, [0, glyph.gid])))
    assert embedded["hmtx"][embedded.getGlyphOrder()[glyph.gid]][0] == 600 + WIDE


def test_an_axis_the_font_lacks_is_an_input_error(user_fonts: Path):
    text = CATALOG.format(bold=700).replace("axes = { wght = 700 }", "axes = { wdth = 80 }")
    (user_fonts / "catalog.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalog(user_fonts / "catalog.toml").face("Test VF", "bold")
    assert caught.value.field == 'families."Test VF".bold.axes'


def test_system_fonts_are_found(user_fonts: Path):
    if not (NOTO / "NotoSans-Regular.ttf").is_file():
        pytest.skip("fonts-noto-core not installed")
    catalog = load_catalog(user_fonts / "catalog.toml")
    assert catalog.face("Noto Sans").path == NOTO / "NotoSans-Regular.ttf"
