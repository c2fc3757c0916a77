"""The too-long message's estimate of how much to cut (compose/overflow.py)."""

from __future__ import annotations

from pathlib import Path

from handbill.compose.content import Para
from handbill.compose.fit import Box
from handbill.compose.overflow import overflow_error
from handbill.load.layout import load_layout
from handbill.model import MM, Inline
from handbill.shipped import shipped_folder


def _error_for(words: int, room_mm: float, left_mm: float) -> str:
    folder = shipped_folder("layouts")
    assert folder is not None
    layout = load_layout(folder / "a3-poster.toml")
    frame = layout.pages[0].frames[0]
    paras = [Para((Inline("word " * (words // 4 - 1) + "end"),), "en", "band", f"slogans[{i}]") for i in range(4)]
    box = Box(0, 0, 0, 100 * MM, room_mm * MM, False, frame)
    error = overflow_error(layout, "band", "en", Path("leaflet"), paras, [box], "pages[0].frames[3]",
                           left_mm * MM, 7.0)
    return f"{error}"


def test_text_twice_its_room_is_asked_to_lose_half_its_words() -> None:
    # 110 mm left over after filling 100 mm: the text needs 210 mm, so about 52 % of it must go, not all of it
    message = _error_for(words=400, room_mm=100, left_mm=110)
    assert "110 % too long" in message
    assert "the slogan band (4 slogans) does not fit" in message  # the band, not "the 'en' slogans"
    assert "shorten the slogans by at least about 210 words (of 400) in all" in message


def test_a_slightly_long_text_is_asked_to_lose_a_few_words() -> None:
    message = _error_for(words=400, room_mm=100, left_mm=10)
    assert "shorten the slogans by at least about 37 words (of 400) in all" in message
