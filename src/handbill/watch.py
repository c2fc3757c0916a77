"""``--watch``: rebuild when a source changes (polling, so it works everywhere without extra packages)."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path


def snapshot(folders: Iterable[Path]) -> dict[Path, float]:
    """Modification times of every file under the folders.

    Other programs create and delete files there at any moment (an editor's swap file, a sync client):
    a file or folder that vanishes between listing and reading is simply left out, never an error.
    """
    times: dict[Path, float] = {}
    for folder in folders:
        for path in [folder] if not folder.is_dir() else _files(folder):
            if path.name.startswith("."):
                continue
            try:
                info = path.stat()
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                times[path] = info.st_mtime
    return times


def _files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=lambda error: None):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in names)
    return found


def watch(folders: list[Path], rebuild: Callable[[], None], interval: float = 0.5,
          stop: Callable[[], bool] = lambda: False) -> None:
    """Call rebuild now and after every change under folders, until stop() is true or Ctrl-C."""
    rebuild()
    last = snapshot(folders)
    while not stop():
        time.sleep(interval)
        current = snapshot(folders)
        if current != last:
            last = current
            rebuild()
