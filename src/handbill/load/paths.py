"""Paths a user writes in leaflet.toml (images): they must name a file inside the leaflet folder.

    path = safe_leaflet_path(leaflet.folder, "images/crowd.jpg", "images[0].file")
    width, height = check_image(path, "images[0].file")

A leaflet folder is often shared (sent by e-mail, unpacked from an archive, edited by several people),
so a path in it must not reach outside it: ``../``, absolute paths, ``~`` and links that resolve
outside the folder are refused. The error names leaflet.toml, the key and what to write instead.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from handbill.errors import InputError

MAX_IMAGE_PIXELS = 60_000_000  # an A2 poster at 300 dpi with bleed is about 36 million pixels
MAX_IMAGE_BYTES = 100_000_000
IMAGE_FORMATS = ("PNG", "JPEG")  # what render/images.py embeds


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
        resolved = candidate.resolve(strict=True)
    except FileNotFoundError:
        if candidate.is_symlink():
            raise error(f"{relative!r} is a broken link", inside) from None
        raise error(f"file not found: {candidate}", inside) from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        raise error(f"cannot follow {relative!r}: {exc}", inside) from None
    if not resolved.is_relative_to(root):
        raise error(f"{relative!r} is a link to {resolved}, outside the leaflet folder",
                    "copy the file into the leaflet folder instead of linking to it")
    if not resolved.is_file():
        raise error(f"{relative!r} is not a file", inside)
    return resolved


def check_image(path: Path, field: str, *, source: Path | None = None) -> tuple[int, int]:
    """(width, height) in pixels of a PNG or JPEG image, read from its header without decoding it.

    Images are capped at MAX_IMAGE_PIXELS (and MAX_IMAGE_BYTES) so that a huge or malicious file stops
    with a message instead of exhausting memory when it is decoded for the PDF.
    """
    import warnings

    from PIL import Image, UnidentifiedImageError

    source = source if source is not None else path.parent / "leaflet.toml"
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
                kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise InputError(f"{path.name} is not a readable image ({exc})", file=source, field=field,
                         hint="save it as PNG or JPEG") from None
    if kind not in IMAGE_FORMATS:
        raise InputError(f"{path.name} is a {kind} image", file=source, field=field,
                         hint="save it as PNG or JPEG")
    if width * height > MAX_IMAGE_PIXELS:
        raise InputError(f"{path.name} is {width} x {height} pixels; at most {MAX_IMAGE_PIXELS:,} pixels are "
                         "supported", file=source, field=field,
                         hint="scale the image to print size: 300 dpi is enough (an A3 page is 3508 x 4961)")
    return width, height
