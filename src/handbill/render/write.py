"""Writing output atomically: a temporary file in the target folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from handbill.errors import HandbillError


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to path so that path is either the old file or the complete new one, never partial."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HandbillError(f"cannot create the output folder: {exc.strerror}", file=folder,
                            hint="choose another folder with --out") from None
    fd, temp = -1, ""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
        temp = ""
    except OSError as exc:
        raise HandbillError(f"cannot write the PDF: {exc.strerror}", file=path,
                            hint="check that the output folder is writable and the disk is not full") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
