"""Edge cases of the statement's markdown subset that volunteers meet: hashtags, empty headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbill.errors import InputError
from handbill.load.markdown import parse_statement

PATH = Path("statement.en.md")


def test_a_hashtag_at_the_start_of_a_line_is_text() -> None:
    """As in CommonMark, '#' needs a space after it to start a heading: '#NoWar' is a paragraph."""
    statement = parse_statement("# Headline\n\n#NoWar #StopTheWar\n", "en", PATH)
    assert [(b.kind, b.text) for b in statement.blocks] == [("headline", "Headline"),
                                                            ("paragraph", "#NoWar #StopTheWar")]


def test_a_heading_after_a_paragraph_is_a_subheading_and_only_those_before_are_leads() -> None:
    """The UDHR as published: '## Preamble' before the text is a lead line; '## Article 1' between
    paragraphs is a section heading, kept in its place in the statement."""
    text = "# Declaration\n\n## Preamble\n\n## Whereas\n\nFirst.\n\n## Article 1\n\nAll are born free.\n\n" \
           "## Article 2\n\n- everyone\n"
    statement = parse_statement(text, "en", PATH)
    assert [(b.kind, b.text, b.line) for b in statement.blocks] == [
        ("headline", "Declaration", 1), ("lead", "Preamble", 3), ("lead", "Whereas", 5), ("paragraph", "First.", 7),
        ("subheading", "Article 1", 9), ("paragraph", "All are born free.", 11), ("subheading", "Article 2", 13),
        ("list_item", "everyone", 15)]
    assert [b.text for b in statement.leads] == ["Preamble", "Whereas"]
    assert [b.kind for b in statement.body][:2] == ["paragraph", "subheading"]


@pytest.mark.parametrize(("text", "line", "message"), [
    ("# Headline\n\n#\n\nText.\n", 3, "empty heading"),
    ("# Headline\n\n### Third level\n", 3, "unsupported heading"),
    ("# One\n\n# Two\n\nText.\n", 3, "more than one '# ' headline"),
])
def test_heading_mistakes_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_statement(text, "en", PATH)
    assert caught.value.line == line and message in caught.value.message


MARKUP_CASES = [
    # (statement text, line of the warning, words of the warning, the block texts as printed)
    ("#Headline\n", 1, "no space", ["#Headline"]),
    ("An **unclosed star.\n", 1, "never closed", ["An unclosed star."]),
    ("A \\*literal\\* star.\n", None, "", ["A *literal* star."]),
    ("Both ***at once***.\n", None, "", ["Both at once."]),
    ("1. first\n2. second\n", None, "", ["first", "second"]),
    ("See [our site](https://example.org).\n", 1, "link", ["See our site."]),
    ("- item\ncontinued on a second line\n", None, "", ["item continued on a second line"]),
    ("Text\n\n    indented four spaces\n", 3, "code block", ["Text", "indented four spaces"]),
    ("Some `code` here.\n", 1, "code", ["Some code here."]),
    ("A <b>bold</b> tag.\n", 1, "HTML", ["A bold tag."]),
    ("Text\n\n---\n\nMore\n", 3, "horizontal rule", ["Text", "More"]),
    ("<!-- a note to ourselves -->\n\nText\n", None, "", ["Text"]),
    ("Text\n\n| col | col |\n|-----|-----|\n| a   | **b** |\n", 3, "a table is not shown as a table",
     ["Text", "col, col", "a, b"]),
    ("A | B is not a table without its |---| line.\n", None, "", ["A | B is not a table without its |---| line."]),
]


@pytest.mark.parametrize(("text", "line", "words", "printed"), MARKUP_CASES)
def test_what_a_leaflet_cannot_show_is_a_warning_never_markup(text: str, line: int | None, words: str,
                                                              printed: list[str]) -> None:
    statement = parse_statement("# H\n\n" + text, "en", PATH)
    body = [b.text for b in statement.blocks if b.kind != "headline"]
    assert body == printed
    if line is None:
        assert statement.warnings == ()
    else:
        assert [(w.line, words in w.message) for w in statement.warnings] == [(line + 2, True)]
        assert all(w.file == PATH and w.hint for w in statement.warnings)


def test_emphasis_and_lists_map_to_blocks() -> None:
    statement = parse_statement("# H\n\nA *b* **c** ***d***\n\n3. x\n4. y\n\n- z\n\n> q\n", "en", PATH)
    paragraph = statement.blocks[1]
    assert [(i.text, i.bold, i.italic) for i in paragraph.inlines] == [
        ("A ", False, False), ("b", False, True), (" ", False, False), ("c", True, False), (" ", False, False),
        ("d", True, True)]
    assert [(b.kind, b.label, b.text, b.line) for b in statement.blocks[2:]] == [
        ("list_item", "3.", "x", 5), ("list_item", "4.", "y", 6), ("list_item", "•", "z", 8), ("quote", "", "q", 10)]


def test_a_second_paragraph_of_a_list_item_has_no_label() -> None:
    statement = parse_statement("- first\n\n  more of it\n- next\n", "en", PATH)
    assert [(b.label, b.text) for b in statement.blocks] == [("•", "first"), ("", "more of it"), ("•", "next")]


def test_bullets_pasted_from_a_word_processor_are_list_items() -> None:
    """Word writes '•' and a tab for a bulleted line: each is an item, not one run-on paragraph."""
    text = "# Offer\r\n\r\nWe offer:\r\n\u2022\tFree legal advice\r\n\u2022\tGerman lessons\r\n\r\nCome.\r\n"
    statement = parse_statement(text, "en", PATH)
    assert [(b.kind, b.text, b.line, b.label) for b in statement.blocks] == [
        ("headline", "Offer", 1, ""), ("paragraph", "We offer:", 3, ""), ("list_item", "Free legal advice", 4, "•"),
        ("list_item", "German lessons", 5, "•"), ("paragraph", "Come.", 7, "")]


def test_a_bullet_inside_a_line_stays_text() -> None:
    statement = parse_statement("Bread \u2022 roses \u2022 peace.\n", "en", PATH)
    assert [(b.kind, b.text) for b in statement.blocks] == [("paragraph", "Bread • roses • peace.")]
