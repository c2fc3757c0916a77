"""What a build wrote into a leaflet's output folder, and what is left there from earlier builds.

    out/.victory-day-2023.manifest     one file name a line, sorted: what handbill wrote into out/victory-day-2023

(beside the folder, as the build's lock is, so that the folder holds only what goes to the print shop).
Below a second header line it lists the files made on request: by ``--layout`` of a layout that
leaflet.toml does not list (``handbill build rally --layout a2-poster``).

A complete build (no ``--layout`` or ``--lang``) removes the files an earlier build wrote and this one
did not (a layout the leaflet no longer names, a language whose statement was deleted), except those of
versions that failed this time, whose last good file stays, and those made on request, which were never
the leaflet's to take back: they stay until their owner deletes them (or until a build of that layout
rewrites them once leaflet.toml lists it). A build of some versions adds to the manifest and removes
nothing. Files handbill never wrote are never removed, only listed, so that nobody's own file disappears.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from handbill.errors import HandbillError
from handbill.render.write import write_atomic

OUTPUT_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".txt")  # what handbill writes (screen alt text is .txt)
_HEADER = "# files written by handbill into this folder; the next complete build removes those it does not write\n"
_REQUESTED = "# made on request (--layout) of layouts leaflet.toml does not list; a complete build keeps them\n"


@dataclass(frozen=True)
class OutputsTidied:
    """Files removed as stale, and files in the folder no build of handbill wrote."""

    removed: tuple[Path, ...] = ()
    foreign: tuple[Path, ...] = ()


def manifest_path(folder: Path) -> Path:
    """``out/.<leaflet>.manifest`` for the output folder ``out/<leaflet>``."""
    return folder.parent / f".{folder.name}.manifest"


def read_manifest(folder: Path) -> set[str]:
    """The file names the manifest of an output folder lists (none when there is none or it cannot be read)."""
    listed, requested = _read(folder)
    return listed | requested


def _read(folder: Path) -> tuple[set[str], set[str]]:
    """(files the leaflet's builds own, files made on request) as the manifest lists them."""
    try:
        text = manifest_path(folder).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set(), set()
    sections: tuple[set[str], set[str]] = (set(), set())
    section = sections[0]
    for line in text.splitlines(keepends=True):
        if line == _REQUESTED or line == _REQUESTED.rstrip("\n"):
            section = sections[1]
        elif line.strip() and not line.startswith("#") and "/" not in line and line.strip() not in (".", ".."):
            section.add(line.strip())
    return sections


def tidy_outputs(folder: Path, written: list[Path], complete: bool, failed: set[str],
                 requested: Iterable[str] = ()) -> OutputsTidied:
    """Record what this build wrote, remove what earlier builds wrote and this complete one did not (but not
    the files of versions in ``failed``, labels such as ``a3-poster.fa``, nor files made on request), and
    list files of other origin. ``requested``: names of files this build wrote on request (``--layout`` of
    a layout leaflet.toml does not list)."""
    if not folder.is_dir():
        return OutputsTidied()
    owned, on_request = _read(folder)
    before = owned | on_request
    now = {path.name for path in written if path.parent == folder}
    on_request = (on_request - now) | (now & set(requested))  # rewritten as one of the leaflet's own: its own now
    removed: list[Path] = []
    kept = set(now)
    for name in sorted(before - now):
        path = folder / name
        if not complete or name in on_request or any(name.startswith(label + ".") for label in failed):
            kept.add(name)
        elif path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    foreign = tuple(sorted(path for path in folder.iterdir()
                           if path.suffix.lower() in OUTPUT_SUFFIXES and path.name not in kept | before
                           and path.is_file()))
    existing = sorted(name for name in kept if (folder / name).is_file())
    if existing or before:
        text = _HEADER + "".join(f"{name}\n" for name in existing if name not in on_request)
        if on_request & set(existing):
            text += _REQUESTED + "".join(f"{name}\n" for name in existing if name in on_request)
        with contextlib.suppress(HandbillError):  # a help, not a product: a full disk here is not the build's failure
            write_atomic(manifest_path(folder), text.encode("utf-8"))
    return OutputsTidied(tuple(removed), foreign)
