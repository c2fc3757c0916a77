"""A fast TrueType subsetter for embedding: keeps glyph ids, copies only the glyphs a document uses.

fontTools' general subsetter decompiles every table (GSUB and GPOS included) and takes about 0.3 s
per Noto font; a PDF's CIDFontType2 needs none of that. Here the sfnt is taken apart at the byte
level: the used glyphs (and the components of composite glyphs) are copied into a new glyf table,
every other glyph becomes empty, and only the tables a PDF renderer reads are kept
(head, hhea, maxp, hmtx, loca, glyf, cvt, fpgm, prep, OS/2). Glyph ids do not change, so the
CIDToGIDMap can point at the original ids.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

KEPT_TABLES = (b"head", b"hhea", b"maxp", b"hmtx", b"cvt ", b"fpgm", b"prep", b"OS/2")

# Composite glyph flags (OpenType glyf table)
_ARG_1_AND_2_ARE_WORDS = 0x0001
_WE_HAVE_A_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_WE_HAVE_AN_X_AND_Y_SCALE = 0x0040
_WE_HAVE_A_TWO_BY_TWO = 0x0080


class SubsetError(ValueError):
    """The font is not a TrueType-outline sfnt this subsetter can handle."""


def _tables(data: bytes) -> dict[bytes, bytes]:
    version, count = struct.unpack_from(">IH", data, 0)
    if version not in (0x00010000, 0x74727565):  # TrueType outlines ('true' for old Apple fonts)
        raise SubsetError("not a TrueType-outline font")
    tables = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = data[offset:offset + length]
    return tables


def _glyph_offsets(tables: dict[bytes, bytes]) -> list[int]:
    head, loca = tables[b"head"], tables[b"loca"]
    long_format = struct.unpack_from(">h", head, 50)[0] == 1
    num_glyphs = struct.unpack_from(">H", tables[b"maxp"], 4)[0]
    if long_format:
        return list(struct.unpack_from(f">{num_glyphs + 1}I", loca, 0))
    return [2 * v for v in struct.unpack_from(f">{num_glyphs + 1}H", loca, 0)]


def _components(glyph: bytes) -> list[int]:
    """The glyph ids a composite glyph refers to (empty for simple glyphs)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found = []
    offset = 10
    while True:
        flags, gid = struct.unpack_from(">HH", glyph, offset)
        found.append(gid)
        offset += 4 + (4 if flags & _ARG_1_AND_2_ARE_WORDS else 2)
        if flags & _WE_HAVE_A_SCALE:
            offset += 2
        elif flags & _WE_HAVE_AN_X_AND_Y_SCALE:
            offset += 4
        elif flags & _WE_HAVE_A_TWO_BY_TWO:
            offset += 8
        if not flags & _MORE_COMPONENTS:
            return found


def subset_truetype(data: bytes, gids: Iterable[int]) -> bytes:
    """The font reduced to the given glyphs (plus .notdef and composite components), ids unchanged."""
    tables = _tables(data)
    if b"glyf" not in tables or b"loca" not in tables:
        raise SubsetError("font has no glyf/loca tables")
    offsets = _glyph_offsets(tables)
    glyf = tables[b"glyf"]
    count = len(offsets) - 1
    wanted = {0, *(g for g in gids if 0 <= g < count)}
    todo = list(wanted)
    while todo:  # close over composite components
        gid = todo.pop()
        for component in _components(glyf[offsets[gid]:offsets[gid + 1]]):
            if component < count and component not in wanted:
                wanted.add(component)
                todo.append(component)
    new_glyf = bytearray()
    new_loca = [0]
    for gid in range(count):
        if gid in wanted:
            new_glyf += glyf[offsets[gid]:offsets[gid + 1]]
            new_glyf += b"\0" * (-len(new_glyf) % 4)
        new_loca.append(len(new_glyf))
    head = bytearray(tables[b"head"])
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set after assembly
    struct.pack_into(">h", head, 50, 1)  # indexToLocFormat: long offsets
    out = {tag: tables[tag] for tag in KEPT_TABLES if tag in tables}
    out[b"head"] = bytes(head)
    out[b"glyf"] = bytes(new_glyf)
    out[b"loca"] = struct.pack(f">{len(new_loca)}I", *new_loca)
    return _assemble(out)


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _assemble(tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1
    while power * 2 <= count:
        power *= 2
    search_range = power * 16
    entry_selector = power.bit_length() - 1
    header = struct.pack(">IHHHH", 0x00010000, count, search_range, entry_selector, count * 16 - search_range)
    directory = bytearray()
    body = bytearray()
    offset = 12 + 16 * count
    head_offset = 0
    for tag in tags:
        data = tables[tag]
        if tag == b"head":
            head_offset = offset + len(body)
        directory += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + directory + body)
    adjustment = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
    struct.pack_into(">I", font, head_offset + 8, adjustment)
    return bytes(font)
