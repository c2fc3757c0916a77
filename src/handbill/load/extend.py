"""Changing an inherited layout's frames by name (``[[frames]]`` in a layout that ``extends`` another).

    extends = "a4-flyer"

    [[frames]]            # change one frame of the parent: the keys given replace the frame's own
    name = "qr"
    at = [170, 262, 26, 26]

    [[frames]]            # add a frame: a new name, the page it goes on (from 1) and its block
    name = "photo"
    page = 1
    block = "photo"
    at = [14, 70, 60, 40]

    [[frames]]            # take a frame away
    name = "lead"
    remove = true

A frame's name is its ``name`` key, or else its block when no other frame of the page set shows that
block (``statement`` is not unique on a two-page layout: name those frames to change them). A change
applies to the frame of that name on ``pages`` and on ``long_pages``; a new frame goes on ``page`` of
``pages`` and/or ``long_page`` of ``long_pages``.

Working on the raw TOML tables (before validation) keeps every key's later message and key path.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from handbill.errors import InputError
from handbill.load.geometry import PAGE_SETS

CHANGE_KEYS = ("name", "page", "long_page", "remove")
WATCHED_BLOCKS = {"statement": "the statement", "headline": "the headline", "slogans": "the slogans",
                  "band": "the slogans", "hero": "the slogans"}


def frame_name(frame: dict[str, Any], frames: list[dict[str, Any]]) -> str:
    """A frame's name: its ``name``, else its block when that block is on no other frame of the set."""
    name = frame.get("name")
    if isinstance(name, str) and name:
        return name
    block = frame.get("block")
    if isinstance(block, str) and sum(1 for f in frames if isinstance(f, dict) and f.get("block") == block) == 1:
        return block
    return ""


def _set_frames(data: dict[str, Any], set_key: str) -> list[dict[str, Any]]:
    pages = data.get(set_key)
    if not isinstance(pages, list):
        return []
    return [f for page in pages if isinstance(page, dict) and isinstance(page.get("frames"), list)
            for f in page["frames"] if isinstance(f, dict)]


def apply_frame_changes(data: dict[str, Any], changes: Any, path: Path) -> dict[str, Any]:
    """The merged layout with the child's ``[[frames]]`` changes applied, each checked with its key path."""
    if not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
        raise InputError("expected [[frames]] tables", file=path, field="frames",
                         hint='each [[frames]] names a frame of the parent: name = "qr", then the keys to change')
    data = copy.deepcopy(data)
    for i, change in enumerate(changes):
        key = f"frames[{i + 1}]"
        name = change.get("name")
        if not isinstance(name, str) or not name:
            raise InputError("a frame change needs the frame's name", file=path, field=f"{key}.name",
                             hint='give name = "qr" (a frame of the parent layout, or a new name with page = 1)')
        found = False
        for set_key in PAGE_SETS:
            frames = _set_frames(data, set_key)
            for page in data.get(set_key, []) if isinstance(data.get(set_key), list) else []:
                kept = []
                for frame in page.get("frames", []) if isinstance(page, dict) else []:
                    if isinstance(frame, dict) and frame_name(frame, frames) == name:
                        found = True
                        if change.get("remove") is True:
                            continue
                        _change(frame, change)
                    kept.append(frame)
                if isinstance(page, dict) and "frames" in page:
                    page["frames"] = kept
        if found:
            for where in ("page", "long_page"):
                if where in change:
                    raise InputError(f"frame {name!r} is already on a page; '{where}' only places a new frame",
                                     file=path, field=f"{key}.{where}", hint="change its 'at' to move it on its page")
            continue
        if change.get("remove") is True:
            raise InputError(f"no frame named {name!r} to remove", file=path, field=f"{key}.name",
                             hint=f"names of the parent's frames: {', '.join(_names(data)) or 'none'}")
        _add(data, change, key, path)
    return data


def _change(frame: dict[str, Any], change: dict[str, Any]) -> None:
    for k, v in change.items():
        if k in CHANGE_KEYS and k != "name":
            continue
        frame[k] = copy.deepcopy(v)
        if k == "at":
            frame.pop("cell", None)
        elif k == "cell":
            frame.pop("at", None)


def _add(data: dict[str, Any], change: dict[str, Any], key: str, path: Path) -> None:
    """A new frame on the page(s) the change names."""
    placed = False
    for where, set_key in (("page", "pages"), ("long_page", "long_pages")):
        if where not in change:
            continue
        pages = data.get(set_key)
        number = change[where]
        if not isinstance(pages, list) or not isinstance(number, int) or isinstance(number, bool) \
                or not 1 <= number <= len(pages) or not isinstance(pages[number - 1], dict):
            count = len(pages) if isinstance(pages, list) else 0
            raise InputError(f"expected a page number from 1 to {count}, got {number!r}", file=path,
                             field=f"{key}.{where}")
        frame = {k: copy.deepcopy(v) for k, v in change.items() if k not in CHANGE_KEYS or k == "name"}
        pages[number - 1].setdefault("frames", []).append(frame)
        placed = True
    if not placed:
        raise InputError(f"no frame named {change['name']!r} in the parent layout", file=path, field=f"{key}.name",
                         hint=f"change one of {', '.join(_names(data)) or 'none'}, or add a new frame with "
                              "page = <number> and its block")


def _names(data: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for set_key in PAGE_SETS:
        frames = _set_frames(data, set_key)
        names += [n for n in (frame_name(f, frames) for f in frames) if n and n not in names]
    return names


def lost_blocks(parent: dict[str, Any], child: dict[str, Any]) -> list[str]:
    """What the parent layout shows (statement, headline, slogans) and the merged child no longer does."""
    lost = []
    for set_key in PAGE_SETS:
        before = {f.get("block") for f in _set_frames(parent, set_key)}
        after = {f.get("block") for f in _set_frames(child, set_key)}
        if not before:
            continue
        for block, what in WATCHED_BLOCKS.items():
            gone = block in before and block not in after
            if gone and what not in lost and not (what == "the slogans" and after & {"slogans", "band", "hero"}):
                lost.append(what)
    return lost
