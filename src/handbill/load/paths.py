"""Confinement: every file a leaflet leads handbill to read lies inside the leaflet folder or a layout
folder, is a regular file, and is bounded in size.

    path = confine(folder / "statement.fr.md", [folder], what="statement")     # the one rule
    path = safe_leaflet_path(leaflet.folder, "images/crowd.jpg", "images[0].file")
    width, height = check_image(path, "images[0].file")

A leaflet folder is often shared (sent by e-mail, unpacked from an archive, edited by several people)
and ``handbill serve`` builds folders it receives, so a path in it must not reach outside it: ``../``,
absolute paths, ``~`` and links that resolve outside the allowed folders are refused, as are folders,
FIFOs, devices and files over their size cap. ``confine`` is that rule for any file; the error names the
file (or the key that named it) and what to do instead.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from handbill.errors import InputError

# The one cap on an image's pixels: check_image refuses more, and render/images.py sets Pillow's own
# decompression-bomb limit to it (Pillow warns above it and refuses twice as many).
MAX_IMAGE_PIXELS = 60_000_000  # an A2 poster at 300 dpi with bleed is about 36 million pixels
MAX_IMAGE_BYTES = 100_000_000
MAX_DECODED_BYTES = 800_000_000  # working memory while an image is flattened (see decoded_bytes_per_pixel)
IMAGE_FORMATS = ("PNG", "JPEG")  # what render/images.py embeds


def confine(path: Path, roots: Sequence[Path], *, what: str, within: str = "the leaflet folder",
            limit: int | None = None, source: Path | None = None, field: str | None = None) -> Path:
    """The resolved path of a file if it is inside one of ``roots`` (links resolved first), a regular file
    and at most ``limit`` bytes; otherwise one InputError.

    Args:
        path: the file (as found or as written, before resolving links).
        roots: the folders it may lie in (the leaflet folder, the layout folders).
        what: what the file is, for messages ("statement", "layout", "image").
        within: the roots in words ("the leaflet folder", "the layout folders").
        limit: the most bytes it may have (None: no cap here; the reader applies its own).
        source, field: where the path was written (a leaflet.toml key); default: the file itself.

    Raises:
        InputError: the file is missing, a broken link or link loop, resolves outside every root, is not a
            regular file (a folder, FIFO, device or socket), or is larger than limit.
    """
    where = {"file": source, "field": field} if source is not None else {"file": path}
    subject = f"the {what} " if source is not None else ""  # without a source, the message names the file
    allowed = f"{within} ({', '.join(str(root) for root in roots)})"
    try:
        resolved = Path(path).resolve(strict=True)
    except FileNotFoundError:
        if Path(path).is_symlink():
            message = "broken link (it points to a file that does not exist)"
            message = f"{subject}is a {message}" if subject else message
        else:
            message = f"{subject}was not found: {path}" if subject else "file not found"
        raise InputError(message, **where, hint=_same_but_case(Path(path))) from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a link loop
        raise InputError(f"cannot follow {subject or 'the path'}: {exc}", **where) from None
    real_roots = []
    for root in roots:
        try:
            real_roots.append(Path(root).resolve())
        except (OSError, RuntimeError):
            continue
    if not any(resolved.is_relative_to(root) for root in real_roots):
        link = f"is a link to {resolved}," if resolved != Path(os.path.abspath(path)) else f"({resolved}) is"
        raise InputError(f"{subject}{link} outside {allowed}", **where,
                         hint=f"copy the file into {within} instead of linking to it or naming a path outside")
    try:
        info = resolved.stat()
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise InputError(f"cannot read {subject or 'the file'}: {reason}", **where) from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder, not a file" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, pipe or socket)"
        raise InputError(f"{subject}is {kind}", **where, hint=f"give a plain file inside {within}")
    if limit is not None and info.st_size > limit:
        raise InputError(f"{subject or 'file '}is {info.st_size:,} bytes; at most {limit:,} are supported", **where)
    return resolved


def safe_leaflet_path(folder: Path, relative: object, field: str, *, source: Path | None = None) -> Path:
    """The resolved path of a file named relative to the leaflet folder, if it stays inside it.

    Args:
        folder: the leaflet folder.
        relative: the value the user wrote (checked to be a non-empty string).
        field: the key path in the source file, for messages (``images[0].file``).
        source: the file the path was written in (default: the folder's leaflet.toml).

    Raises:
        InputError: the path is not a string, is absolute, climbs out with ``..``, resolves (through
            links) outside the folder, does not exist or is not a regular file.
    """
    source = source if source is not None else Path(folder) / "leaflet.toml"

    def error(message: str, hint: str) -> InputError:
        return InputError(message, file=source, field=field, hint=hint)

    inside = "write a path relative to the leaflet folder, e.g. \"images/crowd.jpg\", and put the file there"
    if not isinstance(relative, str) or not relative.strip():
        raise error("expected a file name (a non-empty string)", inside)
    if "\x00" in relative:
        raise error("the file name contains a NUL character", inside)
    if "\\" in relative:
        raise error(f"{relative!r} contains a backslash", "separate folders with '/', e.g. \"images/crowd.jpg\"")
    pure = PurePosixPath(relative)
    if pure.is_absolute() or relative.startswith("~") or (relative[1:2] == ":" and relative[0].isalpha()):
        raise error(f"{relative!r} is an absolute path; files must be inside the leaflet folder", inside)
    if ".." in pure.parts:
        raise error(f"{relative!r} leads out of the leaflet folder ('..')", inside)
    root = Path(folder).resolve()
    candidate = root / pure
    try:
        return confine(candidate, [root], what=f"file {relative!r}", source=source, field=field)
    except InputError as exc:
        raise error(exc.message, exc.hint or inside) from None


def check_image(path: Path, field: str, *, source: Path | None = None) -> tuple[int, int]:
    """(width, height) in pixels of a PNG or JPEG image as it is shown (EXIF orientation applied), read
    from its header without decoding it.

    Images are capped at MAX_IMAGE_PIXELS, MAX_IMAGE_BYTES on disk and MAX_DECODED_BYTES once decoded
    (pixels x bytes per pixel: a 16-bit or transparent image needs more), so that a huge or malicious file
    stops with a message in the user's words instead of exhausting memory when it is decoded for the PDF.
    """
    import warnings

    from PIL import Image, UnidentifiedImageError

    source = source if source is not None else path.parent / "leaflet.toml"
    smaller = "scale the image to print size: 300 dpi is enough (an A3 page is 3508 x 4961 pixels)"
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", file=source, field=field) from None
    if size > MAX_IMAGE_BYTES:
        raise InputError(f"image is {size:,} bytes; at most {MAX_IMAGE_BYTES:,} are supported", file=source,
                         field=field, hint="export the image at print size (300 dpi) as JPEG")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own cap applies below
            with Image.open(path) as image:
                kind, (width, height), mode = image.format, image.size, image.mode
                orientation = image.getexif().get(0x0112, 1) if kind == "JPEG" or "exif" in image.info else 1
    except Image.DecompressionBombError:
        raise InputError(f"{path.name} has far more than {MAX_IMAGE_PIXELS:,} pixels, the most supported",
                         file=source, field=field, hint=smaller) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise InputError(f"{path.name} is not a readable image ({exc})", file=source, field=field,
                         hint="save it as PNG or JPEG") from None
    if kind not in IMAGE_FORMATS:
        raise InputError(f"{path.name} is a {kind} image", file=source, field=field,
                         hint="save it as PNG or JPEG")
    if width * height > MAX_IMAGE_PIXELS:
        raise InputError(f"{path.name} is {width} x {height} pixels; at most {MAX_IMAGE_PIXELS:,} pixels are "
                         "supported", file=source, field=field, hint=smaller)
    decoded = width * height * decoded_bytes_per_pixel(mode)
    if decoded > MAX_DECODED_BYTES:
        raise InputError(f"{path.name} ({width} x {height} pixels, {mode}) needs {decoded / 1e6:,.0f} MB of memory "
                         f"once decoded; at most {MAX_DECODED_BYTES / 1e6:,.0f} MB are supported", file=source,
                         field=field, hint=smaller + "; an image without transparency, in 8 bits, needs less")
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def decoded_bytes_per_pixel(mode: str) -> int:
    """Bytes per pixel while an image of this Pillow mode is made into a PDF image: Pillow's own storage
    (4 bytes for RGB, RGBA, LA and CMYK, 2 for 16-bit grey, 1 for grey and palette), plus about 10 for the
    copies render/images.py makes (RGB on white and its alpha, CMYK; the stream is deflated band by band).
    Measured: a 36-megapixel RGB PNG (14 bytes a pixel, 504 MB by this estimate) peaks at 341 MB for the
    whole build process."""
    storage = 1 if mode in ("1", "L", "P") else 2 if mode.startswith("I;16") else 4
    return storage + 10


def _same_but_case(path: Path) -> str | None:
    """A hint naming the file whose name differs from ``path``'s only in upper and lower case, if any."""
    try:
        names = [entry.name for entry in path.parent.iterdir()]
    except OSError:
        return None
    same = [name for name in names if name != path.name and name.casefold() == path.name.casefold()]
    return f"did you mean '{same[0]}'? (names differ in upper and lower case)" if same else None
