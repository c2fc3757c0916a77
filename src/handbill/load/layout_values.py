"""Values that several parts of a layout file share: page and sheet sizes, named colours and
references to them, and the type checks they use (see load/layout.py)."""

from __future__ import annotations

from handbill.load.geometry import PAGE_SIZES_MM
from handbill.load.toml import Fields
from handbill.model import MM, Color


def page_size(page: Fields) -> tuple[float, float]:
    w, h = named_size(page, "size")
    orientation = page.text("orientation", "portrait")
    if orientation not in ("portrait", "landscape"):
        raise page.error("orientation", f"must be 'portrait' or 'landscape', got {orientation!r}")
    if (orientation == "landscape") != (w > h):
        w, h = h, w
    return w * MM, h * MM


def named_size(page: Fields, key: str) -> tuple[float, float]:
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


def colors_table(table: Fields) -> dict[str, Color]:
    colors: dict[str, Color] = {"black": Color("black", "cmyk", (0, 0, 0, 1)),
                                "white": Color("white", "cmyk", (0, 0, 0, 0))}
    for name in table.table:
        entry = table.table_of(name)
        entry.check_keys(["cmyk", "rgb", "lab", "spot", "tint", "k_only"])
        if "k_only" in entry.table and not ({"rgb", "lab"} & set(entry.table)):
            raise entry.error("k_only", "only an RGB or Lab colour is converted (and may keep a grey in K only)",
                              "remove k_only: a CMYK colour prints as given")
        if "spot" in entry.table:
            colors[name] = spot_color(entry, name)
        elif "tint" in entry.table:
            raise entry.error("tint", "only a spot colour has a tint", 'add spot = "Ink name", or remove tint')
        elif len(given := [key for key in ("cmyk", "rgb", "lab") if key in entry.table]) > 1:
            raise entry.error(given[1], f"a colour is given once: {' and '.join(given)} both name one",
                              f"keep one of {', '.join(given)}")
        elif "cmyk" in entry.table:
            values = entry.get("cmyk", list)
            if len(values) != 4 or not all(is_number(v) and 0 <= v <= 100 for v in values):
                raise entry.error("cmyk", f"expected four percentages 0..100, got {values!r}")
            colors[name] = Color(name, "cmyk", tuple(v / 100 for v in values))
        elif "rgb" in entry.table:
            value = entry.text("rgb")
            if not (len(value) == 7 and value.startswith("#")) or not is_hex(value[1:]):
                raise entry.error("rgb", f"expected '#rrggbb', got {value!r}")
            colors[name] = Color(name, "rgb", tuple(int(value[i:i + 2], 16) / 255 for i in (1, 3, 5)),
                                 k_only=entry.get("k_only", bool, True))
        elif "lab" in entry.table:
            colors[name] = Color(name, "lab", lab_values(entry), k_only=entry.get("k_only", bool, True))
        else:
            raise entry.error("cmyk", "missing colour values",
                              "give cmyk = [c, m, y, k] in percent, rgb = \"#rrggbb\" or lab = [L, a, b]")
    return colors


def lab_values(entry: Fields) -> tuple[float, float, float]:
    """``lab = [L*, a*, b*]`` (CIELAB, D50): L* 0..100, a* and b* -128..127."""
    values = entry.get("lab", list)
    if (len(values) != 3 or not all(is_number(v) for v in values) or not 0 <= values[0] <= 100
            or not all(-128 <= v <= 127 for v in values[1:])):
        raise entry.error("lab", f"expected [L, a, b] with L 0..100 and a, b -128..127, got {values!r}")
    return (float(values[0]), float(values[1]), float(values[2]))


def spot_color(entry: Fields, name: str) -> Color:
    """A spot (separation) ink: ``{ spot = "Bright Red", cmyk = [0, 80, 90, 0], tint = 100 }``."""
    ink = entry.text("spot")
    if ink in ("All", "None") or not all(32 < ord(ch) < 127 for ch in ink.replace(" ", "_")):
        raise entry.error("spot", f"{ink!r} cannot name an ink",
                          "use a printable ASCII name other than All or None, e.g. \"Riso Bright Red\"")
    if "cmyk" not in entry.table:
        raise entry.error("cmyk", "a spot colour needs its CMYK equivalent (for proofs and screens)",
                          "add cmyk = [c, m, y, k] in percent, as the ink maker gives it")
    values = entry.get("cmyk", list)
    if len(values) != 4 or not all(is_number(v) and 0 <= v <= 100 for v in values):
        raise entry.error("cmyk", f"expected four percentages 0..100, got {values!r}")
    tint = entry.number("tint", 100, minimum=1, maximum=100)
    return Color(name, "spot", tuple(v / 100 for v in values), tint / 100, ink)


def is_number(value: object) -> bool:
    """An int or float, not a boolean (``true`` is an int in Python, never a percentage here)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_hex(text: str) -> bool:
    return all(ch in "0123456789abcdefABCDEF" for ch in text)


def color_ref(fields: Fields, name: str, colors: dict[str, Color]) -> Color:
    value = fields.text(name)
    if value not in colors:
        raise fields.error(name, f"unknown colour {value!r}", f"define it under [colors]; known: {', '.join(colors)}")
    return colors[value]
