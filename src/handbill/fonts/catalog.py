"""The font catalog: for each script, an ordered chain of families, resolved to files on this machine.

Files are looked up by name in the catalog's own folder (a user's fonts) and then in the system font
folders; the first match wins, so a user can override a shipped family by dropping a file in fonts/.

A style names a file, or a file and axis values for a variable font::

    [families."Noto Sans Arabic VF"]
    source = "user"
    regular = "NotoSansArabic[wdth,wght].ttf"                       # wght 400, other axes at default
    bold = { file = "NotoSansArabic[wdth,wght].ttf", axes = { wght = 700, wdth = 90 } }

A variable font is always cut to a static instance (fonts/instance.py) for the style's weight: 400
for regular and italic, 700 for bold, ital=1 (or slnt) for italic, unless ``axes`` says otherwise.

A face of a .ttc/.otc collection is named by its index or by its family name inside the collection::

    regular = { file = "NotoSansCJK-Regular.ttc", face = "Noto Sans CJK JP" }     # or face = 0

Scripts the catalog has no chain for, and characters no font of a chain has, are served by fonts
discovered through fontconfig (fonts/discover.py), unless the catalog says ``discover = false``.
"""

from __future__ import annotations

import bisect
import functools
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from fontTools import unicodedata as ftu
from fontTools.ttLib import TTFont

from handbill.errors import HandbillError, InputError
from handbill.fonts.discover import CJK_SCRIPTS, discover_for, discover_script
from handbill.fonts.face import MAX_FONT_BYTES, FontFace, collection_families, face_from_bytes, open_face
from handbill.fonts.instance import axes_for_style, instance_bytes, instances_dir
from handbill.load.files import is_regular_file
from handbill.load.toml import Fields, read_toml

STYLES = ("regular", "bold", "italic", "bold_italic")
SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
# Scripts that are not a writing system of their own: never discovered for.
_NOT_SCRIPTS = frozenset({"Zyyy", "Zinh", "Zzzz", "default"})


def style_key(bold: bool, italic: bool) -> str:
    """The catalog style name for a weight and slant."""
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic",
            (True, True): "bold_italic"}[(bold, italic)]


@dataclass(frozen=True)
class Family:
    """A family in the catalog: file names per style, axis values for variable fonts, and the source."""

    name: str
    source: str
    files: dict[str, str]
    substitute_italic: str  # "regular" (upright) or "bold": what stands in for a missing italic
    axes: dict[str, dict[str, float]] = field(default_factory=dict)  # style -> axis values it asks for
    faces: dict[str, int | str] = field(default_factory=dict)  # style -> face index or family in a collection

    def file_for(self, style: str) -> tuple[str, str]:
        """(file name, style actually used) for a requested style, applying the documented substitutes."""
        if style in self.files:
            return self.files[style], style
        bold = style.startswith("bold")
        if "italic" in style:
            substitute = "bold" if bold or self.substitute_italic == "bold" else "regular"
            if substitute in self.files:
                return self.files[substitute], substitute
        return self.files["regular"], "regular"


@dataclass(frozen=True)
class FontCatalog:
    """Script -> family chains, and the folders fonts are found in."""

    path: Path
    families: dict[str, Family]
    scripts: dict[str, tuple[str, ...]]
    languages: dict[str, tuple[str, ...]]
    search_dirs: tuple[Path, ...]
    discover: bool = True
    # what discovery chose in this process: (script, style, lang) -> face, for `handbill fonts`
    discovered: dict[tuple[str, str, str], FontFace] = field(default_factory=dict, compare=False)

    @cached_property
    def _file_index(self) -> dict[str, Path]:
        index: dict[str, Path] = {}
        for folder in self.search_dirs:
            if not folder.is_dir():
                continue
            for root, dirs, files in os.walk(folder):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(FONT_SUFFIXES):
                        index.setdefault(name, Path(root) / name)
        return index

    def locate(self, file_name: str) -> Path | None:
        """Where a font file of this name is found, or None."""
        return self._file_index.get(file_name)

    def family_names(self, script: str, lang: str = "") -> list[str]:
        """The fallback chain of family names for a script (and language), Common fonts appended."""
        names: list[str] = []
        base_lang = lang.split("-")[0]
        for name in (*self.languages.get(base_lang, ()), *self.scripts.get(script, self.scripts["default"]),
                     *self.scripts.get("Zyyy", ()), *self.scripts["default"]):
            if name not in names:
                names.append(name)
        return names

    def chain(self, script: str, style: str = "regular", lang: str = "", text: str = "") -> list[FontFace]:
        """Fonts for a script in fallback order, for one style; families not installed are skipped.

        A script the catalog has no chain for gets its discovered font (see fonts/discover.py) after
        the language's families and before the Common and default ones; text is the paragraph, whose
        letters serve discovery for scripts without a sample letter.
        """
        own = self.languages.get(lang.split("-")[0], ())
        faces: list[FontFace] = []
        pending = script not in self.scripts and script not in _NOT_SCRIPTS
        for name in self.family_names(script, lang):
            if pending and name not in own:  # after the language's own families, before all others
                pending = False
                found = self.discover_face(script, style, lang, text=text)
                if found is not None and found not in faces:
                    faces.append(found)
            face = self.face(name, style)
            if face is not None and face not in faces:
                faces.append(face)
        return faces

    def discover_face(self, script: str, style: str, lang: str = "", *, chars: str = "",
                      text: str = "") -> FontFace | None:
        """An installed font found through fontconfig for a script (or one that has all of chars), or
        None when discovery is off or finds nothing usable. Choices are remembered for `handbill fonts`."""
        if not self.discover:
            return None
        found = discover_for(chars, script, style, lang) if chars else discover_script(script, style, lang, text)
        if found is None:
            return None
        try:
            face = open_face(found.path, found.index)
        except HandbillError:  # an installed file handbill cannot use is simply not a candidate
            return None
        if not all(face.covers(ch) for ch in chars):
            return None
        self.discovered.setdefault((script, style, lang if script in CJK_SCRIPTS else ""), face)
        return face

    def face(self, family: str, style: str = "regular") -> FontFace | None:
        """The face of one family in one style (with substitutes), or None if its file is not installed.

        A variable font comes back as its static instance for the style (cached on disk).
        """
        spec = self.families[family]
        file_name, used = spec.file_for(style)
        path = self.locate(file_name)
        if path is None:
            return None
        face = open_face(path, self._face_index(path, spec, used))
        if not face.axes:
            return face
        return self._instance(face, used, spec.axes.get(used, {}), family)

    def _face_index(self, path: Path, spec: Family, style: str) -> int:
        """The face index a catalog entry names (an index, or a family name inside a collection)."""
        wanted = spec.faces.get(style, 0)
        if isinstance(wanted, int):
            return wanted
        names = collection_families(path)
        if wanted in names:
            return names.index(wanted)
        listed = ", ".join(f"{i}: {name}" for i, name in enumerate(names)) or "none: it is not a collection"
        raise InputError(f"{path.name} has no face of family {wanted!r}", file=self.path,
                         field=f'families."{spec.name}".{style}.face', hint=f"its faces are {listed}")

    def _instance(self, face: FontFace, style: str, explicit: dict[str, float], family: str) -> FontFace:
        try:
            axes = axes_for_style(style, face.axes, explicit)
        except ValueError as exc:
            raise InputError(str(exc), file=self.path, field=f'families."{family}".{style}.axes',
                             hint=f"{face.path.name} has axes {', '.join(sorted(face.axes))}") from None
        key = (face.digest, tuple(sorted(axes.items())))
        cached = _INSTANCES.get(key)
        if cached is None:
            try:
                data = instance_bytes(face.data, axes, instances_dir())
            except Exception as exc:  # fontTools raises many kinds on a broken variable font
                raise HandbillError(f"cannot make the {style} instance of this variable font ({exc})",
                                    file=face.path, hint="use a static build of the family") from None
            label = " ".join(f"{tag}={value:g}" for tag, value in axes.items())
            style_label = f"{style.replace('_', ' ')} ({label})"
            cached = _INSTANCES[key] = face_from_bytes(data, face.path, style=style_label)
        return cached

    def suggestion(self, script: str, char: str | None = None, tried: tuple[str, ...] | list[str] = ()) -> str:
        """What to tell a user whose text has a character no font covers: for emoji, a black-and-white emoji
        font or to leave them out; else an installed font that has it, or the Unicode block and script to
        look for (never a family already ``tried``), and how to add a font file of one's own."""
        names = self.family_names(script)
        missing = [n for n in names if self.locate(self.families[n].file_for("regular")[0]) is None]
        if missing:
            sources = ", ".join(sorted({self.families[n].source for n in missing}))
            return f"install {sources} (for {', '.join(missing)}), or {self._own_font(script)}"
        if char is None:
            return self._own_font(script)
        if is_emoji(char):
            return EMOJI_HINT
        own_script = ftu.script(char)
        where = f"the Unicode block '{ftu.block(char)}' (script {own_script}, {ftu.script_name(own_script)})"
        found = self.installed_fonts_covering(char)
        if found:
            return (f"{found[0].name} (installed at {found[0].parent}) covers {where}: add a family for it "
                    f"under [families] in {self.path} and list it under [scripts] for '{own_script}'")
        package = debian_hint(own_script)
        squeezed = [label.replace(" ", "") for label in tried]  # "Noto Sans Symbols2 Regular" is "Symbols 2"
        if any(label.startswith(family.replace(" ", "")) for label in squeezed for family in _families_named(package)):
            return f"no installed font covers {where}: {self._own_font(own_script)}"
        return f"no installed font covers {where}: install one ({package}), or {self._own_font(own_script)}"

    def _own_font(self, script: str) -> str:
        """How to use a font file of one's own (README, 'Where layouts and fonts come from')."""
        return (f"put a font file that has it in the leaflet's fonts/ folder and list it in a fonts/catalog.toml "
                f"there (a copy of {self.path.name} that `handbill fonts` names, with the family under "
                f"[families] and under [scripts] for '{script}')")

    def installed_fonts_covering(self, char: str, limit: int = 3) -> list[Path]:
        """Font files in the search folders whose cmap has char, regular styles first (for messages).

        The first call reads every installed font's cmap (about a second for 300 files); later calls
        in the process look the answer up.
        """
        code = ord(char)
        index = _coverage_index(tuple(self._file_index.values()))
        found = [path for path, ranges in index if _has(ranges, code)]
        found.sort(key=lambda path: ("Regular" not in path.name, path.name))
        return found[:limit]


@functools.cache
def _coverage_index(paths: tuple[Path, ...]) -> tuple[tuple[Path, tuple[int, ...]], ...]:
    """Each TrueType- or CFF-outline font file (the kinds handbill embeds) with its cmap as a flat, sorted list
    of range bounds [start0, end0, start1, end1, ...)."""
    index = []
    for path in paths:
        if not is_regular_file(path) or path.stat().st_size > MAX_FONT_BYTES:
            continue  # a FIFO or device named like a font is never opened (it could block or never end)
        try:
            font = TTFont(path, lazy=True, fontNumber=0)
            codes = sorted(font.getBestCmap() or {}) if "glyf" in font or "CFF " in font else []
            font.close()
        except Exception:  # an unreadable file is simply not a candidate
            continue
        bounds: list[int] = []
        for code in codes:
            if bounds and bounds[-1] == code:
                bounds[-1] = code + 1
            else:
                bounds.extend((code, code + 1))
        index.append((path, tuple(bounds)))
    return tuple(index)


def _has(bounds: tuple[int, ...], code: int) -> bool:
    """True if code lies in one of the [start, end) ranges of a flat bound list."""
    return bisect.bisect_right(bounds, code) % 2 == 1


EMOJI_HINT = ("these are emoji: a print file takes outline fonts, and colour emoji fonts (Debian "
              "fonts-noto-color-emoji) hold pictures instead; install Debian fonts-symbola (Symbola draws emoji in "
              "black and white; a flag prints as its two letters), or leave the emoji out of the text")


def is_emoji(char: str) -> bool:
    """An emoji, a flag's letter or a skin tone (ICU's Extended_Pictographic, Regional_Indicator and
    Emoji_Modifier properties), not a letter or symbol that merely has an emoji form (©, #)."""
    import icu

    return any(icu.Char.hasBinaryProperty(char, prop) for prop in (
        icu.UProperty.EXTENDED_PICTOGRAPHIC, icu.UProperty.REGIONAL_INDICATOR, icu.UProperty.EMOJI_MODIFIER)) \
        and ord(char) > 0xFF


def _families_named(package_hint: str) -> list[str]:
    """The font families a debian_hint names (``e.g. Noto Sans Symbols 2 or Noto Sans Math, ...``)."""
    text = package_hint.removeprefix("e.g. ").split(", Debian")[0]
    return [name.strip() for name in text.split(" or ") if name.strip()]


def debian_hint(script: str) -> str:
    """Which Debian package has a script's Noto family, in words (names checked against the packages'
    file lists in tests/fonts/test_discover.py)."""
    if script in ("Zyyy", "Zinh", "Zzzz"):
        return "e.g. Noto Sans Symbols 2 or Noto Sans Math, Debian fonts-noto-core"
    if script in CJK_SCRIPTS:
        return "e.g. Noto Sans CJK SC, JP or KR, Debian fonts-noto-cjk"
    family, package = NOTO_PACKAGES.get(script, (None, None))
    if family is None:
        return "a font for this script; Debian's fonts-noto-core and fonts-noto-extra cover most scripts"
    return f"e.g. {family}, Debian {package}"


# The Noto family of each script in Debian (fonts-noto-core unless said), where the name is not simply
# "Noto Sans <script name>" or the family is in another package; the rest are listed by name below.
NOTO_PACKAGES: dict[str, tuple[str, str]] = {
    "Tibt": ("Noto Serif Tibetan", "fonts-noto-core"),
    "Nkoo": ("Noto Sans NKo", "fonts-noto-core"),
    "Cans": ("Noto Sans Canadian Aboriginal", "fonts-noto-core"),
    "Olck": ("Noto Sans Ol Chiki", "fonts-noto-core"),
    "Yiii": ("Noto Sans Yi", "fonts-noto-core"),
    **{code: ("Noto Sans", "fonts-noto-core") for code in ("Latn", "Grek", "Cyrl")},
    **{code: (f"Noto Sans {name}", "fonts-noto-core") for code, name in (
        ("Adlm", "Adlam"), ("Arab", "Arabic"), ("Armn", "Armenian"), ("Beng", "Bengali"),
        ("Cher", "Cherokee"), ("Deva", "Devanagari"), ("Ethi", "Ethiopic"),
        ("Geor", "Georgian"), ("Gujr", "Gujarati"), ("Guru", "Gurmukhi"), ("Hebr", "Hebrew"),
        ("Java", "Javanese"), ("Khmr", "Khmer"), ("Knda", "Kannada"), ("Laoo", "Lao"), ("Mlym", "Malayalam"),
        ("Mong", "Mongolian"), ("Mymr", "Myanmar"), ("Orya", "Oriya"), ("Sinh", "Sinhala"), ("Syrc", "Syriac"),
        ("Taml", "Tamil"), ("Telu", "Telugu"), ("Tfng", "Tifinagh"), ("Thaa", "Thaana"), ("Thai", "Thai"),
        ("Vaii", "Vai"))},
}


# Instances of variable fonts made in this process, by (font digest, axis values).
_INSTANCES: dict[tuple[str, tuple[tuple[str, float], ...]], FontFace] = {}


def load_catalog(path: Path, extra_dirs: tuple[Path, ...] = ()) -> FontCatalog:
    """Read and validate a catalog file; its folder is searched for fonts before the system folders."""
    fields = Fields(read_toml(path), path)
    fields.check_keys(["families", "scripts", "languages", "discover"])
    families: dict[str, Family] = {}
    family_table = fields.table_of("families")
    for name in family_table.table:
        families[name] = _family(family_table.table_of(name), name)
    scripts = _chains(fields.table_of("scripts"), families)
    if "default" not in scripts:
        raise fields.error("scripts.default", "missing required key",
                           "list the families for unlisted scripts")
    languages = _chains(fields.table_of("languages"), families)
    dirs = tuple(dict.fromkeys((path.parent, *extra_dirs, *SYSTEM_FONT_DIRS)))
    discover = fields.get("discover", bool) if "discover" in fields.table else True
    return FontCatalog(path, families, scripts, languages, dirs, discover)


def _family(fam: Fields, name: str) -> Family:
    fam.check_keys(["source", *STYLES, "substitute_italic"])
    files: dict[str, str] = {}
    axes: dict[str, dict[str, float]] = {}
    faces: dict[str, int | str] = {}
    for style in STYLES:
        if style not in fam.table:
            continue
        value = fam.get(style, (str, dict))
        if isinstance(value, str):
            files[style] = value
            continue
        entry = fam.table_of(style)
        entry.check_keys(["file", "axes", "face"])
        files[style] = entry.text("file")
        if "face" in entry.table:
            face = entry.get("face", (int, str))
            if (isinstance(face, int) and not 0 <= face < 10_000) or (isinstance(face, str) and not face.strip()):
                raise entry.error("face", "must be a face index (0, 1, ...) or a family name in the collection")
            faces[style] = face
        axis_table = entry.table_of("axes")
        for tag in axis_table.table:
            if len(tag) != 4:
                raise axis_table.error(tag, "not an OpenType axis tag",
                                       "use four-letter tags: wght, wdth, slnt, ital, opsz")
        if "axes" in entry.table and axis_table.table:
            axes[style] = {tag: axis_table.number(tag) for tag in axis_table.table}
    if "regular" not in files:
        raise fam.error("regular", "missing required key", "every family needs a regular style file")
    substitute = fam.text("substitute_italic", "regular")
    if substitute not in ("regular", "bold"):
        raise fam.error("substitute_italic", f"must be 'regular' or 'bold', got {substitute!r}")
    return Family(name, fam.text("source", "user"), files, substitute, axes, faces)


def _chains(table: Fields, families: dict[str, Family]) -> dict[str, tuple[str, ...]]:
    chains: dict[str, tuple[str, ...]] = {}
    for key in table.table:
        names = table.get(key, list)
        for i, name in enumerate(names):
            if name not in families:
                raise InputError(f"unknown family {name!r}", file=table.path, field=f"{table.key(key)}[{i + 1}]",
                                 hint=f"define it under [families.\"{name}\"]")
        chains[key] = tuple(names)
    return chains
