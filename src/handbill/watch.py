"""``--watch``: rebuild when a source changes (polling, so it works everywhere without extra packages)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path


def snapshot(folders: Iterable[Path]) -> dict[Path, float]:
    """Modification times of every file under the folders."""
    times: dict[Path, float] = {}
    for folder in folders:
        if folder.is_file():
            times[folder] = folder.stat().st_mtime
            continue
        for path in folder.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                times[path] = path.stat().st_mtime
    return times


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
