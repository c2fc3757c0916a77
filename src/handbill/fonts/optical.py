"""How tall a face draws a script's small letters: the x-height, or the letter body of a script
without capitals, in em. Styles sized by x-height (``size_by = "x-height"``) use it to set every
script so that it looks as large as the catalog's Latin face at the style's size.

Why measured glyph bounds and not OS/2 ``sxHeight``: fonts fill that field with their Latin x-height,
whatever script they are for (Noto Sans Armenian and Hebrew carry Noto Sans' 536/714; Noto Sans
Arabic 440/500; Noto Naskh Arabic 0), so it says nothing about an Armenian or Arabic letter. Each
script here names letters that sit on the baseline and end at its x-height or body line, without
ascenders or dots above; the measure is the median of their tops (overshoots and one odd letter do
not move a median). Arabic's body letters (teeth, bowls, loops) are matched to Latin's x-height, as
type designers pairing Arabic and Latin do; Thaana's consonant bodies likewise (Noto Sans Thaana
draws them 0.38 em tall, against Noto Sans' 0.55 em x-height: a Dhivehi hero looked a third smaller).
Scripts not listed (Hebrew, the Indic scripts, Thai, CJK, ...) have no measure here: they keep the
size their face's design gives them.
"""

from __future__ import annotations

import functools
import statistics

from handbill.fonts.face import FontFace

# Letters ending at the x-height (or the letter body) per script, without ascenders or marks above.
BODY_LETTERS: dict[str, str] = {
    "Latn": "xzvwu",
    "Grek": "πνκτυ",
    "Cyrl": "хнпвк",
    "Armn": "աոսւռ",
    "Geor": "აოვე",
    "Arab": "سصهموعحدى",
    "Thaa": "ހބކއޗ",  # consonant bodies; Thaana's vowel signs (fili) sit above or below them, as Arabic's marks
}
MIN_LETTERS = 3  # fewer measurable letters than this: no measure (a face covering a stray letter or two)


@functools.lru_cache(maxsize=256)
def x_height(face: FontFace, script: str) -> float | None:
    """The face's x-height (letter body) for a script in em, or None when the script has no measure
    here or the face draws too few of its body letters."""
    letters = BODY_LETTERS.get(script)
    if letters is None:
        return None
    tops = []
    for char in letters:
        gid = face.glyph_ids.get(ord(char))
        if gid is None:
            continue
        top = face.glyph_box(gid)[3]
        if top > 0:
            tops.append(top)
    if len(tops) < MIN_LETTERS:
        return None
    return statistics.median(tops) / face.units_per_em


def cap_height(face: FontFace) -> float:
    """The face's cap height in em: its H measured, else OS/2 sCapHeight (else 0.7 of the ascender)."""
    gid = face.glyph_ids.get(ord("H"))
    if gid is not None and face.glyph_box(gid)[3] > 0:
        return face.glyph_box(gid)[3] / face.units_per_em
    return face.cap_height / face.units_per_em
