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

The measure per script, each matched to Latin's x-height (what a reader takes as the size of running
small letters): Hebrew's letter height (בדהמס: no ascender, no descender; Noto Sans Hebrew Bold 0.60
em, between Latin's x-height 0.55 and cap height 0.71); for Devanagari, Bengali and Gurmukhi the top of
the headline (shirorekha) the letters hang from (0.62 em); for Gujarati, Tamil and Malayalam, which have
no headline, their letter body; for Thai and Lao the x-height of base consonants without ascenders
(นบมอว: 0.55 to 0.56 em). Chinese, Japanese and Korean have no small letters: each character fills the
ideographic character face (ICF), the square their ink keeps to inside the em, so they are matched
to Latin's capitals instead (``ideographic_face``; text/optical.py pairs an ICF with capitals 1.22
times less tall, as Noto Sans CJK pairs its own 0.905 em ideographs with 0.741 em capitals).
For Telugu and Kannada the round body of letters without the head-stroke (talakattu, talekattu: the
tick most consonants wear above their body, drawn as a mark over it; Noto Sans Telugu's bodies 0.50 em,
ticks up to 0.73; Kannada 0.56 and 0.79); for Oriya, whose letters all wear their rounded top as
Devanagari wears its headline, the top of that arc (0.67 em); for Sinhala the body of consonants
without the upper curl (කගතනපසහ: 0.61 em, curled letters 0.84); for Khmer the body of consonants
without a raised stroke or a foot below (0.59 em); for Myanmar the round letters' circle (0.56 em);
for Tibetan, whose letters hang from the headline and whose fonts put the baseline under the short
letters' feet (tall letters such as ཀ reach far below it), the ink height of the short letters from
foot to headline (ངཔབམསཡལ: 0.61 em in Noto Serif Tibetan, not their 0.68 em top); for Ethiopic,
a script of syllables without small letters, the height of the syllable body of first-order syllables
without a loop or stroke raised above it (ሀለመተነአወገ: 0.71 em, Noto Sans Ethiopic's Latin cap
height), matched to Latin's x-height as Hebrew's letter height is. Armenian, Georgian and Arabic are
measured by their small letters' and letter bodies' tops above. Scripts not listed (Cherokee,
Mongolian, ...) have no measure here: they keep the size their face's design gives them.
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
    "Hebr": "בדהחמסכ",
    "Deva": "कनमपगबव",
    "Beng": "কনমবলর",
    "Guru": "ਕਨਮਪਗਬ",
    "Gujr": "કનમપગબ",
    "Taml": "கமபஙவ",
    "Mlym": "കനമതരല",
    "Thai": "นบมอวร",
    "Laoo": "ນບມອວ",
    "Telu": "అఒజణబల",  # bodies without the talakattu tick above
    "Knda": "ಅಉಒಜಣಬಲ",  # bodies without the talekattu
    "Orya": "କନମପବଗଲ",  # the top of the rounded head each letter wears
    "Sinh": "කගතනපසහ",  # bodies without the upper curl
    "Khmr": "កគនបមសហ",  # base consonants without subscripts or vowel signs
    "Mymr": "ကဂငစတပမဝ",  # the round letters' circle, no descender
    "Tibt": "ངཔབམསཡལ",  # short letters: foot to headline (INK_HEIGHT)
    "Ethi": "ሀለመተነአወገ",  # first-order syllable bodies
}
# Scripts measured by the letters' ink height, foot to top, instead of their top above the baseline:
# Tibetan letters hang from the headline, and its fonts' baseline is not where the short letters stand.
INK_HEIGHT = frozenset({"Tibt"})
# Characters that fill the ideographic character face, for the scripts matched to Latin capitals. A
# Japanese paragraph is measured by its face's kanji (its kana are drawn inside the same face).
FACE_LETTERS: dict[str, str] = {
    "Hani": "国田回圆图永中",
    "Hira": "国田回圆图永中",
    "Kana": "国田回圆图永中",
    "Hang": "한국어말가나다",
}
MIN_LETTERS = 3  # fewer measurable letters than this: no measure (a face covering a stray letter or two)


@functools.lru_cache(maxsize=256)
def x_height(face: FontFace, script: str) -> float | None:
    """The face's x-height (letter body) for a script in em, or None when the script has no measure
    here or the face draws too few of its body letters."""
    letters = BODY_LETTERS.get(script)
    return None if letters is None else _median_height(face, letters, whole_ink=script in INK_HEIGHT)


@functools.lru_cache(maxsize=64)
def ideographic_face(face: FontFace, script: str) -> float | None:
    """The height of the ideographic character face (em) of a CJK face: the median ink height, bottom to
    top, of characters that fill it; None for other scripts or a face drawing too few of them."""
    letters = FACE_LETTERS.get(script)
    return None if letters is None else _median_height(face, letters, whole_ink=True)


def _median_height(face: FontFace, letters: str, whole_ink: bool) -> float | None:
    """The median height (em) of the letters the face draws: from the baseline to their top, or bottom to
    top (``whole_ink``); None when it draws fewer than MIN_LETTERS of them."""
    heights = []
    for char in letters:
        gid = face.glyph_ids.get(ord(char))
        if gid is None:
            continue
        bottom, top = _ink(face, gid)
        height = top - bottom if whole_ink else top
        if height > 0:
            heights.append(height)
    if len(heights) < MIN_LETTERS:
        return None
    return statistics.median(heights) / face.units_per_em


def cap_height(face: FontFace) -> float:
    """The face's cap height in em: its H measured, else OS/2 sCapHeight (else 0.7 of the ascender)."""
    gid = face.glyph_ids.get(ord("H"))
    if gid is not None and _ink(face, gid)[1] > 0:
        return _ink(face, gid)[1] / face.units_per_em
    return face.cap_height / face.units_per_em


def _ink(face: FontFace, gid: int) -> tuple[int, int]:
    """A glyph's ink (bottom, top) in font units. A CFF face's glyph is measured by HarfBuzz alone:
    ``face.glyph_box`` draws every glyph of the face once, 12 s of CPU for Noto Sans CJK's 65,000."""
    if face.data[:4] != b"OTTO":
        box = face.glyph_box(gid)
        return box[1], box[3]
    extents = face.hb_font().get_glyph_extents(gid)
    if extents is None:
        return 0, 0
    return extents.y_bearing + extents.height, extents.y_bearing
