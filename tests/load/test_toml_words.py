"""The TOML parser's common errors in plain words, on the line where the mistake is (load/toml_words.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbill.errors import InputError
from handbill.load.toml import read_toml

GOOD = 'title = "T"\ndate = 2026-12-10\nlang = "en"\nlayouts = ["a4-flyer"]\n'

CASES = [
    # (what the volunteer wrote in place of line 1, line reported, words of the message, words of the hint)
    ('title = "Unclosed', 1, "the text that starts at column 9 has no closing quote", 'end the text with "'),
    ('title "no equals"', 1, "no '=' after 'title'", 'title = "..."'),
    ('title = "A"\ntitle = "B"', 2, "'title' is given twice in one table (first on line 1)", "keep one"),
    ("title = Hello", 1, "the value of 'title' (Hello) is not text, a number, a date or true/false",
     'title = "Hello"'),
    ("title = ", 1, "'title' has no value after '='", "write the value"),
    ('organisation = "A",', 1, "something follows the value of 'organisation' on this line", "one key = value"),
    ('layouts = ["a4-flyer", "a3-poster"', 1, "the list opened on this line has no closing ]", "end it with ]"),
    ('layouts = [\n  "a4-flyer",\n  "a3-poster"', 1, "the list opened on this line has no closing ]", "end it with ]"),
    ("x = {a = 1", 1, "the table opened on this line has no closing }", "on the same line"),
    ('[translations.fa]\ntitle = "x"\n[translations.fa]', 3, "[translations.fa] is declared twice (first on line 1)",
     "under one [translations.fa] line"),
    ('[translations.fa\ntitle = "x"', 1, "the table name on this line has no closing ]", "[name]"),
    ('note = """never closed', 1, "the text that starts at column 8 has no closing quote", '"""'),
    ('title\u00a0= "Word paste"', 1, "an invisible character, U+00A0 (a no-break space), stands after 'title' "
     "where TOML expects '='", 'type it again (it is not an ordinary space): title = "..."'),
    ('title \u200b= "Zero width"', 1, "an invisible character, U+200B (a zero-width space), stands after 'title' "
     "where TOML expects '='", "type it again"),
]


@pytest.mark.parametrize(("first", "line", "words", "hint"), CASES, ids=[c[2][:40] for c in CASES])
def test_a_common_mistake_is_said_in_words_on_its_line(tmp_path: Path, first: str, line: int, words: str,
                                                       hint: str) -> None:
    path = tmp_path / "leaflet.toml"
    path.write_text(first + "\n" + GOOD.split("\n", 1)[1], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_toml(path)
    assert (caught.value.line, caught.value.message) == (line, f"invalid TOML: {words}")
    assert hint in (caught.value.hint or "")
    assert ", column" not in str(caught.value)  # no parser column numbers left


def test_a_valid_date_on_the_line_after_an_open_list_is_not_blamed(tmp_path: Path) -> None:
    path = tmp_path / "leaflet.toml"
    path.write_text('layouts = ["a4-flyer"\ndate = 2026-12-10\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_toml(path)
    assert "date" not in caught.value.message and caught.value.line == 1


def test_a_signatory_without_a_name_gets_its_line_and_what_to_write(tmp_path: Path) -> None:
    from conftest import MINIMAL_TOML, write_leaflet
    from handbill.load import load_leaflet

    toml = MINIMAL_TOML + '\n[[signatories]]\nname = "A"\n\n[[signatories]]\ncountry = "Germany"\n'
    with pytest.raises(InputError) as caught:
        load_leaflet(write_leaflet(tmp_path / "l", toml, {"en": "# Hi\n\nText.\n"}))
    error = caught.value
    assert error.field == "signatories[2].name" and error.message == "missing required key"
    assert toml.splitlines()[error.line - 1] in ("[[signatories]]", 'country = "Germany"')  # the 2nd entry's
    assert error.line > toml.splitlines().index('name = "A"') + 1
    assert error.hint == 'add name = "..." below this [[signatories]] line, or delete the entry'
