"""One font file, opened once per process: its bytes, coverage, metrics and HarfBuzz handle.

The same bytes are shaped and embedded, so what HarfBuzz measured is what the PDF draws.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import stat
import struct
from dataclasses import dataclass, field
from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont, TTLibError

from handbill.cache import cached_json
from handbill.errors import HandbillError
from handbill.fonts.instance import variable_axes


@dataclass(eq=False)
class FontFace:
    """A font face (TrueType or CFF outlines) ready for shaping and embedding.

    Attributes:
        path: where the bytes came from (a font package, the system, the user's folder or the cache).
        data: the exact bytes that are shaped and embedded.
        family, style: names for reports (``Noto Sans Arabic``, ``Bold``).
        postscript_name: the PDF base font name (before the subset tag).
        units_per_em: design units per em; glyph positions are in these units.
        coverage: the code points the font's cmap maps.
        glyph_ids: code point -> glyph id (the cmap), for the fallback shaper.
        advances: horizontal advance of every glyph id, in font units.
        axes: a variable font's axes, tag -> (minimum, default, maximum); empty for a static font
            (and for an instance, which is static).
    """

    path: Path
    data: bytes
    family: str
    style: str
    postscript_name: str
    units_per_em: int
    ascender: int
    descender: int
    cap_height: int
    italic_angle: float
    bold: bool
    coverage: frozenset[int]
    glyph_ids: dict[int, int]
    advances: tuple[int, ...]
    bbox: tuple[int, int, int, int]
    digest: str
    axes: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    index: int = 0  # the face's index in a .ttc/.otc collection (0 for a single font)
    _hb_font: object | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        """Human name, e.g. ``Noto Sans Arabic Bold``."""
        return f"{self.family} {self.style}".strip()

    def covers(self, char: str) -> bool:
        """True if the font maps this character to a glyph."""
        return ord(char) in self.coverage

    def glyph_box(self, gid: int) -> tuple[int, int, int, int]:
        """A glyph's bounding box (xMin, yMin, xMax, yMax) in font units; zeros for an empty glyph."""
        return _glyph_boxes(self)[gid] if gid < len(self.advances) else (0, 0, 0, 0)

    def hb_font(self):  # -> uharfbuzz.Font
        """The HarfBuzz font for these bytes, scaled to font units (created on first use)."""
        if self._hb_font is None:
            import uharfbuzz as hb

            font = hb.Font(hb.Face(hb.Blob(self.data)))
            font.scale = (self.units_per_em, self.units_per_em)
            self._hb_font = font
        return self._hb_font


@functools.lru_cache(maxsize=64)
def _glyph_boxes(face: FontFace) -> tuple[tuple[int, int, int, int], ...]:
    """Every glyph's bounding box, read once per face (the fallback shaper places marks with them)."""
    font = TTFont(io.BytesIO(face.data), lazy=False)
    boxes = []
    if "glyf" not in font:  # CFF outlines: bounds drawn from the charstrings
        glyph_set = font.getGlyphSet()
        for name in font.getGlyphOrder():
            pen = BoundsPen(glyph_set)
            glyph_set[name].draw(pen)
            bounds = pen.bounds
            boxes.append((0, 0, 0, 0) if bounds is None else tuple(round(v) for v in bounds))
        return tuple(boxes)
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        glyph.recalcBounds(glyf)
        empty = not glyph.numberOfContours
        boxes.append((0, 0, 0, 0) if empty else (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax))
    return tuple(boxes)


def _name(font: TTFont, name_id: int, fallback: str) -> str:
    name = font["name"].getDebugName(name_id) if "name" in font else None
    return name or fallback


MAX_FONT_BYTES = 64_000_000  # the largest Debian font file (Noto Serif CJK Bold, a collection) is 27 MB
COLLECTION_SUFFIXES = (".ttc", ".otc")


@functools.lru_cache(maxsize=256)
def open_face(path: Path, index: int = 0) -> FontFace:
    """Open a font file (face ``index`` of a .ttc/.otc collection) once per process; raise a
    HandbillError naming the file if it is unusable."""
    path = Path(path)
    data = read_font_file(path)
    if data[:4] == b"ttcf":
        data = _collection_face(data, index, path)
    elif index:
        raise HandbillError(f"face {index} asked for, but this is a single font, not a collection", file=path,
                            hint="leave out the face index")
    return face_from_bytes(data, path, index=index)


def read_font_file(path: Path) -> bytes:
    """A font file's bytes: links resolved, then only a regular file of at most MAX_FONT_BYTES is read.

    The file is opened without blocking and checked on the open descriptor, so a FIFO named like a font
    cannot hang a build and a link to /dev/zero is never read."""
    try:
        resolved = Path(path).resolve(strict=True)
        fd = os.open(resolved, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        broken = Path(path).is_symlink()
        raise HandbillError("font file is a broken link" if broken else "font file not found", file=path) from None
    except (OSError, RuntimeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise HandbillError(f"cannot read font file: {reason}", file=path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
            raise HandbillError(f"font file is not a regular file ({kind})", file=path,
                                hint="name a plain .ttf, .otf, .ttc or .otc file, or remove this one")
        if info.st_size > MAX_FONT_BYTES:
            raise HandbillError(f"font file is {info.st_size:,} bytes; at most {MAX_FONT_BYTES:,} are supported",
                                file=path, hint="a font file this large is not a font handbill can use; remove it")
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 22, MAX_FONT_BYTES + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_FONT_BYTES:
                raise HandbillError(f"font file grew past {MAX_FONT_BYTES:,} bytes while being read", file=path)
        return b"".join(chunks)
    except OSError as exc:
        raise HandbillError(f"cannot read font file: {exc.strerror}", file=path) from None
    finally:
        os.close(fd)


def collection_size(data: bytes) -> int:
    """How many faces a .ttc/.otc collection holds (0 for a single font)."""
    return struct.unpack_from(">I", data, 8)[0] if data[:4] == b"ttcf" and len(data) >= 12 else 0


def _collection_face(data: bytes, index: int, path: Path) -> bytes:
    """One face of a collection as a font of its own: its table directory and tables copied byte for byte.

    Written here rather than with fontTools, whose writer recomputes every table's checksum in Python
    (about 1.5 s for a 16 MB CJK face); the tables are not changed, so their checksums stay valid."""
    count = collection_size(data)
    if not 0 <= index < count:
        raise HandbillError(f"this collection has faces 0 to {count - 1}; face {index} does not exist",
                            file=path, hint="name a face index or a family name inside the collection")
    try:
        start = struct.unpack_from(">I", data, 12 + 4 * index)[0]
        tables = struct.unpack_from(">H", data, start + 4)[0]
        entries = [struct.unpack_from(">4sIII", data, start + 12 + 16 * i) for i in range(tables)]
        if any(offset + length > len(data) for _, _, offset, length in entries):
            raise ValueError("a table lies past the end of the file")
    except (struct.error, ValueError) as exc:
        raise HandbillError(f"not a usable font collection ({exc})", file=path,
                            hint="the file may be truncated or corrupt; reinstall the font package") from None
    header = bytearray(data[start:start + 12])
    directory = bytearray()
    body = bytearray()
    base = 12 + 16 * tables
    for tag, checksum, offset, length in entries:
        directory += struct.pack(">4sIII", tag, checksum, base + len(body), length)
        body += data[offset:offset + length] + b"\0" * (-length % 4)
    return bytes(header + directory + body)


def collection_families(path: Path) -> list[str]:
    """The family name of each face of a collection, in face order (for catalog entries by name)."""
    data = read_font_file(path)
    names = []
    for index in range(collection_size(data)):
        try:
            font = TTFont(io.BytesIO(data), fontNumber=index, lazy=True)
            names.append(_name(font, 16, _name(font, 1, "")))
        except (TTLibError, KeyError, AssertionError, ValueError, IndexError, struct.error):
            names.append("")
    return names


def face_from_bytes(data: bytes, path: Path, style: str | None = None, index: int = 0) -> FontFace:
    """Build a FontFace from font bytes (used for files and for instanced variable fonts).

    Args:
        data: the font file's bytes; exactly these are shaped and embedded.
        path: where they came from, for messages.
        style: a style name for reports instead of the font's own (an instance: ``Bold``).
        index: the face's index in its collection (for reports; data is already that face alone).
    """
    digest = hashlib.sha256(data).hexdigest()
    key = f"{digest[:32]}-{len(data)}-{path.name}-{style or ''}"
    # reading cmap, hmtx and post with fontTools costs ~15 ms a face; the result is kept on disk
    metadata = cached_json("faces", key, lambda: _read_metadata(data, path, style, digest),
                           encode=_metadata_json, decode=lambda raw: _metadata_from_json(raw, digest[:16]))
    return FontFace(path=path, data=data, index=index, **metadata)


def _metadata_json(metadata: dict) -> dict:
    """A face's metadata as JSON data for the disk cache (coverage is the cmap's keys)."""
    plain = {k: v for k, v in metadata.items() if k not in ("coverage", "glyph_ids")}
    plain["glyph_ids"] = sorted(metadata["glyph_ids"].items())
    return plain


def _metadata_from_json(raw: object, digest: str) -> dict:
    """The metadata back from cached JSON, every type and range checked (anything else raises,
    which makes the cache entry a miss); the entry must be for the font of this digest."""
    if not isinstance(raw, dict) or raw.get("digest") != digest:
        raise ValueError("not this font's entry")

    def integer(value: object, low: int, high: int) -> int:
        if type(value) is not int or not low <= value <= high:
            raise ValueError(f"{value!r} out of range")
        return value

    def text(value: object) -> str:
        if not isinstance(value, str) or len(value) > 1000:
            raise ValueError("bad text")
        return value

    advances = tuple(integer(v, 0, 65535) for v in raw["advances"])
    if not 0 < len(advances) <= 65536:
        raise ValueError("bad glyph count")
    glyph_ids = {integer(code, 0, 0x10FFFF): integer(gid, 0, len(advances) - 1) for code, gid in raw["glyph_ids"]}
    angle = raw["italic_angle"]
    if type(angle) not in (int, float) or not -90.0 <= angle <= 90.0:
        raise ValueError("bad italic angle")
    axes = {}
    for tag, values in raw["axes"].items():
        low, default, high = (float(v) for v in values if type(v) in (int, float))
        if len(tag) != 4 or not -65536 <= low <= default <= high <= 65536:
            raise ValueError("bad axis")
        axes[text(tag)] = (low, default, high)
    if type(raw["bold"]) is not bool:
        raise ValueError("bad bold flag")
    return dict(
        family=text(raw["family"]), style=text(raw["style"]), postscript_name=text(raw["postscript_name"]),
        units_per_em=integer(raw["units_per_em"], 16, 16384),
        ascender=integer(raw["ascender"], -32768, 32767), descender=integer(raw["descender"], -32768, 32767),
        cap_height=integer(raw["cap_height"], -32768, 32767), italic_angle=float(angle), bold=raw["bold"],
        coverage=frozenset(glyph_ids), glyph_ids=glyph_ids, advances=advances,
        bbox=tuple(integer(v, -32768, 32767) for v in raw["bbox"][:4]) if len(raw["bbox"]) == 4 else _bad(),
        digest=digest, axes=axes,
    )


def _bad() -> tuple[int, int, int, int]:
    raise ValueError("bad bounding box")


def _read_metadata(data: bytes, path: Path, style: str | None, digest: str) -> dict:
    """Everything a FontFace holds besides its bytes, read with fontTools (checked for usability)."""
    try:
        font = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False)
        _check_complete(font, len(data), path)
        if "glyf" not in font and "CFF " not in font:
            kind = "variable PostScript (CFF2) outlines" if "CFF2" in font else "no outlines handbill can embed"
            raise HandbillError(
                f"font has {kind}; handbill embeds TrueType (glyf) and CFF outlines",
                file=path,
                hint="use a static .ttf or .otf build of this family, e.g. from the Noto fonts",
            )
        cmap = font.getBestCmap() or {}
        head, hhea, hmtx = font["head"], font["hhea"], font["hmtx"]
        order = font.getGlyphOrder()
        index = {name: gid for gid, name in enumerate(order)}
        glyph_ids = {code: index[name] for code, name in cmap.items() if name in index}
        advances = tuple(hmtx[name][0] for name in order)
        os2 = font.get("OS/2")
        cap_height = getattr(os2, "sCapHeight", 0) or int(hhea.ascent * 0.7)
        weight = getattr(os2, "usWeightClass", 400)
        post = font.get("post")
        metadata = dict(
            family=_name(font, 1, path.stem),
            style=style or _name(font, 2, "Regular"),
            postscript_name=_postscript_name(_name(font, 6, path.stem)),
            units_per_em=head.unitsPerEm,
            ascender=hhea.ascent,
            descender=hhea.descent,
            cap_height=cap_height,
            italic_angle=float(getattr(post, "italicAngle", 0.0)),
            bold=weight >= 600,
            coverage=frozenset(glyph_ids),
            glyph_ids=glyph_ids,
            advances=advances,
            bbox=(head.xMin, head.yMin, head.xMax, head.yMax),
            digest=digest[:16],
            axes=variable_axes(font),
        )
        font.close()
        return metadata
    except HandbillError:
        raise
    except (TTLibError, KeyError, AssertionError, ValueError, IndexError, struct.error) as exc:
        raise HandbillError(
            f"not a usable font file ({type(exc).__name__}: {exc})",
            file=path,
            hint="the file may be truncated or corrupt; reinstall the font package or remove the file",
        ) from None


def _check_complete(font: TTFont, size: int, path: Path) -> None:
    """Every table the directory lists must lie inside the file: fonts load lazily, so a file cut off in
    GSUB or GPOS would otherwise open and shape without them (Arabic unjoined, marks misplaced)."""
    for tag, entry in sorted(font.reader.tables.items()):
        if entry.offset + entry.length > size:
            raise HandbillError(
                f"not a usable font file (its '{tag}' table would end at byte {entry.offset + entry.length}, "
                f"past the end of the file at byte {size})",
                file=path,
                hint="the file may be truncated or corrupt; reinstall the font package or remove the file",
            )


def _postscript_name(name: str) -> str:
    """A PDF-safe base font name (no spaces or delimiters)."""
    return "".join(ch for ch in name if (ch.isascii() and ch.isalnum()) or ch in "-_") or "Font"
