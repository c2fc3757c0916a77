"""The documented caps (docs/limits.md) stop runaway input at load time with a message, quickly.

Each test builds an input just over a cap and checks the message names the file, the key or line, and
the cap; and that the same input just under the cap loads (so the cap is where the document says).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_TOML, write_leaflet
from handbill.errors import InputError
from handbill.load import load_layout, load_leaflet
from handbill.load.layout import MAX_FRAMES, MAX_PAGES
from handbill.load.leaflet import (
    MAX_FIELD_CHARS,
    MAX_LAYOUTS,
    MAX_SIGNATORIES,
    MAX_SLOGANS,
    MAX_STATEMENTS,
    MAX_URL_CHARS,
)
from handbill.load.markdown import MAX_BLOCK_CHARS, MAX_BLOCKS, MAX_STATEMENT_BYTES
from handbill.load.toml import MAX_TOML_BYTES

STATEMENT = {"en": "# Hi\n\nText.\n"}


def load_error(folder: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load_leaflet(folder)
    return caught.value


def test_slogan_text_length(tmp_path: Path) -> None:
    limit = MAX_FIELD_CHARS["text"]
    ok = write_leaflet(tmp_path / "ok", MINIMAL_TOML.replace("Bread and roses", "x" * limit), STATEMENT)
    assert len(load_leaflet(ok).slogans[0].text) == limit
    bad = write_leaflet(tmp_path / "bad", MINIMAL_TOML.replace("Bread and roses", "x" * (limit + 1)), STATEMENT)
    error = load_error(bad)
    assert error.field == "slogans[1].text"
    assert f"is {limit + 1:,} characters long; at most {limit:,}" in error.message


@pytest.mark.parametrize(("table", "cap"), [("slogans", MAX_SLOGANS), ("signatories", MAX_SIGNATORIES)])
def test_number_of_slogans_and_signatories(tmp_path: Path, table: str, cap: int) -> None:
    def entries(n: int) -> str:
        if table == "slogans":  # one language each: private-use codes qaa..qtz give 520 distinct ones
            codes = [f"q{a}{b}" for a in "abcdefghijklmnopqrst" for b in "abcdefghijklmnopqrstuvwxyz"]
            return "".join(f'[[slogans]]\nlang = "{codes[i]}"\ntext = "s{i}"\n' for i in range(n))
        return "".join(f'[[signatories]]\nname = "n{i}"\n' for i in range(n))

    base = MINIMAL_TOML.split("[[slogans]]")[0]
    ok = write_leaflet(tmp_path / "ok", base + entries(cap), STATEMENT)
    assert len(getattr(load_leaflet(ok), table)) == cap
    error = load_error(write_leaflet(tmp_path / "bad", base + entries(cap + 1), STATEMENT))
    assert error.field == table and f"at most {cap} are supported" in error.message


def test_number_of_layouts_and_repeats(tmp_path: Path) -> None:
    names = ", ".join(f'"l{i}"' for i in range(MAX_LAYOUTS + 1))
    error = load_error(write_leaflet(tmp_path / "many", MINIMAL_TOML.replace('"a4-flyer"', names), STATEMENT))
    assert error.field == "layouts" and f"at most {MAX_LAYOUTS} are supported" in error.message
    twice = MINIMAL_TOML.replace('["a4-flyer"]', '["a4-flyer", "a3-poster", "a4-flyer"]')
    error = load_error(write_leaflet(tmp_path / "twice", twice, STATEMENT))
    assert error.field == "layouts[3]" and "'a4-flyer' is listed twice" in error.message


def test_url_length(tmp_path: Path) -> None:
    """A QR code holds at most a few thousand characters (segno raises beyond); a leaflet's is short."""
    url = "https://example.org/" + "a" * MAX_URL_CHARS
    folder = write_leaflet(tmp_path / "url", f'url = "{url}"\n' + MINIMAL_TOML, STATEMENT)
    error = load_error(folder)
    assert error.field == "url" and f"at most {MAX_URL_CHARS:,} fit a QR code" in error.message
    layout = tmp_path / "qr.toml"
    layout.write_text(layout_text(1, 1) + f'[[pages.frames]]\nblock = "qr"\nat = [10, 80, 50, 50]\nurl = "{url}"\n',
                      encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_layout(layout)
    assert caught.value.field == "pages[1].frames[2].url"


def test_statement_file_size(tmp_path: Path) -> None:
    folder = write_leaflet(tmp_path / "big", MINIMAL_TOML, {"en": "# Hi\n\n" + ("word " * 20 + "\n\n") * 2100})
    assert (folder / "statement.en.md").stat().st_size > MAX_STATEMENT_BYTES
    error = load_error(folder)
    assert error.file == folder / "statement.en.md"
    assert f"at most {MAX_STATEMENT_BYTES:,} are supported" in error.message


def test_paragraph_length_names_its_line(tmp_path: Path) -> None:
    words = "word " * (MAX_BLOCK_CHARS // 5 + 1)
    folder = write_leaflet(tmp_path / "long", MINIMAL_TOML, {"en": f"# Hi\n\nShort one.\n\n{words}\n"})
    error = load_error(folder)
    assert error.line == 5
    assert f"at most {MAX_BLOCK_CHARS:,} are supported" in error.message
    assert "empty line" in (error.hint or "")


def test_number_of_paragraphs(tmp_path: Path) -> None:
    folder = write_leaflet(tmp_path / "many", MINIMAL_TOML, {"en": "# Hi\n\n" + "- x\n" * MAX_BLOCKS})
    error = load_error(folder)
    assert f"more than {MAX_BLOCKS:,} paragraphs" in error.message


def test_number_of_statement_languages(tmp_path: Path) -> None:
    codes = [f"q{a}{b}" for a in "abcdefgh" for b in "abcdefghijklmnopqrstuvwxyz"][:MAX_STATEMENTS + 1]
    folder = write_leaflet(tmp_path / "babel", MINIMAL_TOML, {code: "# Hi\n\nText.\n" for code in codes})
    error = load_error(folder)
    assert f"at most {MAX_STATEMENTS} languages" in error.message


def test_toml_file_size(tmp_path: Path) -> None:
    padding = "# " + "x" * 98 + "\n"
    folder = write_leaflet(tmp_path / "huge", MINIMAL_TOML + padding * (MAX_TOML_BYTES // 100 + 1), STATEMENT)
    error = load_error(folder)
    assert error.file == folder / "leaflet.toml"
    assert f"at most {MAX_TOML_BYTES:,} are supported" in error.message


def test_deeply_nested_toml_is_a_message_not_a_recursion_error(tmp_path: Path) -> None:
    folder = write_leaflet(tmp_path / "deep", MINIMAL_TOML + "junk = " + "[" * 5000 + "]" * 5000 + "\n", STATEMENT)
    assert "nested too deeply" in load_error(folder).message


def layout_text(pages: int, frames: int, at: str = "[10, 10, 50, 50]") -> str:
    frame = f'[[pages.frames]]\nblock = "headline"\nat = {at}\n'
    return '[styles.headline]\nsize = 20\n' + ("[[pages]]\n" + frame * frames) * pages


@pytest.mark.parametrize(("pages", "frames", "field", "message"), [
    (MAX_PAGES + 1, 1, "pages", f"at most {MAX_PAGES} are supported"),
    (1, MAX_FRAMES + 1, "pages[1].frames", f"at most {MAX_FRAMES} are supported"),
])
def test_layout_pages_and_frames(tmp_path: Path, pages: int, frames: int, field: str, message: str) -> None:
    path = tmp_path / "big.toml"
    path.write_text(layout_text(pages, frames), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_layout(path)
    assert caught.value.field == field and message in caught.value.message


@pytest.mark.parametrize("at", ["[nan, 10, 50, 50]", "[10, 10, inf, 50]", "[10, 10, 1e308, 1e308]",
                                "[10, 10, -inf, 50]"])
def test_frame_coordinates_must_be_finite_and_sane(tmp_path: Path, at: str) -> None:
    """TOML allows nan and inf; a NaN frame passes every comparison and would write 'nan' into the PDF."""
    path = tmp_path / "odd.toml"
    path.write_text(layout_text(1, 1, at).replace('block = "headline"', 'block = "rect"\nfill = "black"'),
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_layout(path)
    assert caught.value.field.startswith("pages[1].frames[1].at")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_style_numbers_must_be_finite(tmp_path: Path, value: str) -> None:
    path = tmp_path / "odd.toml"
    path.write_text(layout_text(1, 1).replace("size = 20", f"size = {value}"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_layout(path)
    assert caught.value.field == "styles.headline.size"


def test_columns_must_leave_room_for_text(tmp_path: Path) -> None:
    """Eight columns with 100 mm gutters in a 20 mm frame would give columns of negative width."""
    path = tmp_path / "narrow.toml"
    path.write_text(layout_text(1, 1, "[0, 0, 20, 20]").replace('at = [0, 0, 20, 20]\n',
                                                               'at = [0, 0, 20, 20]\ncolumns = 8\ngutter = 100\n'),
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_layout(path)
    assert caught.value.field == "pages[1].frames[1].columns"
    assert "leave -85.0 mm per column" in caught.value.message
