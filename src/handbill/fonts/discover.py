"""Font discovery: installed fonts for scripts the catalog does not serve, found through fontconfig.

    found = discover_script("Thai", "bold", "th")       # Noto Sans Thai Bold, if installed
    found.path, found.index, found.family                # a file, a face in it, the family name

The catalog stays the way to choose fonts; discovery only fills gaps: a script without a chain in the
catalog (Thai, Lao, Ethiopic, Chinese ...), or a character no font of a chain has. fontconfig
(``fc-list``, Debian package ``fontconfig``) already indexes every installed font by the characters it
covers, so a query ``:charset=0E01`` lists the fonts that have THAI CHARACTER KO KAI; no Python binding
of fontconfig is maintained, so its command-line tool is run (once per distinct query, about 10 ms).

Among the fonts that cover the text, the choice is made by name and then by style, so that it is the
same on every machine with the same fonts (the order fontconfig lists fonts in plays no part):

1. the Noto family of the script: ``Noto Sans <Script>`` (``Noto Sans Thai``, ``Noto Sans Lao``); for
   Han, Kana and Hangul ``Noto Sans CJK SC/TC/HK/JP/KR`` by language; then ``Noto Serif <Script>``
   (Tibetan has only ``Noto Serif Tibetan``), then other Noto families named for the script
   (``Noto Looped Thai``), then any other Noto family, then any other font, DejaVu last;
2. within the family, the face whose weight is nearest the style's (regular 400, bold 700), upright
   unless the style is italic, normal width before condensed;
3. ties by family name, file path and face index.

Variable fonts and their named instances are left to the catalog (which cuts instances for a style);
discovery takes static faces only.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools import unicodedata as ftu

# Outline formats handbill embeds (see render/pdffont.py).
EMBEDDABLE = frozenset({"TrueType", "CFF"})

# fontconfig weights (FC_WEIGHT_*) for the catalog's styles: regular 80 (OpenType 400), bold 200 (700).
STYLE_WEIGHT = {"regular": 80, "italic": 80, "bold": 200, "bold_italic": 200}
_NORMAL_WIDTH = 100

# The family name a script's Noto fonts carry where it is not the script's Unicode name.
_SCRIPT_NAMES = {"Nkoo": "NKo", "Cans": "Canadian Aboriginal", "Zyyy": "Symbols", "Olck": "Ol Chiki"}
# Han, Kana and Hangul come from Noto Sans CJK, whose region (SC, TC, HK, JP, KR) follows the language.
CJK_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo", "Hrkt", "Jpan", "Kore", "Hans", "Hant"})

# One letter of each script that the world's community languages are written in: discovery for a
# script asks fontconfig for fonts that have this letter (so the choice does not depend on the text),
# and `handbill fonts` lists what discovery finds for each of these scripts.
SAMPLES = {
    "Adlm": "\U0001E900", "Beng": "\u0995", "Bopo": "\u3105", "Cans": "\u1401", "Cher": "\u13A0",
    "Deva": "\u0915", "Ethi": "\u1200", "Gujr": "\u0A95", "Guru": "\u0A15", "Hang": "\uD55C",
    "Hani": "\u4EBA", "Hira": "\u3042", "Java": "\uA984", "Kana": "\u30A2", "Khmr": "\u1780",
    "Knda": "\u0C95", "Laoo": "\u0E81", "Mlym": "\u0D15", "Mong": "\u1820", "Mymr": "\u1000",
    "Nkoo": "\u07CA", "Olck": "\u1C5A", "Orya": "\u0B15", "Sinh": "\u0D9A", "Syrc": "\u0710",
    "Taml": "\u0B95", "Telu": "\u0C15", "Tfng": "\u2D30", "Thaa": "\u0780", "Thai": "\u0E01",
    "Tibt": "\u0F40", "Vaii": "\uA500", "Yiii": "\uA000",
}


@dataclass(frozen=True, order=True)
class Installed:
    """One face of an installed font file as fontconfig lists it."""

    family: str
    path: Path
    index: int
    style: str
    weight: int  # fontconfig scale: 80 regular, 200 bold
    slant: int  # 0 roman, 100 italic, 110 oblique
    width: int  # 100 normal, 75 condensed
    fontformat: str  # "TrueType" or "CFF"

    @property
    def label(self) -> str:
        """``Noto Sans Thai Bold`` (with the face index for a collection)."""
        where = f" #{self.index}" if self.path.suffix.lower() in (".ttc", ".otc") else ""
        return f"{self.family} {self.style}{where}"


_FIELDS = "%{family[0]}\t%{file}\t%{index}\t%{style[0]}\t%{weight}\t%{slant}\t%{width}\t%{fontformat}\t%{variable}"


def fontconfig_available() -> bool:
    """True if fontconfig's fc-list can be run."""
    return shutil.which("fc-list") is not None


@functools.cache
def fonts_covering(chars: str) -> tuple[Installed, ...]:
    """Static, embeddable faces of installed fonts that have every character of chars (sorted).

    Empty when fontconfig is missing or fails: discovery then finds nothing and the catalog's own
    message about the missing character applies.
    """
    if not chars or not fontconfig_available():
        return ()
    charset = " ".join(f"{ord(ch):x}" for ch in sorted(set(chars)))
    try:
        result = subprocess.run(["fc-list", "--format", _FIELDS + "\n", f":charset={charset}"],
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    if result.returncode != 0:
        return ()
    return tuple(sorted(_parse(result.stdout)))


def _parse(listing: str) -> list[Installed]:
    faces = []
    for line in listing.splitlines():
        parts = line.split("\t")
        if len(parts) != 9:
            continue
        family, file, index, style, weight, slant, width, fontformat, variable = parts
        try:
            number, wgt, slt, wdt = int(index), int(float(weight)), int(float(slant)), int(float(width))
        except ValueError:  # a variable font lists weight ranges ("[40 210]")
            continue
        if variable == "True" or number >= 0x10000 or fontformat not in EMBEDDABLE:
            continue
        faces.append(Installed(family, Path(file), number, style, wgt, slt, wdt, fontformat))
    return faces


def script_family_name(script: str, lang: str = "") -> str:
    """The name a script's own Noto family carries: ``Thai`` for Thai, ``CJK SC`` for Chinese."""
    if script in CJK_SCRIPTS:
        return f"CJK {cjk_region(script, lang)}"
    return _SCRIPT_NAMES.get(script) or ftu.script_name(script).replace("_", " ")


def cjk_region(script: str, lang: str) -> str:
    """Which Noto CJK face suits a language: JP for Japanese (and Kana), KR for Korean (and Hangul),
    TC for Traditional Chinese (zh-Hant, zh-TW, zh-MO), HK for zh-HK, SC otherwise."""
    parts = [p.lower() for p in lang.replace("_", "-").split("-")]
    base = parts[0]
    if script in ("Hira", "Kana", "Hrkt", "Jpan") or base == "ja":
        return "JP"
    if script in ("Hang", "Kore") or base == "ko":
        return "KR"
    if "hk" in parts:
        return "HK"
    if "hant" in parts or "tw" in parts or "mo" in parts or script == "Hant":
        return "TC"
    return "SC"


def family_rank(family: str, script: str, lang: str) -> int:
    """How well a family suits a script, lower first (see the module's docstring)."""
    own = script_family_name(script, lang)
    if family == f"Noto Sans {own}":
        return 0
    if family == f"Noto Serif {own}":
        return 1
    if family.startswith(("Noto Sans ", "Noto Serif ")) and f" {own} " in f" {family} " and "Mono" not in family:
        return 2
    if script in CJK_SCRIPTS and family.startswith("Noto Sans CJK"):
        return 3  # another region's CJK face still draws the characters
    if family.startswith("Noto") and f" {own.split()[0]} " in f" {family} ":
        return 4  # Noto Looped Thai, Noto Sans Mono CJK, Noto Serif CJK
    if family.startswith("Noto"):
        return 5
    if family.startswith("DejaVu"):
        return 7
    return 6


def best_face(candidates: tuple[Installed, ...], script: str, style: str, lang: str) -> Installed | None:
    """The family that suits the script best among candidates, and its face nearest the style."""
    if not candidates:
        return None
    family = min(candidates, key=lambda f: (family_rank(f.family, script, lang), f.family)).family
    weight = STYLE_WEIGHT.get(style, 80)
    italic = "italic" in style

    def distance(face: Installed) -> tuple:
        return (abs(face.weight - weight), (face.slant != 0) != italic, abs(face.width - _NORMAL_WIDTH),
                str(face.path), face.index)

    return min((f for f in candidates if f.family == family), key=distance)


def discover_script(script: str, style: str, lang: str = "", text: str = "") -> Installed | None:
    """An installed face for a script in a style, or None.

    The script's sample letter (SAMPLES) is what the fonts must cover, so the choice is the same for any
    text; for scripts without a sample, the first letter of text in that script is used.
    """
    sample = SAMPLES.get(script) or next((ch for ch in text if ftu.script(ch) == script), "")
    return best_face(fonts_covering(sample), script, style, lang) if sample else None


def discover_for(chars: str, script: str, style: str, lang: str = "") -> Installed | None:
    """An installed face that has all of chars (a letter with its marks), chosen as for the script."""
    return best_face(fonts_covering(chars), script, style, lang)
