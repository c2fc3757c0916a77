"""A layout's print settings: ``[output]`` (PDF/X flavour, printing condition and profile, ink limit,
overprint) and ``[imposition]`` (sheet, copies, scheme), validated (see load/layout.py)."""

from __future__ import annotations

import dataclasses
from typing import cast, get_args

from handbill.conditions import condition, condition_names
from handbill.errors import InputError
from handbill.load.geometry import PAGE_SIZES_MM
from handbill.load.icc import read_icc
from handbill.load.layout_values import is_number, named_size
from handbill.load.toml import Fields
from handbill.model import MM, Color, Imposition, Layout, PrintSpec, Scheme

SCHEMES: tuple[str, ...] = get_args(Scheme)
OUTPUT_KEYS = ("pdfx", "color", "icc_profile", "condition", "output_condition", "ink_limit", "min_image_dpi",
               "max_image_dpi", "overprint", "overprint_rule")
PDFX_VERSIONS = ("PDF/X-4", "PDF/X-4p", "PDF/X-1a", "none")
IMPOSITION_KEYS = ("sheet", "orientation", "up", "scheme", "duplex", "gap")
SHEET_SIZES_MM = {**PAGE_SIZES_MM, "SRA4": (225, 320), "SRA3": (320, 450), "SRA2": (450, 640)}  # press sheets
MARK_ROOM_MM = 3  # beyond the marks' offset on an imposed sheet: 2 mm of mark at least, 1 mm to the paper edge
UPS = (2, 4, 8)
DEFAULT_OVERPRINT = 24.0  # points: black text below this size overprints unless the layout says otherwise


def output_spec(table: Fields, colors: dict[str, Color]) -> PrintSpec:
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
        max_image_dpi=table.number("max_image_dpi", 450, minimum=150, maximum=2400),
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


def imposition_spec(fields: Fields, width: float, height: float, bleed: float) -> Imposition | None:
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
    offset = max(float(page.get("mark_offset", 3)) if is_number(page.get("mark_offset", 3)) else 3.0, bleed / MM)
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
    return named_size(table, "sheet")


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
