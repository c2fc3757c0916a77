"""Tests for handbill.text.breaker: opportunities and hyphenation points found once per paragraph."""

from __future__ import annotations

import itertools

import pytest

from handbill.text import breaker
from handbill.text.paragraph import ParagraphSpec, Span, TextStyle, Typesetter


def spec(text: str, lang: str = "en", align: str = "justify") -> ParagraphSpec:
    return ParagraphSpec((Span(text),), lang, TextStyle(size=10.0, hyphenate=True), align)


def test_break_opportunities_are_found_once_per_paragraph(setter: Typesetter, monkeypatch: pytest.MonkeyPatch):
    """Every width and every line reuse the paragraph's opportunities (issue 18: never per line)."""
    calls = []
    original = breaker.break_points
    monkeypatch.setattr(breaker, "break_points", lambda text, lang: calls.append(len(text)) or original(text, lang))
    paragraph = spec("Solidarity across borders is organised by working people. " * 40)
    for width in (120, 200, 300):
        assert len(setter.typeset(paragraph, width).lines) > 5
    assert len(calls) == 1


def test_a_long_word_is_hyphenated_from_one_lookup(setter: Typesetter, monkeypatch: pytest.MonkeyPatch):
    """A word spanning many lines: its hyphenation points come from one dictionary lookup of the whole
    word, not one per line (that was quadratic)."""
    calls = []
    original = breaker.hyphenation_points
    monkeypatch.setattr(breaker, "hyphenation_points",
                        lambda word, lang: calls.append(word) or original(word, lang))
    word = "internationalisation" * 60
    lines = setter.typeset(spec(word), 150).lines
    assert len(lines) > 10
    assert calls == [word]
    assert lines[0].start == 0 and lines[-1].end == len(word)
    assert all(a.end == b.start for a, b in itertools.pairwise(lines))


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_run_without_spaces_breaks_between_units_and_keeps_every_character(setter: Typesetter, lang: str):
    text = "x" * 3000 if lang == "en" else "ก" * 3000
    if not any(face.covers(text[0]) for face in setter.catalog.chain("Thai" if lang == "th" else "Latn")):
        pytest.skip("no Thai font")
    para = setter.typeset(ParagraphSpec((Span(text),), lang, TextStyle(size=10.0), "start"), 200)
    assert para.lines[0].start == 0 and para.lines[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(para.lines, para.lines[1:], strict=False))
