"""Static instances of variable fonts, made with fontTools' instancer and cached on disk.

A variable font (one file with a ``wght`` axis, say) is cut to a plain static font at the axis values
a style asks for; that instance is what HarfBuzz shapes and what the PDF embeds, byte for byte.
Instancing a large font takes seconds, so instances are kept in a cache folder, one file per font and
axis values::

    $XDG_CACHE_HOME/handbill/instances/<sha256 of the variable font, 16 hex>-wght700-wdth100.ttf

in handbill's cache entry format (header, digest, then the font's bytes: see handbill.cache), read only
as a regular file under a size cap and used only if it still opens as a font.

(``~/.cache/handbill`` when XDG_CACHE_HOME is not set; HANDBILL_CACHE overrides both.) A cache
file is written to a temporary name and renamed, so a parallel build never reads half a file; a
cache that cannot be written is skipped (the instance is then made again in the next process).

API::

    from handbill.fonts.instance import axes_for_style, instance_bytes
    axes = axes_for_style("bold", {"wght": (100, 400, 900)})     # {"wght": 700.0}
    data = instance_bytes(variable_font_bytes, axes)             # the static font's bytes
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from pathlib import Path

from fontTools.ttLib import TTFont

from handbill.cache import CacheError, cache_dir, decode_entry, encode_entry, read_regular, store

# The axis values a style means when the catalog does not say: OpenType's registered weights.
STYLE_WEIGHTS = {"regular": 400.0, "italic": 400.0, "bold": 700.0, "bold_italic": 700.0}
ITALIC_SLANT = -10.0  # degrees, for a font with a slnt axis but no ital axis

MAX_INSTANCE_BYTES = 64_000_000  # a cached instance larger than this is made again, not read
AxisRanges = Mapping[str, tuple[float, float, float]]  # tag -> (minimum, default, maximum)


def variable_axes(font: TTFont) -> dict[str, tuple[float, float, float]]:
    """The axes of a variable font (empty for a static font)."""
    if "fvar" not in font:
        return {}
    return {axis.axisTag: (axis.minValue, axis.defaultValue, axis.maxValue) for axis in font["fvar"].axes}


def axes_for_style(style: str, ranges: AxisRanges,
                   explicit: Mapping[str, float] | None = None) -> dict[str, float]:
    """Every axis pinned for a catalog style: the catalog's values, else the style's weight and slant,
    else the axis default; each clamped to the axis range.

    Args:
        style: regular, bold, italic or bold_italic.
        ranges: the font's axes (see variable_axes).
        explicit: values the catalog gives for this style (``axes = { wght = 650 }``); they win.
    """
    wanted: dict[str, float] = {tag: default for tag, (_, default, _) in ranges.items()}
    if "wght" in ranges:
        wanted["wght"] = STYLE_WEIGHTS.get(style, 400.0)
    if "italic" in style:
        if "ital" in ranges:
            wanted["ital"] = 1.0
        elif "slnt" in ranges:
            wanted["slnt"] = ITALIC_SLANT
    wanted.update(explicit or {})
    unknown = sorted(set(wanted) - set(ranges))
    if unknown:
        raise ValueError(f"the font has no axis {', '.join(unknown)} (it has {', '.join(sorted(ranges))})")
    return {tag: min(max(value, ranges[tag][0]), ranges[tag][2]) for tag, value in sorted(wanted.items())}


def instance_bytes(data: bytes, axes: Mapping[str, float], cache: Path | None = None) -> bytes:
    """The static instance of a variable font at the given axis values (every axis pinned)."""
    name = instance_name(data, axes)
    path = cache / name if cache is not None else None
    if path is not None:
        entry = read_regular(path, MAX_INSTANCE_BYTES + 512)  # never a link, FIFO or device
        cached = decode_entry("instances", name, entry) if entry is not None else None
        if cached is not None and _is_font(cached):
            return cached
    made = make_instance(data, axes)
    if path is not None and len(made) <= MAX_INSTANCE_BYTES:
        store(path, encode_entry("instances", name, made))
    return made


def make_instance(data: bytes, axes: Mapping[str, float]) -> bytes:
    """Cut the instance with fontTools (deterministic: no timestamps are updated)."""
    font = TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=False)
    from fontTools.varLib import instancer  # 60 ms to import: only when a variable font is used

    static = instancer.instantiateVariableFont(font, dict(axes), inplace=False)
    out = io.BytesIO()
    static.save(out)
    return out.getvalue()


def instance_name(data: bytes, axes: Mapping[str, float]) -> str:
    """The cache file name: the variable font's digest and the axis values."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    values = "-".join(f"{tag}{value:g}" for tag, value in sorted(axes.items()))
    return f"{digest}-{values}.ttf"


def instances_dir() -> Path | None:
    """Where instances are kept: ``instances/`` in handbill's cache folder (None when caching is off)."""
    try:
        base = cache_dir()
    except CacheError:  # refused (reported before the build): instances are made again
        return None
    return None if base is None else base / "instances"


def _is_font(data: bytes) -> bool:
    try:
        TTFont(io.BytesIO(data), lazy=True)["head"]
    except Exception:  # a truncated or foreign file: make the instance again
        return False
    return True


