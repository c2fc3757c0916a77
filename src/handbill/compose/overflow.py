"""The message for text that does not fit its frame, in the terms of whoever can fix it.

When the layout is one shipped with handbill, the user did not write it and cannot sensibly change it:
the message names the user's own text (``leaflet.toml: slogans[2].text`` or ``statement.tr.md``) and
roughly how much to cut, with the layout only as context. A layout from the user's own folders keeps
the layout author's message (file and frames), since changing the layout is then a real option.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from handbill.compose.content import Para
from handbill.compose.fit import Box
from handbill.errors import TextOverflowError
from handbill.model import MM, Layout
from handbill.shipped import shipped_folder

LEAFLET_FILE = "leaflet.toml"


def is_shipped(layout: Layout) -> bool:
    """Whether the layout file is one of those shipped with handbill (not from the user's folders)."""
    shipped = shipped_folder("layouts")
    if shipped is None:
        return False
    return Path(layout.path).resolve().parent == shipped.resolve()


def overflow_error(layout: Layout, block: str, lang: str, folder: Path, paras: Sequence[Para],
                   boxes: Sequence[Box], frames: str, left: float, smallest: float) -> TextOverflowError:
    """The error for ``left`` points of the ``block`` text that do not fit ``boxes``."""
    detail = f"{left / MM:.1f} mm of text left over at the smallest allowed size ({smallest:.1f} pt)"
    if not is_shipped(layout):
        return TextOverflowError(
            f"the {block} block does not fit: {detail}", file=layout.path, field=frames,
            hint="shorten the text, or give the block more room or a smaller min_size in the layout")
    room = sum(b.height for b in boxes)
    # the part of the text to cut, as a floor: the text needs room + left, so left / (room + left) of it
    # must go (a band of 46 slogans 111 % too long was told to cut every word); lines are whole, so a cut
    # that leaves the last line shorter but not gone does not help
    share = left / (room + left) if room + left > 0 else 1.0
    too_long = max(1, round(100 * left / room)) if room > 0 else 100
    file, field = _source(paras, folder)
    what, it = ("statement" if block == "statement" else f"'{lang}' {_block_name(block)}"), "it"
    if block in ("slogans", "band") and len(paras) > 1:  # the band of several slogans: the same on every version
        what, it, field = f"slogan band ({len(paras)} slogans)", "the slogans", "slogans"
    return TextOverflowError(
        f"the {what} does not fit layout {layout.name}: it is about {too_long} % too long "
        f"({detail}; layout file {layout.path}, {frames})",
        file=file, field=field,
        hint=f"shorten {it} by at least about {_amount(paras, share)}{' in all' if it != 'it' else ''}, "
             "or choose a layout with more room for it")


def _block_name(block: str) -> str:
    return {"hero": "slogan", "band": "slogans", "organisation": "organisation and date"}.get(block, block)


def _source(paras: Sequence[Para], folder: Path) -> tuple[Path, str | None]:
    """The user's file the paragraphs come from, and the keys in it (for leaflet.toml)."""
    files = [p.source.split(":")[0] for p in paras if ".md:" in p.source]
    if files:
        return folder / files[0], None
    keys = list(dict.fromkeys(_key(p.source) for p in paras))
    return folder / LEAFLET_FILE, ", ".join(keys) or None


def _key(source: str) -> str:
    return f"{source}.text" if source.startswith("slogans[") else source


def _amount(paras: Sequence[Para], share: float) -> str:
    """How much of the text to cut, in words, or in characters for text written without spaces."""
    text = " ".join("".join(s.text for s in p.spans) for p in paras)
    words = len(text.split())
    chars = len("".join(text.split()))
    if words and chars / words <= 12:
        count = max(1, math.ceil(words * share))
        return f"{count} word{'s' if count != 1 else ''} (of {words})"
    count = max(1, math.ceil(chars * share))
    return f"{count} character{'s' if count != 1 else ''} (of {chars})"
