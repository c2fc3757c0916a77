"""Loading layouts (``layouts/<name>.toml``): page geometry, colours, styles and frames, validated.

Every mistake is reported with the file, the key path and what is allowed. A layout may ``extends``
another (tables are merged key by key; arrays such as ``pages`` are replaced whole).
"""

from __future__ import annotations

import copy
import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, cast, get_args

from handbill.conditions import condition, condition_names
from handbill.errors import HandbillError, InputError
from handbill.frozen import FrozenMap
from handbill.load.geometry import PAGE_SIZES_MM, rescale_inherited, resolve_cells
from handbill.load.icc import read_icc
from handbill.load.paths import confine
from handbill.load.screen import resolve_pixels, screen_spec
from handbill.load.toml import Fields, read_toml
from handbill.model import (
    MM,
    Align,
    Color,
    Fit,
    Frame,
    Imposition,
    Layout,
    Overflow,
    PageTemplate,
    PrintSpec,
    Scheme,
    Style,
    StyleSet,
    VAlign,
)
from handbill.project import SearchFolder

BLOCKS = ("hero", "slogans", "band", "headline", "lead", "organisation", "statement", "signatories", "rect",
          "image", "qr")
GRAPHIC_BLOCKS = ("rect", "image", "qr")  # frames without text: no style
ALIGNS: tuple[str, ...] = get_args(Align)
FITS: tuple[str, ...] = get_args(Fit)
OVERFLOWS: tuple[str, ...] = get_args(Overflow)
VALIGNS: tuple[str, ...] = get_args(VAlign)
STYLE_KEYS = ("size", "min_size", "max_size", "leading", "weight", "italic", "tracking", "uppercase", "hyphenate",
              "align", "color", "space_after", "indent", "max_gap")
LAYOUT_KEYS = ("description", "versions", "extends", "page", "colors", "styles", "pages", "output", "imposition",
               "screen")
PAGE_KEYS = ("size", "orientation", "bleed", "crop_marks", "mark_offset", "mark_length", "mirror_rtl", "background",
             "safe_margin", "registration_marks", "slug")
OUTPUT_KEYS = ("pdfx", "color", "icc_profile", "condition", "output_condition", "ink_limit", "min_image_dpi",
               "overprint", "overprint_rule")
PDFX_VERSIONS = ("PDF/X-4", "PDF/X-4p", "PDF/X-1a", "none")
IMPOSITION_KEYS = ("sheet", "orientation", "up", "scheme", "duplex", "gap")
SCHEMES: tuple[str, ...] = get_args(Scheme)
SHEET_SIZES_MM = {**PAGE_SIZES_MM, "SRA4": (225, 320), "SRA3": (320, 450), "SRA2": (450, 640)}  # press sheets
MARK_ROOM_MM = 3  # beyond the marks' offset on an imposed sheet: 2 mm of mark at least, 1 mm to the paper edge
UPS = (2, 4, 8)
DEFAULT_OVERPRINT = 24.0  # points: black text below this size overprints unless the layout says otherwise
FRAME_KEYS = ("block", "at", "style", "columns", "gutter", "valign", "fit", "fill", "max_lines", "src", "url", "ink",
              "overflow", "alt")
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
    data = _merged(path, search if search is not None else [path.parent], depth=0)
    return _build(path, resolve_cells(path, resolve_pixels(path, data)))


def _merged(path: Path, search: list[Path], depth: int) -> dict[str, Any]:
    data = read_toml(path)
    parent = data.get("extends")
    if parent is None:
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
    override = {k: v for k, v in data.items() if k != "extends"}
    base = rescale_inherited(_merged(parent_path, search, depth + 1), override)
    return _deep_merge(base, override)


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
    colors = _colors(fields.table_of("colors"))
    output = _output(fields.table_of("output"), colors)
    page = fields.table_of("page")
    page.check_keys(PAGE_KEYS)
    width, height = _page_size(page)
    background = _color_ref(page, "background", colors) if "background" in page.table else None
    styles = _styles(fields.table_of("styles"), colors)
    pages = _pages(fields, width, height, styles, colors)
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
        imposition=_imposition(fields, width, height, bleed),
        screen=screen_spec(path, data),
    )


def _page_size(page: Fields) -> tuple[float, float]:
    w, h = _named_size(page, "size")
    orientation = page.text("orientation", "portrait")
    if orientation not in ("portrait", "landscape"):
        raise page.error("orientation", f"must be 'portrait' or 'landscape', got {orientation!r}")
    if (orientation == "landscape") != (w > h):
        w, h = h, w
    return w * MM, h * MM


def _named_size(page: Fields, key: str) -> tuple[float, float]:
    """A size by name (A4, Letter, ...) or [width, height] in mm, as (width, height) in mm."""
    size = page.get(key, (str, list), "A4")
    if isinstance(size, str):
        if size not in PAGE_SIZES_MM:
            raise page.error(key, f"unknown page size {size!r}",
                             f"use one of {', '.join(PAGE_SIZES_MM)} or [width, height] in mm")
        return PAGE_SIZES_MM[size]
    if len(size) != 2 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 20 <= v <= 2000
                                 for v in size):
        raise page.error(key, f"expected [width, height] in mm (20 to 2000), got {size!r}")
    return size[0], size[1]


def _colors(table: Fields) -> dict[str, Color]:
    colors: dict[str, Color] = {"black": Color("black", "cmyk", (0, 0, 0, 1)),
                                "white": Color("white", "cmyk", (0, 0, 0, 0))}
    for name in table.table:
        entry = table.table_of(name)
        entry.check_keys(["cmyk", "rgb", "spot", "tint"])
        if "spot" in entry.table:
            colors[name] = _spot(entry, name)
        elif "tint" in entry.table:
            raise entry.error("tint", "only a spot colour has a tint", 'add spot = "Ink name", or remove tint')
        elif "cmyk" in entry.table:
            values = entry.get("cmyk", list)
            if len(values) != 4 or not all(_is_number(v) and 0 <= v <= 100 for v in values):
                raise entry.error("cmyk", f"expected four percentages 0..100, got {values!r}")
            colors[name] = Color(name, "cmyk", tuple(v / 100 for v in values))
        elif "rgb" in entry.table:
            value = entry.text("rgb")
            if not (len(value) == 7 and value.startswith("#")) or not _is_hex(value[1:]):
                raise entry.error("rgb", f"expected '#rrggbb', got {value!r}")
            colors[name] = Color(name, "rgb", tuple(int(value[i:i + 2], 16) / 255 for i in (1, 3, 5)))
        else:
            raise entry.error("cmyk", "missing colour values", "give cmyk = [c, m, y, k] in percent")
    return colors


def _spot(entry: Fields, name: str) -> Color:
    """A spot (separation) ink: ``{ spot = "Bright Red", cmyk = [0, 80, 90, 0], tint = 100 }``."""
    ink = entry.text("spot")
    if ink in ("All", "None") or not all(32 < ord(ch) < 127 for ch in ink.replace(" ", "_")):
        raise entry.error("spot", f"{ink!r} cannot name an ink",
                          "use a printable ASCII name other than All or None, e.g. \"Riso Bright Red\"")
    if "cmyk" not in entry.table:
        raise entry.error("cmyk", "a spot colour needs its CMYK equivalent (for proofs and screens)",
                          "add cmyk = [c, m, y, k] in percent, as the ink maker gives it")
    values = entry.get("cmyk", list)
    if len(values) != 4 or not all(_is_number(v) and 0 <= v <= 100 for v in values):
        raise entry.error("cmyk", f"expected four percentages 0..100, got {values!r}")
    tint = entry.number("tint", 100, minimum=1, maximum=100)
    return Color(name, "spot", tuple(v / 100 for v in values), tint / 100, ink)


def _output(table: Fields, colors: dict[str, Color]) -> PrintSpec:
    """``[output]``: PDF/X version, colour mode, output profile, ink limit, image resolution."""
    table.check_keys(OUTPUT_KEYS)
    color = table.text("color", "cmyk")
    if color not in ("cmyk", "rgb"):
        raise table.error("color", f"must be 'cmyk' (print) or 'rgb' (screen), got {color!r}")
    pdfx = table.text("pdfx", "PDF/X-4" if color == "cmyk" else "none")
    if pdfx not in PDFX_VERSIONS:
        raise table.error("pdfx", f"must be one of {', '.join(PDFX_VERSIONS)}, got {pdfx!r}")
    if color == "rgb" and pdfx != "none":
        raise table.error("pdfx", f"{pdfx} is for print (CMYK); screen output (color = 'rgb') has none",
                          "remove pdfx, or set color = 'cmyk'")
    if color == "cmyk":
        for name, value in colors.items():
            if value.space == "rgb":
                raise InputError(f"RGB colour {name!r} in a CMYK (print) layout", file=table.path,
                                 field=f"colors.{name}.rgb",
                                 hint="give cmyk = [c, m, y, k] in percent (ask the print shop), "
                                      "or set [output] color = \"rgb\" for screen output")
    profile = None
    if "icc_profile" in table.table:
        named = table.text("icc_profile")
        if "\x00" in named:
            raise table.error("icc_profile", "the file name contains a NUL character")
        profile = read_icc(table.path.parent / named, [table.path.parent], source=table.path,
                           field=table.key("icc_profile"))
    named = table.text("condition", "")
    registered = condition(named) if named else None
    if named and registered is None:
        raise table.error("condition", f"unknown printing condition {named!r}",
                          f"use one of {', '.join(condition_names())}, or name the shop's profile with icc_profile")
    if pdfx == "PDF/X-4p" and profile is None:
        raise table.error("pdfx", "PDF/X-4p references a profile the shop has: name it with icc_profile",
                          "give icc_profile = \"...\" (its checksum goes into the file), or use PDF/X-4")
    return PrintSpec(
        pdfx="" if pdfx == "none" else pdfx,
        color=color,
        icc_profile=profile,
        condition=registered.name if registered else "",
        output_condition=table.text("output_condition", ""),
        ink_limit=table.number("ink_limit", registered.tac if registered else 300, minimum=100, maximum=400),
        ink_limit_given="ink_limit" in table.table,
        min_image_dpi=table.number("min_image_dpi", 300, minimum=50, maximum=2400),
        overprint=_overprint(table),
        overprint_rule=table.number("overprint_rule", 1, minimum=0, maximum=20) * MM,
    )


def with_condition(layout: Layout, name: str) -> Layout:
    """The layout printing for another registered condition (``--condition``): its identifier and profile,
    and its ink limit unless the layout names one. Screen layouts are left as they are."""
    registered = condition(name)
    if registered is None:
        raise InputError(f"--condition {name}: unknown printing condition",
                         hint=f"use one of {', '.join(condition_names())}, or name the shop's profile in the layout")
    spec = layout.output
    if spec.color != "cmyk":
        return layout
    limit = spec.ink_limit if spec.ink_limit_given else registered.tac
    return dataclasses.replace(layout, output=dataclasses.replace(spec, condition=registered.name, ink_limit=limit))


def _overprint(table: Fields) -> float:
    """``overprint = 24`` (black text below 24 pt overprints), ``true`` (the same) or ``false`` (none)."""
    raw = table.table.get("overprint")
    if isinstance(raw, bool):
        return DEFAULT_OVERPRINT if raw else 0.0
    return float(table.number("overprint", DEFAULT_OVERPRINT, minimum=0, maximum=400))


def _imposition(fields: Fields, width: float, height: float, bleed: float) -> Imposition | None:
    """``[imposition]``: copies of the pages on a press sheet, e.g. ``sheet = "SRA4", up = 2``."""
    if "imposition" not in fields.table:
        return None
    table = fields.table_of("imposition")
    table.check_keys(IMPOSITION_KEYS)
    if "sheet" not in table.table:
        raise table.error("sheet", "missing required key", "give the sheet size, e.g. sheet = \"SRA4\"")
    w, h = _sheet_size(table)
    up = table.get("up", int, 2)
    if up not in UPS:
        raise table.error("up", f"must be one of {', '.join(map(str, UPS))}, got {up}")
    scheme = _scheme(table)
    gap = table.number("gap", 2 * bleed / MM, minimum=0, maximum=50) * MM
    orientation = table.text("orientation", "auto")
    if orientation not in ("auto", "portrait", "landscape"):
        raise table.error("orientation", f"must be 'auto', 'portrait' or 'landscape', got {orientation!r}")
    page = fields.table.get("page", {})
    offset = max(float(page.get("mark_offset", 3)) if _is_number(page.get("mark_offset", 3)) else 3.0, bleed / MM)
    edge = (offset + MARK_ROOM_MM) * MM
    size_name = table.table["sheet"] if isinstance(table.table["sheet"], str) else f"{w:g} x {h:g} mm"
    sizes = [(min(w, h), max(w, h)), (max(w, h), min(w, h))]  # portrait, landscape
    if orientation != "auto":
        sizes = [sizes[orientation == "landscape"]]
    for sheet_w, sheet_h in sizes:
        candidate = Imposition(size_name, sheet_w * MM, sheet_h * MM, up, scheme, gap, edge)
        if candidate.grid(width, height) is not None:
            return candidate
    even = " in an even number of columns (work-and-turn)" if scheme == "work-and-turn" else ""
    raise table.error("up", f"{up} copies of {width / MM:.0f} x {height / MM:.0f} mm{even}, {gap / MM:g} mm apart, "
                      f"with {edge / MM:g} mm for bleed and marks around them, do not fit a {size_name} sheet"
                      + ("" if orientation == "auto" else f" ({orientation})"),
                      "use a larger sheet (SRA4, SRA3: press sheets with room for bleed and marks), fewer copies, "
                      "or a smaller gap")


def _sheet_size(table: Fields) -> tuple[float, float]:
    """The press sheet in mm: a name (A4, SRA3 ...) or [width, height]."""
    sheet = table.table.get("sheet")
    if isinstance(sheet, str):
        if sheet not in SHEET_SIZES_MM:
            raise table.error("sheet", f"unknown sheet size {sheet!r}",
                              f"use one of {', '.join(SHEET_SIZES_MM)} or [width, height] in mm")
        return SHEET_SIZES_MM[sheet]
    return _named_size(table, "sheet")


def _scheme(table: Fields) -> Scheme:
    """``scheme`` (work-and-turn, sheetwise, step-and-repeat); the older ``duplex`` key maps onto it."""
    if "scheme" in table.table:
        scheme = table.text("scheme")
        if scheme not in SCHEMES:
            raise table.error("scheme", f"must be one of {', '.join(SCHEMES)}, got {scheme!r}")
        return cast(Scheme, scheme)
    duplex = table.text("duplex", "sheetwise")
    mapped = {"work-and-turn": "work-and-turn", "sheetwise": "sheetwise", "none": "step-and-repeat"}
    if duplex not in mapped:
        raise table.error("duplex", f"must be 'work-and-turn' or 'none', got {duplex!r}",
                          f"write scheme = one of {', '.join(SCHEMES)} instead")
    return cast(Scheme, mapped[duplex])


def _is_number(value: object) -> bool:
    """An int or float, not a boolean (``true`` is an int in Python, never a percentage here)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_hex(text: str) -> bool:
    return all(ch in "0123456789abcdefABCDEF" for ch in text)


def _color_ref(fields: Fields, name: str, colors: dict[str, Color]) -> Color:
    value = fields.text(name)
    if value not in colors:
        raise fields.error(name, f"unknown colour {value!r}", f"define it under [colors]; known: {', '.join(colors)}")
    return colors[value]


_DEFAULT_STYLE = {"size": 10.0, "leading": 1.25, "weight": "regular", "italic": False, "tracking": 0.0,
                  "uppercase": False, "hyphenate": False, "align": "start", "color": "black", "space_after": 0.0,
                  "indent": 0.0, "max_gap": 1.0}


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
    )


def _pages(fields: Fields, width: float, height: float, styles: dict[str, StyleSet],
           colors: dict[str, Color]) -> tuple[PageTemplate, ...]:
    pages = fields.tables("pages")
    if not pages:
        raise fields.error("pages", "a layout needs at least one [[pages]] entry with [[pages.frames]]")
    if len(pages) > MAX_PAGES:
        raise fields.error("pages", f"{len(pages)} pages; at most {MAX_PAGES} are supported")
    templates = []
    for page in pages:
        page.check_keys(["frames"])
        frames = []
        if len(page.tables("frames")) > MAX_FRAMES:
            raise page.error("frames", f"{len(page.tables('frames'))} frames; at most {MAX_FRAMES} are supported")
        for frame in page.tables("frames"):
            frames.append(_frame(frame, width, height, styles, colors))
        templates.append(PageTemplate(tuple(frames)))
    return tuple(templates)


def _frame(frame: Fields, width: float, height: float, styles: dict[str, StyleSet],
           colors: dict[str, Color]) -> Frame:
    frame.check_keys(FRAME_KEYS)
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
    if block not in ("rect", "image") and (x < -tolerance or y < -tolerance or x + w > width + tolerance
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
    fill = _color_ref(frame, "fill", colors) if "fill" in frame.table else None
    if block == "rect" and fill is None:
        raise frame.error("fill", "a rect frame needs a fill colour")
    src, url, ink = _graphic_keys(frame, block, colors)
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
        overflow=overflow,
        key=frame.prefix,
        src=src, url=url, ink=ink, alt=_alt(frame, block),
    )


def _alt(frame: Fields, block: str) -> str:
    """An image frame's ``alt``: what the image shows, for readers of the tagged PDF."""
    if "alt" in frame.table and block != "image":
        raise frame.error("alt", "only an image frame has alt (a QR code's alt text is its URL)")
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
    ink = _color_ref(frame, "ink", colors) if "ink" in frame.table else None
    if ink is not None and ink.space != "spot":
        raise frame.error("ink", f"colour {ink.name!r} is not a spot colour",
                          "an image printed in one ink needs a spot colour (colors.<name>.spot)")
    return src, url, ink
