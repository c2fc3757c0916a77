"""The rules every request to ``handbill serve`` passes: a per-session token on state-changing requests
(no cross-site request forgery from another page in the same browser), and uploads limited in size and
checked as images before anything is written.

    sessions = Sessions()
    session, token = sessions.issue(cookie)       # on the page: the cookie and the token the page embeds
    sessions.check(cookie, header_token)          # on every POST: RequestRefused if they do not match
    kind = check_logo(data)                       # "png", "jpg" or "svg", or RequestRefused

The token is an HMAC of the session cookie under a secret that lives as long as the server: another site
can make the browser send the cookie (it is SameSite=Strict, so it does not even do that) but cannot read
the page to learn the token.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets
import warnings

COOKIE = "handbill_session"
HEADER = "X-Handbill-Token"
MAX_UPLOAD_BYTES = 5_000_000  # a logo: a PNG or JPEG of a few hundred kilobytes in practice
# An upload's own, smaller cap (checked before the whole file is decoded to verify it, on a web request);
# the leaflet's images are then held to load/paths.MAX_IMAGE_PIXELS like any other.
MAX_LOGO_PIXELS = 25_000_000  # 5000 x 5000: far more than a logo printed at 300 dpi needs
MAX_JSON_BYTES = 2_000_000  # a save: one field (a statement is a few kilobytes)


class RequestRefused(Exception):
    """A request refused before anything changed: the HTTP status and a message for the page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Sessions:
    """Session cookies and their tokens, for one run of the server."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)

    def token(self, session: str) -> str:
        """The token that belongs to a session cookie."""
        return hmac.new(self._secret, session.encode("utf-8"), hashlib.sha256).hexdigest()

    def issue(self, session: str | None) -> tuple[str, str]:
        """The session (the browser's, or a new one) and its token."""
        if not session or len(session) > 100:
            session = secrets.token_urlsafe(32)
        return session, self.token(session)

    def check(self, session: str | None, token: str | None) -> None:
        """Refuse (403) a state-changing request whose token is missing or not its session's."""
        if not session or not token or not hmac.compare_digest(self.token(session), token):
            raise RequestRefused(403, "refused: this request did not come from the handbill page (the session "
                                      "token is missing or wrong); reload the page and try again")


def check_logo(data: bytes) -> str:
    """The file extension (``png``, ``jpg`` or ``svg``) of an uploaded logo, checked to be a whole PNG or JPEG
    image of sensible size, or an SVG that passes the build's checks (load/vector.py: no text, raster,
    script or outside reference); RequestRefused (413 or 415) otherwise."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_UPLOAD_BYTES:
        raise RequestRefused(413, f"refused: the file is {len(data):,} bytes; a logo may have at most "
                                  f"{MAX_UPLOAD_BYTES:,} (save it smaller, e.g. 1500 pixels wide)")
    if _looks_like_svg(data):
        return _check_svg(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                if kind in ("PNG", "JPEG") and width * height <= MAX_LOGO_PIXELS:
                    image.verify()  # reads the whole file: a truncated or corrupt image is refused here
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):  # Pillow's own cap, above ours
        raise RequestRefused(413, f"refused: the image has far more than {MAX_LOGO_PIXELS:,} pixels, "
                                  "the most a logo may have") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        # one plain message: Pillow's own names the reader's buffer (<_io.BytesIO object at 0x...>)
        raise RequestRefused(415, "refused: the file is not a readable SVG, PNG or JPEG image (another kind of "
                                  "file, or cut short); open it in an image program, save it as SVG, PNG or JPEG "
                                  "and upload that") from None
    if kind not in ("PNG", "JPEG"):
        raise RequestRefused(415, f"refused: the file is a {kind} image; upload an SVG, PNG or JPEG")
    if width * height > MAX_LOGO_PIXELS:
        raise RequestRefused(413, f"refused: the image is {width} x {height} pixels; a logo may have at most "
                                  f"{MAX_LOGO_PIXELS:,} pixels")
    return "png" if kind == "PNG" else "jpg"


def _looks_like_svg(data: bytes) -> bool:
    """XML whose first element is ``<svg`` (after a BOM, an XML declaration, comments or a doctype)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!DOCTYPE svg", b"<!doctype svg")) and b"<svg" in head


def _check_svg(data: bytes) -> str:
    """``svg`` when the build would take the file as a logo (the same checks, on a private copy)."""
    import tempfile
    from pathlib import Path

    from handbill.errors import InputError
    from handbill.load.vector import read_svg

    with tempfile.TemporaryDirectory(prefix="handbill-logo-") as folder:
        path = Path(folder) / "logo.svg"
        path.write_bytes(data)
        try:
            read_svg(path, "logo", source=path)
        except InputError as exc:
            hint = f" ({exc.hint})" if exc.hint else ""
            raise RequestRefused(415, f"refused: {exc.message}{hint}") from None
    return "svg"
