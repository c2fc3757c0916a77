"""The font catalog: for each script, an ordered chain of families, resolved to files on this machine.

Files are looked up by name in the catalog's own folder (a user's fonts) and then in the system font
folders; the first match wins, so a user can override a shipped family by dropping a file in fonts/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from handbill.errors import InputError
from handbill.fonts.face import FontFace, open_face
from handbill.load.toml import Fields, read_toml

STYLES = ("regular", "bold", "italic", "bold_italic")
SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def style_key(bold: bool, italic: bool) -> str:
    """The catalog style name for a weight and slant."""
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic",
            (True, True): "bold_italic"}[(bold, italic)]


@dataclass(frozen=True)
class Family:
    """A family in the catalog: file names per style and where the files come from."""

    name: str
    source: str
    files: dict[str, str]
    substitute_italic: str  # "regular" (upright) or "bold": what stands in for a missing italic

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

    def chain(self, script: str, style: str = "regular", lang: str = "") -> list[FontFace]:
        """Fonts for a script in fallback order, for one style; families whose files are absent are skipped."""
        faces: list[FontFace] = []
        for name in self.family_names(script, lang):
            face = self.face(name, style)
            if face is not None and face not in faces:
                faces.append(face)
        return faces

    def face(self, family: str, style: str = "regular") -> FontFace | None:
        """The face of one family in one style (with substitutes), or None if its file is not installed."""
        spec = self.families[family]
        file_name, _ = spec.file_for(style)
        path = self.locate(file_name)
        return open_face(path) if path is not None else None

    def suggestion(self, script: str) -> str:
        """What to tell a user whose text has a character no font covers."""
        names = self.family_names(script)
        missing = [n for n in names if self.locate(self.families[n].file_for("regular")[0]) is None]
        if missing:
            sources = sorted({self.families[n].source for n in missing})
            return f"install {', '.join(sources)} (for {', '.join(missing)}), or add a font to {self.path.parent}/"
        return (f"add a font that has this character to {self.path.parent}/ and list its family for script "
                f"'{script}' in {self.path.name}")


def load_catalog(path: Path, extra_dirs: tuple[Path, ...] = ()) -> FontCatalog:
    """Read and validate a catalog file; its folder is searched for fonts before the system folders."""
    fields = Fields(read_toml(path), path)
    fields.check_keys(["families", "scripts", "languages"])
    families: dict[str, Family] = {}
    family_table = fields.table_of("families")
    for name in family_table.table:
        fam = family_table.table_of(name)
        fam.check_keys(["source", *STYLES, "substitute_italic"])
        files = {style: fam.text(style) for style in STYLES if style in fam.table}
        if "regular" not in files:
            raise fam.error("regular", "missing required key", "every family needs a regular style file")
        substitute = fam.text("substitute_italic", "regular")
        if substitute not in ("regular", "bold"):
            raise fam.error("substitute_italic", f"must be 'regular' or 'bold', got {substitute!r}")
        families[name] = Family(name, fam.text("source", "user"), files, substitute)
    scripts = _chains(fields.table_of("scripts"), families)
    if "default" not in scripts:
        raise fields.error("scripts.default", "missing required key", "list the families for unlisted scripts")
    languages = _chains(fields.table_of("languages"), families)
    dirs = (path.parent, *extra_dirs, *SYSTEM_FONT_DIRS)
    return FontCatalog(path, families, scripts, languages, dirs)


def _chains(table: Fields, families: dict[str, Family]) -> dict[str, tuple[str, ...]]:
    chains: dict[str, tuple[str, ...]] = {}
    for key in table.table:
        names = table.get(key, list)
        for i, name in enumerate(names):
            if name not in families:
                raise InputError(f"unknown family {name!r}", file=table.path, field=f"{table.key(key)}[{i}]",
                                 hint=f"define it under [families.\"{name}\"]")
        chains[key] = tuple(names)
    return chains
