"""Finding the project's shared folders (``layouts/``, ``fonts/``) from a leaflet folder."""

from __future__ import annotations

import os
from pathlib import Path

from handbill.errors import HandbillError

CATALOG = Path("fonts") / "catalog.toml"


def search_roots(start: Path) -> list[Path]:
    """start, its parents, the working directory, and $HANDBILL_HOME: where project folders are looked for."""
    roots = [start.resolve(), *start.resolve().parents, Path.cwd()]
    home = os.environ.get("HANDBILL_HOME")
    if home:
        roots.insert(0, Path(home))
    return list(dict.fromkeys(roots))


def find_catalog(start: Path) -> Path:
    """The nearest ``fonts/catalog.toml``."""
    for root in search_roots(start):
        candidate = root / CATALOG
        if candidate.is_file():
            return candidate
    raise HandbillError("no font catalog (fonts/catalog.toml) found above the leaflet or in the working directory",
                        file=start, hint="run handbill from the project folder, or set HANDBILL_HOME to it")


def layout_search_path(start: Path) -> list[Path]:
    """Every ``layouts/`` folder above the leaflet and in the working directory, nearest first."""
    return [root / "layouts" for root in search_roots(start) if (root / "layouts").is_dir()]
