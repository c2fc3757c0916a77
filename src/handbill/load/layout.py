"""Loading layouts (``layouts/<name>.toml``): page geometry, colours, styles and frames, validated.

Every mistake is reported with the file, the key path and what is allowed. A layout may ``extends``
another (tables are merged key by key; arrays such as ``pages`` are replaced whole; ``[[frames]]``
changes or adds single frames by name, see load/extend.py).
"""

from __future__ import annotations

import copy
import difflib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, get_args

from handbill.errors import HandbillError, InputError
from handbill.frozen import FrozenMap
from handbill.load.extend import apply_frame_changes, frame_name, lost_blocks
from handbill.load.geometry import rescale_inherited, resolve_cells
from handbill.load.layout_print import imposition_spec, output_spec
from handbill.load.layout_values import color_ref, colors_table, page_size
from handbill.load.paths import confine
from handbill.load.reading_order import column_order_warnings
from handbill.load.screen import resolve_pixels, screen_spec
from handbill.load.toml import Fields, read_toml
from handbill.model import (
    MM,
    Align,
    Color,
    Fit,
    Frame,
    Layout,
    Overflow,
    PageTemplate,
    SizeBy,
    Style,
    StyleSet,
    VAlign,
)
from handbill.project import SearchFolder

BLOCKS = ("hero", "slogans", "band", "headline", "lead", "organisation", "statement", "signatories", "rect",
          "image", "qr", "logo", "photo")
GRAPHIC_BLOCKS = ("rect", "image", "qr", "logo", "photo")  # frames without text: no style
PICTURE_BLOCKS = ("image", "logo", "photo")  # frames that show an image file
ALIGNS: tuple[str, ...] = get_args(Align)
FITS: tuple[str, ...] = get_args(Fit)
OVERFLOWS: tuple[str, ...] = get_args(Overflow)
VALIGNS: tuple[str, ...] = get_args(VAlign)
SIZE_BY: tuple[str, ...] = get_args(SizeBy)
STYLE_KEYS = ("size", "min_size", "max_size", "leading", "weight", "italic", "tracking", "uppercase", "hyphenate",
              "align", "color", "space_after", "indent", "max_gap", "size_by")
LAYOUT_KEYS = ("description", "versions", "extends", "page", "colors", "styles", "pages", "long_pages", "output",
               "imposition", "screen")
PAGE_KEYS = ("size", "orientation", "bleed", "crop_marks", "mark_offset", "mark_length", "mirror_rtl", "background",
             "safe_margin", "registration_marks", "slug")
FRAME_KEYS = ("block", "at", "style", "columns", "gutter", "valign", "fit", "fill", "max_lines", "max_scale", "src",
              "url", "ink", "overflow", "alt", "name", "stack", "stretch", "duotone", "cover")
MAX_EXTENDS = 8
MAX_PAGES = 32  # pages of one layout (see docs/limits.md)
MAX_FRAMES = 200  # frames on one page
MAX_MM = 10_000  # the largest coordinate or size in a frame's `at`, in mm
MAX_URL_CHARS = 1_000  # a qr frame's url (the same cap as leaflet.toml's url)
MIN_COLUMN_MM = 5  # the narrowest text column


def find_layout(name: str, search: list[Path]) -> Path:
    """The file of a layout by name, or an error listing the layouts there are.

    A name is a file name without ``.toml`` (``a3-poster``) or a path below a layout folder
    (``posters/a3``); the file found must resolve (links included) inside the layout folders.
    """
    pure = PurePosixPath(name)
    if (not name.strip() or "\x00" in name or "\\" in name or pure.is_absolute() or name.startswith("~")
            or ".." in pure.parts or (name[1:2] == ":" and name[0].isalpha())):
        raise InputError(f"{name!r} is not a layout name",
                         hint="name a layout by its file name without .toml, e.g. \"a3-poster\", from a layouts "
                              "folder (handbill layouts lists them)")
    for folder in search:
        path = folder / f"{name}.toml"
        if os.path.lexists(path):
            confine(path, search, what=f"layout {path.name}", within="the layout folders", source=path)
            return path
    known = sorted({p.stem for folder in search for p in folder.glob("*.toml")})
    where = ", ".join(str(f) for f in search) or "no layouts folder found"
    close = difflib.get_close_matches(re.sub(r"[\s_]+", "-", name.strip().lower()), known, n=1, cutoff=0.7)
    if close:
        raise InputError(f"unknown layout '{name}'",
                         hint=f"did you mean '{close[0]}'? ('handbill layouts' lists them all)")
    raise InputError(f"unknown layout '{name}'", hint=f"known layouts: {', '.join(known) or 'none'} (in {where})")


@dataclass(frozen=True)
class LayoutEntry:
    """One layout name as ``handbill layouts`` shows it: the file that serves it, where that file comes
    from, the files it overrides, and the layout or the error that loading it gave."""

    name: str
    path: Path
    origin: str
    overrides: tuple[Path, ...]
    layout: Layout | None
    error: HandbillError | None


def survey_layouts(folders: list[SearchFolder]) -> list[LayoutEntry]:
    """Every layout name found, served by the nearest folder; a broken layout is reported in its entry
    and does not hide the others."""
    files: dict[str, list[tuple[Path, str]]] = {}
    for folder in folders:
        for path in sorted(folder.path.glob("*.toml")):
            files.setdefault(path.stem, []).append((path, folder.origin))
    search = [folder.path for folder in folders]
    entries = []
    for name in sorted(files):
        (path, origin), *shadowed = files[name]
        layout, error = None, None
        try:
            layout = load_layout(path, search)
        except HandbillError as exc:
            error = exc
        entries.append(LayoutEntry(name, path, origin, tuple(p for p, _ in shadowed), layout, error))
    return entries


def load_layout(path: Path, search: list[Path] | None = None) -> Layout:
    """Read, merge (``extends``) and validate a layout file."""
    warnings: list[str] = []
    data = _merged(path, search if search is not None else [path.parent], depth=0, warnings=warnings)
    layout = _build(path, resolve_cells(path, resolve_pixels(path, data)))
    return replace(layout, warnings=(*warnings, *column_order_warnings(layout)))


def _merged(path: Path, search: list[Path], depth: int, warnings: list[str]) -> dict[str, Any]:
    data = read_toml(path)
    parent = data.get("extends")
    if parent is None:
        if "frames" in data:
            raise InputError("[[frames]] changes the frames of the layout this one extends, and it extends none",
                             file=path, field="frames",
                             hint='add extends = "<layout>", or put the frames under [[pages]] as [[pages.frames]]')
        return data
    if not isinstance(parent, str):
        raise InputError("expected a layout name (a string)", file=path, field="extends")
    if depth >= MAX_EXTENDS:
        raise InputError(f"'extends' chain is longer than {MAX_EXTENDS} (a loop?)", file=path, field="extends")
    try:
        parent_path = find_layout(parent, [path.parent, *search])
    except InputError as exc:
        raise InputError(exc.message, file=path, field="extends", hint=exc.hint) from None
    if parent_path.resolve() == path.resolve():
        raise InputError("a layout cannot extend itself", file=path, field="extends")
    override = {k: v for k, v in data.items() if k not in ("extends", "frames")}
    base = rescale_inherited(_merged(parent_path, search, depth + 1, warnings), override)
    if "pages" in override and "long_pages" not in override:
        base.pop("long_pages", None)  # a design of its own: the parent's pages for long statements do not fit it
    merged = _deep_merge(base, override)
    if "frames" in data:
        merged = apply_frame_changes(merged, data["frames"], path)
    for what in lost_blocks(base, merged):
        warnings.append(f"{path.name} shows no {what[4:]}, which {parent_path.stem} showed: its pages replace the "
                        f"parent's whole (add the frame back, or change single frames with [[frames]] and a name)")
    return merged


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _build(path: Path, data: dict[str, Any]) -> Layout:
    fields = Fields(data, path)
    fields.check_keys(LAYOUT_KEYS)
    versions = fields.text("versions", "statement")
    if versions not in ("statement", "slogans"):
        raise fields.error("versions", f"must be 'statement' or 'slogans', got {versions!r}",
                           "'statement': one version per statement.<lang>.md; 'slogans': one per slogan language")
    colors = colors_table(fields.table_of("colors"))
    output = output_spec(fields.table_of("output"), colors)
    page = fields.table_of("page")
    page.check_keys(PAGE_KEYS)
    width, height = page_size(page)
    background = color_ref(page, "background", colors) if "background" in page.table else None
    styles = _styles(fields.table_of("styles"), colors)
    pages = _pages(fields, width, height, styles, colors)
    long_pages = _pages(fields, width, height, styles, colors, "long_pages") if "long_pages" in data else ()
    bleed = page.number("bleed", 3.0, minimum=0, maximum=25) * MM
    return Layout(
        name=path.stem,
        path=path,
        description=fields.text("description", ""),
        versions=versions,
        width=width,
        height=height,
        bleed=bleed,
        crop_marks=page.get("crop_marks", bool, False),
        mark_offset=page.number("mark_offset", 3.0, minimum=0, maximum=20) * MM,
        mark_length=page.number("mark_length", 5.0, minimum=1, maximum=20) * MM,
        mirror_rtl=page.get("mirror_rtl", bool, True),
        background=background,
        pages=pages,
        styles=FrozenMap(styles),
        colors=FrozenMap(colors),
        safe_margin=page.number("safe_margin", 5.0, minimum=0, maximum=50) * MM,
        registration_marks=page.get("registration_marks", bool, False),
        slug=page.get("slug", bool, False),
        output=output,
        imposition=imposition_spec(fields, width, height, bleed),
        screen=screen_spec(path, data),
        long_pages=long_pages,
    )


_DEFAULT_STYLE = {"size": 10.0, "leading": 1.25, "weight": "regular", "italic": False, "tracking": 0.0,
                  "uppercase": False, "hyphenate": False, "align": "start", "color": "black", "space_after": 0.0,
                  "indent": 0.0, "max_gap": 1.0, "size_by": "em"}


def _styles(table: Fields, colors: dict[str, Color]) -> dict[str, StyleSet]:
    styles: dict[str, StyleSet] = {}
    for name in table.table:
        entry = table.table_of(name)
        entry.check_keys([*STYLE_KEYS, "scripts"])
        base_values = {k: v for k, v in entry.table.items() if k != "scripts"}
        base = _style(entry, {**_DEFAULT_STYLE, **base_values}, colors)
        scripts: dict[str, Style] = {}
        script_table = entry.table_of("scripts")
        for script in script_table.table:
            if len(script) != 4 or not script.isalpha():
                raise script_table.error(script, "not an ISO 15924 script code", "use e.g. Arab, Hebr, Armn, Grek")
            override = script_table.table_of(script)
            override.check_keys(STYLE_KEYS)
            scripts[script] = _style(override, {**_DEFAULT_STYLE, **base_values, **override.table}, colors)
        styles[name] = StyleSet(base, FrozenMap(scripts))
    return styles


def _style(entry: Fields, values: dict[str, Any], colors: dict[str, Color]) -> Style:
    merged = Fields(values, entry.path, entry.prefix)
    size = merged.number("size", minimum=2, maximum=1000)
    weight = merged.text("weight")
    if weight not in ("regular", "bold"):
        raise entry.error("weight", f"must be 'regular' or 'bold', got {weight!r}")
    align = merged.text("align")
    if align not in ALIGNS:
        raise entry.error("align", f"must be one of {', '.join(ALIGNS)}, got {align!r}")
    size_by = merged.text("size_by")
    if size_by not in SIZE_BY:
        raise entry.error("size_by", f"must be one of {', '.join(SIZE_BY)}, got {size_by!r}",
                          "\"x-height\" sets every script to look as large as Latin text; \"em\" takes sizes as given")
    color = merged.text("color")
    if color not in colors:
        raise entry.error("color", f"unknown colour {color!r}", f"define it under [colors]; known: {', '.join(colors)}")
    return Style(
        size=size,
        min_size=merged.number("min_size", size * 0.7, minimum=2, maximum=size),
        max_size=merged.number("max_size", size, minimum=size, maximum=1000),
        leading=merged.number("leading", minimum=0.8, maximum=3),
        bold=weight == "bold",
        italic=merged.get("italic", bool),
        tracking=merged.number("tracking", minimum=-100, maximum=500),
        uppercase=merged.get("uppercase", bool),
        hyphenate=merged.get("hyphenate", bool),
        align=align,
        color=colors[color],
        space_after=merged.number("space_after", minimum=0, maximum=200),
        indent=merged.number("indent", minimum=0, maximum=100) * MM,
        max_gap=merged.number("max_gap", minimum=0.25, maximum=3),
        size_by=size_by,
    )


def _pages(fields: Fields, width: float, height: float, styles: dict[str, StyleSet],
           colors: dict[str, Color], key: str = "pages") -> tuple[PageTemplate, ...]:
    pages = fields.tables(key)
    if not pages:
        raise fields.error(key, f"a layout needs at least one [[{key}]] entry with [[{key}.frames]]")
    if len(pages) > MAX_PAGES:
        raise fields.error(key, f"{len(pages)} pages; at most {MAX_PAGES} are supported")
    raw = [f.table for page in pages for f in page.tables("frames")]
    names: dict[str, str] = {}
    templates = []
    for page in pages:
        page.check_keys(["frames"])
        frames = []
        if len(page.tables("frames")) > MAX_FRAMES:
            raise page.error("frames", f"{len(page.tables('frames'))} frames; at most {MAX_FRAMES} are supported")
        for frame in page.tables("frames"):
            name = frame_name(frame.table, raw)
            if "name" in frame.table and name in names:
                raise frame.error("name", f"{name!r} already names {names[name]}", "give each frame its own name")
            names.setdefault(name, frame.prefix)
            frames.append(replace(_frame(frame, width, height, styles, colors), name=name))
        templates.append(PageTemplate(tuple(frames)))
    return tuple(templates)


def _frame(frame: Fields, width: float, height: float, styles: dict[str, StyleSet],
           colors: dict[str, Color]) -> Frame:
    frame.check_keys(FRAME_KEYS)
    frame.text("name", "")  # a string, if given
    block = frame.text("block")
    if block not in BLOCKS:
        raise frame.error("block", f"unknown block {block!r}", f"use one of {', '.join(BLOCKS)}")
    at = frame.get("at", list, required=True)
    if len(at) != 4 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) <= MAX_MM
                               for v in at):  # abs(nan) <= MAX_MM is False: NaN and infinity are refused
        raise frame.error("at", f"expected [x, y, width, height] in mm (each at most {MAX_MM}), got {at!r}")
    x, y, w, h = (v * MM for v in at)
    if w <= 0 or h <= 0:
        raise frame.error("at", "width and height must be positive")
    tolerance = 0.01
    if block not in ("rect", "image", "photo") and (x < -tolerance or y < -tolerance or x + w > width + tolerance
                            or y + h > height + tolerance):
        raise frame.error("at", f"frame {at!r} mm lies outside the {width / MM:.0f} x {height / MM:.0f} mm page",
                          "frames are measured in mm from the trimmed page's top-left corner")
    style = frame.text("style", block)
    if block not in GRAPHIC_BLOCKS and style not in styles:
        raise frame.error("style", f"unknown style {style!r}", f"define [styles.{style}]; known: {', '.join(styles)}")
    fit = frame.text("fit", "shrink")
    if fit not in FITS:
        raise frame.error("fit", f"must be one of {', '.join(FITS)}, got {fit!r}")
    overflow = frame.text("overflow", "report")
    if overflow not in OVERFLOWS or (overflow == "continue" and block != "statement"):
        raise frame.error("overflow", f"must be one of {', '.join(OVERFLOWS)} ('continue' only on statement frames), "
                                      f"got {overflow!r}")
    valign = frame.text("valign", "top")
    if valign not in VALIGNS:
        raise frame.error("valign", f"must be one of {', '.join(VALIGNS)}, got {valign!r}")
    fill = color_ref(frame, "fill", colors) if "fill" in frame.table else None
    if block == "rect" and fill is None:
        raise frame.error("fill", "a rect frame needs a fill colour")
    src, url, ink = _graphic_keys(frame, block, colors)
    stack, stretch = _stack_keys(frame, block)
    columns = int(frame.number("columns", 1, minimum=1, maximum=8))
    gutter = frame.number("gutter", 5, minimum=0, maximum=100) * MM
    column = (w - gutter * (columns - 1)) / columns
    if block not in GRAPHIC_BLOCKS and column < MIN_COLUMN_MM * MM:
        raise frame.error("columns", f"{columns} columns with {gutter / MM:g} mm gutters leave {column / MM:.1f} mm "
                          f"per column in a {w / MM:g} mm wide frame", f"give each column at least {MIN_COLUMN_MM} mm: "
                          "fewer columns, a smaller gutter or a wider frame")
    return Frame(
        block=block, x=x, y=y, width=w, height=h, style=style,
        columns=columns,
        gutter=gutter,
        valign=valign, fit=fit, fill=fill,
        max_lines=int(frame.number("max_lines", 0, minimum=0, maximum=100)),
        max_scale=frame.number("max_scale", 0, minimum=1, maximum=10) if "max_scale" in frame.table else 0.0,
        overflow=overflow,
        key=frame.prefix,
        src=src, url=url, ink=ink, alt=_alt(frame, block), stack=stack, stretch=stretch,
        duotone=_duotone(frame, block, colors), cover=_cover(frame, block),
    )


def _stack_keys(frame: Fields, block: str) -> tuple[str, bool]:
    """A frame's ``stack`` name and ``stretch``: statement frames flow, they do not stack."""
    stack = frame.text("stack", "")
    if stack and block == "statement":
        raise frame.error("stack", "a statement frame cannot be in a stack (the statement flows through its frames)",
                          "take stack off the statement frame; stack the frames around it")
    stretch = bool(frame.get("stretch", bool, False))
    if stretch and not stack:
        raise frame.error("stretch", "only a frame in a stack can stretch (it grows into the stack's spare height)",
                          'give the frame stack = "name" too, or take stretch off')
    return stack, stretch


def _duotone(frame: Fields, block: str, colors: dict[str, Color]) -> tuple[Color, Color] | None:
    """A picture frame's ``duotone = ["ink", "red"]``: the shadow colour and the colour, both CMYK or spot."""
    if "duotone" not in frame.table:
        return None
    if block not in PICTURE_BLOCKS:
        raise frame.error("duotone", "only image, logo and photo frames have duotone")
    names = frame.get("duotone", list)
    if len(names) != 2 or not all(isinstance(n, str) for n in names):
        raise frame.error("duotone", f"expected two colour names, the shadows' and the picture's, got {names!r}",
                          'e.g. duotone = ["ink", "red"]')
    pair = []
    for value in names:
        if value not in colors:
            raise frame.error("duotone", f"unknown colour {value!r}", f"define it under [colors]; known: "
                                                                      f"{', '.join(colors)}")
        if colors[value].cmyk is None:
            raise frame.error("duotone", f"colour {value!r} is RGB; a duotone prints in inks",
                              "give the colour as cmyk = [c, m, y, k] (or a spot colour)")
        pair.append(colors[value])
    if "ink" in frame.table:
        raise frame.error("duotone", "a frame prints its picture in one ink (ink) or as a duotone, not both")
    return pair[0], pair[1]


def _cover(frame: Fields, block: str) -> bool:
    """A picture frame's ``cover = true``: fill the frame, cropping what overflows (centred)."""
    if "cover" in frame.table and block not in PICTURE_BLOCKS:
        raise frame.error("cover", "only image, logo and photo frames have cover")
    return bool(frame.get("cover", bool, False))


def _alt(frame: Fields, block: str) -> str:
    """An image frame's ``alt``: what the image shows, for readers of the tagged PDF."""
    if "alt" in frame.table and block not in PICTURE_BLOCKS:
        raise frame.error("alt", "only image, logo and photo frames have alt (a QR code's alt text is its URL)")
    return " ".join(frame.text("alt", "").split())


def _graphic_keys(frame: Fields, block: str, colors: dict[str, Color]) -> tuple[str, str, Color | None]:
    """``src`` and ``ink`` of an image frame, ``url`` of a qr frame; each only where it applies."""
    for key, owner in (("src", "image"), ("ink", "image"), ("url", "qr")):
        if key in frame.table and block != owner:
            raise frame.error(key, f"only a{'n' if owner == 'image' else ''} {owner} frame has {key}")
    src = frame.text("src", "")
    if block == "image" and not src:
        raise frame.error("src", "an image frame needs the file to show",
                          'give src = "logo.png": a PNG or JPEG in the leaflet folder')
    if src and (Path(src).is_absolute() or ".." in Path(src).parts
                or Path(src).suffix.lower() not in (".png", ".jpg", ".jpeg")):
        raise frame.error("src", f"{src!r} is not a PNG or JPEG file name inside the leaflet folder",
                          'use e.g. src = "logo.png" (SVG is not supported: export it as PNG at 300 dpi)')
    url = frame.text("url", "")
    if url and not url.isascii():
        raise frame.error("url", "a QR code URL must be ASCII", "percent-encode other characters")
    if len(url) > MAX_URL_CHARS:
        raise frame.error("url", f"is {len(url):,} characters long; at most {MAX_URL_CHARS:,} fit a QR code that "
                          "can still be scanned", "use a shorter address")
    ink = color_ref(frame, "ink", colors) if "ink" in frame.table else None
    if ink is not None and ink.space != "spot":
        raise frame.error("ink", f"colour {ink.name!r} is not a spot colour",
                          "an image printed in one ink needs a spot colour (colors.<name>.spot)")
    return src, url, ink
