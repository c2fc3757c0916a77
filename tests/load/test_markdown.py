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


@pytest.mark.parametrize(("text", "line", "message"), [
    ("# Headline\n\n#\n\nText.\n", 3, "empty heading"),
    ("# Headline\n\n### Third level\n", 3, "unsupported heading"),
    ("# One\n\n# Two\n\nText.\n", 3, "more than one '# ' headline"),
])
def test_heading_mistakes_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_statement(text, "en", PATH)
    assert caught.value.line == line and message in caught.value.message
