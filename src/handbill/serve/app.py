"""The web application of ``handbill serve``: one page per leaflet, JSON endpoints for saves, previews,
problems and downloads (Starlette; the page is rendered on the server with Jinja2, plus one small script).

    app = make_app(Path("leaflets/victory-day-2023"))     # one leaflet
    app = make_app(None, workspace=Path.cwd())            # open or create leaflets in a folder

Routes (``{name}`` is a leaflet's folder name, looked up among the leaflets the server knows, never used
as a path):

    GET  /                                  the leaflet, or the list of leaflets with a form to create one
    POST /new                               create a leaflet in the workspace (a plain name)
    GET  /l/{name}/                         the editor: every language side by side
    POST /l/{name}/save                     one field: {"field": "statement:fa", "value": ..., "tag": ...}
    POST /l/{name}/logo                     the logo's bytes (SVG, PNG or JPEG), with the leaflet.toml tag
    GET  /l/{name}/logo                     the logo as saved (an SVG under a policy that runs nothing)
    GET  /l/{name}/versions?lang=fa         the versions made now, with their page counts (quick=1: null for
                                            a version not rendered yet, which the preview of page 1 renders)
    GET  /l/{name}/preview/{label}/{page}   a page as PNG
    GET  /l/{name}/problems?lang=fa         what check finds, placed at fields
    GET  /l/{name}/download/{label}.pdf     one PDF;  /l/{name}/download.zip  every PDF

Every POST needs the session's token (safety.Sessions); a refused request changes nothing on disk.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import handbill
from handbill import languages
from handbill.serve.folder import LEAFLET_FILE, FieldRefused, LeafletFolder, StaleSave, check_lang, supports
from handbill.serve.panes import lang_key, panes
from handbill.serve.preview import Studio
from handbill.serve.safety import COOKIE, HEADER, MAX_JSON_BYTES, MAX_UPLOAD_BYTES, RequestRefused, Sessions, check_logo

LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
LABEL = re.compile(r"^([\w-]{1,80})\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3})$")
# Right-to-left languages and scripts (ISO 639 / ISO 15924), for dir= on a language's fields.
RTL_LANGS = {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-Arab", "lrc", "mzn", "nqo", "pa-Arab", "ps", "sd", "syr",
             "ug", "ur", "yi", "azb", "bal", "glk", "prs", "pnb", "skr"}
RTL_SCRIPTS = {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr"}


def direction(lang: str) -> str:
    """``rtl`` or ``ltr`` for a language code (a script subtag decides when there is one)."""
    try:
        return "rtl" if languages.info(lang).rtl else "ltr"
    except languages.LanguageError:
        pass
    parts = lang.split("-")
    script = next((p for p in parts[1:] if len(p) == 4), None)
    if script is not None:
        return "rtl" if script.title() in RTL_SCRIPTS else "ltr"
    return "rtl" if parts[0].lower() in RTL_LANGS else "ltr"


class Server:
    """The state of one run: the leaflets it serves, their studios, the session secret."""

    def __init__(self, leaflet: Path | None, workspace: Path | None) -> None:
        self.single = Path(leaflet).resolve() if leaflet is not None else None
        self.workspace = Path(workspace or Path.cwd()).resolve()
        self.sessions = Sessions()
        self.studios: dict[str, Studio] = {}
        self.templates = Environment(loader=PackageLoader("handbill.serve", "templates"),
                                     autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)

    def leaflets(self) -> dict[str, Path]:
        """The leaflets this server edits, by folder name: the one given, or those in the workspace."""
        if self.single is not None:
            return {self.single.name: self.single}
        found: dict[str, Path] = {}
        for base in (self.workspace, self.workspace / "leaflets"):
            if base.is_dir():
                for entry in sorted(base.iterdir()):
                    if NAME.match(entry.name) and (entry / LEAFLET_FILE).is_file() and not entry.is_symlink():
                        found.setdefault(entry.name, entry.resolve())
        return found

    def studio(self, name: str) -> Studio:
        """The studio of a leaflet the server knows; 404 for any other name."""
        folder = self.leaflets().get(name)  # a lookup among known folders: the name never becomes a path
        if folder is None:
            raise RequestRefused(404, f"no leaflet called {name!r} here")
        if name not in self.studios or self.studios[name].folder.path != folder:
            self.studios[name] = Studio(LeafletFolder(folder))
        return self.studios[name]


def make_app(leaflet: Path | None, workspace: Path | None = None, hosts: list[str] | None = None) -> Starlette:
    """The application for one leaflet folder, or for every leaflet in ``workspace``."""
    server = Server(leaflet, workspace)
    static = Path(__file__).with_name("static")

    async def refusal(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestRefused)
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    async def input_refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, handbill.HandbillError)
        return JSONResponse({"error": f"refused: {exc}"}, status_code=400)

    async def bug(request: Request, exc: Exception) -> Response:
        logging.getLogger("handbill.serve").error("internal error on %s", request.url.path, exc_info=exc)
        return JSONResponse({"error": f"internal error ({type(exc).__name__}: {str(exc)[:300]}); this is a bug in "
                                      "handbill: please report it with the server's output"}, status_code=500)

    async def protected(request: Request) -> None:
        if request.method == "POST":
            server.sessions.check(request.cookies.get(COOKIE), request.headers.get(HEADER))

    def page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
        session, token = server.sessions.issue(request.cookies.get(COOKIE))
        html = server.templates.get_template(template).render(token=token, **context)
        response = Response(html, status_code=status, media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": "default-src 'self'; img-src 'self' blob:; "
                                     "style-src 'self'; script-src 'self'; frame-ancestors 'none'",
                                     "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})
        response.set_cookie(COOKIE, session, httponly=True, samesite="strict", path="/")
        return response

    async def home(request: Request) -> Response:
        leaflets = server.leaflets()
        if server.single is not None:
            return RedirectResponse(f"/l/{quote(server.single.name)}/", status_code=303)
        return page(request, "start.html", leaflets=sorted(leaflets), workspace=str(server.workspace))

    async def new(request: Request) -> Response:
        await protected(request)
        data = await _json(request)
        name, lang = data.get("name"), data.get("lang") or "en"
        if server.single is not None:
            raise RequestRefused(403, "refused: this server edits one leaflet; start 'handbill serve' in a folder")
        if not isinstance(name, str) or not NAME.match(name):
            raise RequestRefused(400, "refused: a leaflet name is letters, digits, '-', '_' or '.', up to 64")
        check_language(lang)
        folder = server.workspace / name
        if folder.exists():
            raise RequestRefused(409, f"refused: {name} exists already; open it from the list")
        from handbill.scaffold import new_leaflet

        new_leaflet(folder, lang)
        return JSONResponse({"url": f"/l/{name}/"})

    async def editor(request: Request) -> Response:
        studio = server.studio(request.path_params["name"])
        try:
            form = await run_in_threadpool(studio.folder.read_form)
        except handbill.HandbillError as exc:  # the page cannot show fields it cannot read: say why, and where
            return page(request, "unreadable.html", name=request.path_params["name"], error=exc,
                        where=_where(exc, studio.folder.path), source=_source_line(exc))
        added, refused = request.query_params.get("add", "").strip(), ""
        if added:
            refused = language_refusal(added)
            if refused:
                added = ""
        aliases = await run_in_threadpool(studio.aliases)
        layouts = await run_in_threadpool(handbill.available_layouts, studio.folder.path)
        name = request.path_params["name"]
        return page(request, "editor.html", name=name, base=f"/l/{quote(name)}/", form=form,
                    panes=panes(form, aliases, added), add_refused=refused,
                    add_typed=request.query_params.get("add", ""),
                    layouts=layouts, translations=supports("translations"),
                    logo_supported=supports("logo"), tags_json=json.dumps(form.tags),
                    max_upload=MAX_UPLOAD_BYTES, status=400 if refused else 200)

    async def save(request: Request) -> Response:
        await protected(request)
        studio = server.studio(request.path_params["name"])
        data = await _json(request)
        field, tag = data.get("field"), data.get("tag")
        if not isinstance(field, str) or not isinstance(tag, str):
            raise RequestRefused(400, "refused: a save names a field and the version tag the page read")
        try:
            file = studio.folder.file_of(field)
            new_tag = await run_in_threadpool(studio.folder.save, field, data.get("value"), tag)
        except FieldRefused as exc:
            raise RequestRefused(400, f"refused: {exc}") from None
        except StaleSave as stale:
            return JSONResponse({"error": f"not saved: {stale.file} was changed in another tab or editor since "
                                          "this page read it. The newer text is shown; your text is kept below "
                                          "it to copy from.",
                                 "file": stale.file, "tag": stale.tag, "current": stale.current}, status_code=409)
        state = await run_in_threadpool(studio.state)
        return JSONResponse({"file": file, "tag": new_tag, "state": state})

    async def upload_logo(request: Request) -> Response:
        await protected(request)
        studio = server.studio(request.path_params["name"])
        data = await _body(request, MAX_UPLOAD_BYTES)
        extension = check_logo(data)
        if not supports("logo"):
            raise RequestRefused(400, "refused: this version of handbill places no logo")
        tag = request.headers.get("X-Handbill-Tag", "")
        try:
            new_tag = await run_in_threadpool(studio.folder.save_logo, extension, data, tag)
        except StaleSave:
            raise RequestRefused(409, "not saved: leaflet.toml was changed in another tab or editor since this "
                                      "page read it; reload the page") from None
        return JSONResponse({"file": LEAFLET_FILE, "tag": new_tag, "logo": f"logo.{extension}"})

    async def logo(request: Request) -> Response:
        studio = server.studio(request.path_params["name"])
        name = str((await run_in_threadpool(studio.folder.read_form)).logo)
        if not re.fullmatch(r"logo\.(png|jpg|svg)", name):
            raise RequestRefused(404, "no logo uploaded from this page")
        data = studio.folder.read_bytes(name)  # confined to the folder
        if data is None:
            raise RequestRefused(404, "no logo")
        kind = {"png": "image/png", "jpg": "image/jpeg", "svg": "image/svg+xml"}[name.rsplit(".", 1)[1]]
        # An SVG is checked like the build's (no script, nothing outside the file) and shown through <img>,
        # where a browser runs no script; opened on its own, this policy still lets it run nothing and load
        # nothing, and nosniff keeps the browser from taking it for anything but an image.
        return Response(data, media_type=kind, headers={"X-Content-Type-Options": "nosniff",
                                                        "Content-Security-Policy": LOGO_POLICY})

    async def versions(request: Request) -> Response:
        studio = server.studio(request.path_params["name"])
        lang = request.query_params.get("lang")
        quick = request.query_params.get("quick") == "1"  # page counts only of versions rendered already
        if lang:
            check_language(lang)

        def listing() -> dict[str, Any]:
            with studio.lock:
                leaflet, error = studio.leaflet()
                key = lang_key(lang, leaflet.aliases if leaflet is not None else None) if lang else None
                return {"state": studio.state(), "loads": error is None, "lang": key,
                        "versions": [{"label": v.label, "layout": v.layout, "lang": v.lang,
                                      "pages": (studio.known_pages(v) if quick else studio.page_count(v))
                                      if v.lang == key else None}
                                     for v in studio.versions()]}
        return JSONResponse(await run_in_threadpool(listing))

    async def preview(request: Request) -> Response:
        studio = server.studio(request.path_params["name"])
        layout, lang = _label(request.path_params["label"])
        page_number = request.path_params["page"]
        png = await run_in_threadpool(studio.png, layout, lang, page_number)
        if png is None:
            raise RequestRefused(404, f"no version {layout}.{lang} (or no page {page_number}) now")
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=600"})

    async def problems(request: Request) -> Response:
        studio = server.studio(request.path_params["name"])
        lang = request.query_params.get("lang")
        langs = [check_language(lang)] if lang else None
        found = await run_in_threadpool(studio.problems, langs)
        return JSONResponse({"problems": [asdict(p) for p in found]})

    async def download(request: Request) -> Response:
        studio = server.studio(request.path_params["name"])
        layout, lang = _label(request.path_params["label"])
        result = await run_in_threadpool(studio.pdf, layout, lang)
        if result is None:
            raise RequestRefused(404, f"no version {layout}.{lang} now")
        filename, pdf = result
        return Response(pdf, media_type="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    async def download_zip(request: Request) -> Response:
        studio = server.studio(request.path_params["name"])
        result = await run_in_threadpool(studio.zip)
        if result is None:
            raise RequestRefused(409, "the leaflet does not load now: see the problems shown at the fields")
        filename, data = result
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    routes = [
        Route("/", home),
        Route("/new", new, methods=["POST"]),
        Route("/l/{name}/", editor),
        Route("/l/{name}/save", save, methods=["POST"]),
        Route("/l/{name}/logo", upload_logo, methods=["POST"]),
        Route("/l/{name}/logo", logo, methods=["GET"]),
        Route("/l/{name}/versions", versions),
        Route("/l/{name}/preview/{label}/{page:int}", preview),
        Route("/l/{name}/problems", problems),
        Route("/l/{name}/download/{label}.pdf", download),
        Route("/l/{name}/download.zip", download_zip),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    allowed = ["127.0.0.1", "localhost", "[::1]", "testserver", *(hosts or [])]
    return Starlette(routes=routes, exception_handlers={RequestRefused: refusal, handbill.HandbillError: input_refused,
                                                       Exception: bug},
                     middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed)])


def language_refusal(code: str) -> str:
    """Why a code typed in "Add a language" is not one, with the did-you-mean the command line gives
    (``dari`` -> did you mean 'fa-AF' (Dari)?); "" for a good code."""
    try:
        check_lang(code)
    except FieldRefused as exc:
        problem = languages.problem(code)
        return f"{problem[0]}: {problem[1]}" if problem else str(exc)
    problem = languages.problem(code)
    return f"{problem[0]}: {problem[1]}" if problem else ""


def check_language(code: object) -> str:
    """A language code from a request, or a 400 refusal."""
    try:
        return check_lang(code)  # type: ignore[arg-type]
    except FieldRefused as exc:
        raise RequestRefused(400, f"refused: {exc}") from None


def _where(error: handbill.HandbillError, folder: Path) -> str:
    """``leaflet.toml, line 6`` for a message about a file of the leaflet (its path as the page knows it)."""
    if error.file is None:
        return ""
    name = error.file.name if error.file.parent == folder else str(error.file)
    return f"{name}, line {error.line}" if error.line else name


def _source_line(error: handbill.HandbillError) -> str:
    """The line of the file a message names, to show under it (empty if there is none)."""
    if error.file is None or not error.line:
        return ""
    try:
        lines = error.file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return lines[error.line - 1][:300] if 0 < error.line <= len(lines) else ""


def _label(label: str) -> tuple[str, str]:
    match = LABEL.match(label)
    if match is None:
        raise RequestRefused(400, f"refused: not a version name: {label!r} (like a4-flyer.fa)")
    return match.group(1), match.group(2)


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise RequestRefused(413, f"refused: the upload is larger than {limit:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestRefused(413, f"refused: the upload is larger than {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _json(request: Request) -> dict[str, Any]:
    body = await _body(request, MAX_JSON_BYTES)
    try:
        data = json.loads(body)
    except ValueError:
        raise RequestRefused(400, "refused: the request is not JSON") from None
    if not isinstance(data, dict):
        raise RequestRefused(400, "refused: the request is not a JSON object")
    return data
