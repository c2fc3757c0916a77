"""Where a key path lies in a TOML file (tomlpos): lines for messages, entries counted from 1."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from handbill.cli import main
from handbill.tomlpos import describe, entry, line_in, ordinal

LEAFLET = '''title = "T"   # a comment with [[slogans]] in it
date = 2026-12-10
lang = "en"
layouts = [
  "a4-flyer",
  "a3-poster",
]
note = """
[[slogans]]
lang = "not a header: inside a string"
"""

[translations.fa]
title = "ت"

[[slogans]]
lang = "en"
text = "One"

[[slogans]]
text = "Two"
lang = "farsi"

[[signatories]]
name = "A"
'''


def test_the_line_of_a_key_in_the_nth_entry() -> None:
    assert line_in(LEAFLET, "slogans[2].lang") == 22
    assert line_in(LEAFLET, "slogans[1].text") == 18
    assert line_in(LEAFLET, "signatories[1].name") == 25


def test_a_missing_key_is_placed_at_its_entry_and_a_top_key_at_its_line() -> None:
    assert line_in(LEAFLET, "signatories[1].country") == 24  # the [[signatories]] line
    assert line_in(LEAFLET, "slogans[1]") == 16
    assert line_in(LEAFLET, "date") == 2
    assert line_in(LEAFLET, "layouts[2]") == 4  # a plain array: where it starts
    assert line_in(LEAFLET, "translations.fa.title") == 14


def test_a_key_of_a_table_that_is_not_there_has_no_line() -> None:
    """A volunteer's warnings about untranslated Tigrinya lines pointed at [translations.fa] (tester 5)."""
    assert line_in(LEAFLET, "translations.ti.title") is None
    assert line_in(LEAFLET, "translations.fa.organisation") == 13  # a missing key: at its own table


def test_strings_comments_and_patterns_are_not_positions() -> None:
    assert line_in(LEAFLET, "slogans[3].lang") is None  # a header inside a multi-line string is no entry
    assert line_in(LEAFLET, "url") is None
    assert line_in(LEAFLET, "translations.<lang>.title") is None


def test_nested_arrays_count_within_their_parent() -> None:
    layout = "[[pages]]\n[[pages.frames]]\nat = 1\n[[pages]]\n[[pages.frames]]\nat = 2\n[[pages.frames]]\nat = 3\n"
    assert line_in(layout, "pages[2].frames[2].at") == 8
    assert line_in(layout, "pages[2].frames[1].at") == 6
    assert line_in(layout, "pages[1].frames[1]") == 2
    assert describe("pages[2].frames[1].at") == "pages[2].frames[1].at (the 1st [[pages.frames]] of the 2nd [[pages]])"


def test_names_count_as_a_reader_counts() -> None:
    assert entry("slogans", 0) == "slogans[1]"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]
    assert describe("slogans[2].lang") == "slogans[2].lang (the 2nd [[slogans]])"
    assert describe("layouts[2]") == "layouts[2]" and describe("title") == "title"
    assert describe("slogans[1].text, slogans[2].text") == "slogans[1].text, slogans[2].text"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["slogans", "signatories"]), st.booleans(), st.integers(0, 3)),
                min_size=1, max_size=8))
def test_every_key_of_a_generated_file_is_found_on_its_own_line(entries: list[tuple[str, bool, int]]) -> None:
    """Arrays of tables interleaved, keys in any order, blank and comment lines between: each key's line."""
    lines = ['title = "x"']
    expected: dict[str, int] = {}
    seen: dict[str, int] = {}
    for name, text_first, blanks in entries:
        seen[name] = seen.get(name, 0) + 1
        lines += ["", "# [[slogans]] in a comment"] * blanks + [f"[[{name}]]"]
        for key in (("text", "lang") if text_first else ("lang", "text")):
            lines.append(f'{key} = "v = [[x]]"')
            expected[f"{name}[{seen[name]}].{key}"] = len(lines)
    text = "\n".join(lines) + "\n"
    tomllib.loads(text)  # the generated file is valid TOML
    for path, line in expected.items():
        assert line_in(text, path) == line, (path, text)


def test_check_json_gives_the_line_and_the_entry_counted_from_one(tmp_path: Path, capsys) -> None:
    import json

    folder = tmp_path / "rally"
    assert main(["new", str(folder)]) == 0
    toml = folder / "leaflet.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[[slogans]]\nlang = "farsi"\ntext = "x"\n',
                    encoding="utf-8")
    capsys.readouterr()
    main(["check", str(folder), "--json"])
    finding = json.loads(capsys.readouterr().out)["findings"][0]
    line = toml.read_text(encoding="utf-8").splitlines().index('lang = "farsi"') + 1
    assert (finding["field"], finding["line"]) == ("slogans[2].lang", line)
    main(["check", str(folder)])
    assert f"leaflet.toml:{line}: slogans[2].lang (the 2nd [[slogans]]): not a language code" in capsys.readouterr().out


def test_a_key_below_signatories_is_said_in_plain_words(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "rally"
    assert main(["new", str(folder)]) == 0
    toml = folder / "leaflet.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'url = "https://example.org"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "written below a [[signatories]] line, TOML reads it as part of that signatory" in out, out
