"""ICC output profiles named in a layout (``[output] icc_profile``): confined, capped and checked whole.

    data = read_icc(path, roots, source=layout_path, field="output.icc_profile")

A profile is embedded in every PDF/X file as the printing condition, so a damaged one would reach the
print shop unnoticed. It must be a regular file inside the layout folders of at most MAX_ICC_BYTES; its
header must give its own length, the ``acsp`` signature, the CMYK colour space and the output
("prtr") class; every tag in its tag table must lie inside the file (a truncated profile fails here:
littleCMS reads tags lazily and opens one cut in half); and littleCMS (Pillow's ImageCms) must build a
CMYK to sRGB transform from it.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence
from pathlib import Path

from handbill.errors import InputError
from handbill.load.files import read_bytes
from handbill.load.paths import confine

MAX_ICC_BYTES = 20_000_000  # a CMYK output profile is 0.5 to 5 MB
_HINT = "give the print shop's CMYK output profile (.icc), e.g. FOGRA39 or GRACoL, downloaded again if damaged"


def read_icc(path: Path, roots: Sequence[Path], *, source: Path, field: str) -> Path:
    """The resolved path of a checked CMYK output profile; an InputError naming the key otherwise."""
    resolved = confine(path, roots, what="ICC profile", within="the layout folders", limit=MAX_ICC_BYTES,
                       source=source, field=field)
    data = read_bytes(resolved, limit=MAX_ICC_BYTES)
    problem = icc_problem(data)
    if problem is not None:
        raise InputError(f"{path.name}: {problem}", file=source, field=field, hint=_HINT)
    return resolved


def icc_problem(data: bytes) -> str | None:
    """What is wrong with an ICC output profile's bytes, or None when it is whole and usable."""
    if len(data) < 132 or data[36:40] != b"acsp":
        return "not an ICC profile"
    declared = struct.unpack(">I", data[0:4])[0]
    if declared != len(data):
        return f"the profile says it is {declared:,} bytes long but the file has {len(data):,} (truncated or padded)"
    if data[16:20] != b"CMYK" or data[12:16] != b"prtr":
        return (f"not a CMYK output profile (class {data[12:16].decode('latin-1')!r}, colour space "
                f"{data[16:20].decode('latin-1').strip()!r})")
    count = struct.unpack(">I", data[128:132])[0]
    if 132 + 12 * count > len(data):
        return f"its tag table ({count} tags) runs past the end of the file"
    for i in range(count):
        tag, offset, size = struct.unpack(">4sII", data[132 + 12 * i:144 + 12 * i])
        if offset + size > len(data):
            return f"its {tag.decode('latin-1')!r} tag runs past the end of the file (truncated)"
    from PIL import ImageCms

    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
        ImageCms.buildTransform(profile, ImageCms.createProfile("sRGB"), "CMYK", "RGB")
    except (ImageCms.PyCMSError, OSError, ValueError) as exc:
        return f"littleCMS cannot use it ({exc})"
    return None
