"""Where handbill finds layouts, the font catalog and font files.

Search order, nearest first (a layout or catalog found earlier wins; ``handbill layouts`` shows which
file each name comes from):

1. the leaflet's own folder: ``LEAFLET/layouts/``, ``LEAFLET/fonts/``
2. the nearest folder above the leaflet that has one (a project folder holding ``leaflets/`` and
   ``layouts/``, like this repository)
3. the working folder: ``./layouts/``, ``./fonts/``
4. the user folder (``handbill.project.user_folder()``: platformdirs' user data folder, e.g.
   ``~/.local/share/handbill/layouts/`` on Linux; ``$HANDBILL_USER_DIR`` moves it)
5. the layouts and catalog shipped with handbill (package data, see handbill/shipped)

Font files are looked for in every ``fonts/`` folder of that list, then in the system font folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from handbill.errors import HandbillError
from handbill.shipped import shipped_folder

Origin = Literal["leaflet", "project folder", "working folder", "user folder", "shipped"]
CATALOG_NAME = "catalog.toml"


@dataclass(frozen=True)
class SearchFolder:
    """One folder of the search order, with where it comes from (for ``handbill layouts``)."""

    path: Path
    origin: Origin


def user_folder() -> Path:
    """The user's own handbill folder (layouts/ and fonts/ inside it): ``$HANDBILL_USER_DIR`` or
    platformdirs' user data folder."""
    configured = os.environ.get("HANDBILL_USER_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_data_dir("handbill", appauthor=False))


def search_folders(kind: Literal["layouts", "fonts"], leaflet: Path | None) -> list[SearchFolder]:
    """The existing ``layouts`` or ``fonts`` folders in search order, each once (by resolved path)."""
    candidates: list[tuple[Path | None, Origin]] = []
    if leaflet is not None:
        folder = Path(leaflet).resolve()
        candidates.append((folder / kind, "leaflet"))
        project = next((parent / kind for parent in folder.parents if (parent / kind).is_dir()), None)
        candidates.append((project, "project folder"))
    candidates += [(Path.cwd() / kind, "working folder"), (user_folder() / kind, "user folder"),
                   (shipped_folder(kind), "shipped")]
    found: dict[Path, SearchFolder] = {}
    for path, origin in candidates:
        if path is not None and path.is_dir():
            found.setdefault(path.resolve(), SearchFolder(path, origin))
    return list(found.values())


def layout_search_path(leaflet: Path | None) -> list[Path]:
    """The ``layouts/`` folders to look for a layout in, nearest first."""
    return [folder.path for folder in search_folders("layouts", leaflet)]


def font_folders(leaflet: Path | None) -> list[Path]:
    """The ``fonts/`` folders to look for font files in, nearest first (system folders come after)."""
    return [folder.path for folder in search_folders("fonts", leaflet)]


def find_catalog(leaflet: Path | None) -> Path:
    """The nearest ``fonts/catalog.toml``."""
    for folder in font_folders(leaflet):
        if (folder / CATALOG_NAME).is_file():
            return folder / CATALOG_NAME
    raise HandbillError("no font catalog (fonts/catalog.toml) found", file=leaflet,
                        hint="reinstall handbill (its wheel ships one), or put a fonts/catalog.toml in the "
                             "leaflet folder or the working folder")
