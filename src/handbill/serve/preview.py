"""Previews, downloads and problems of the leaflet as it is on disk, rendered in this process with one warm
session (fonts, layouts and shaped text stay loaded between requests).

    studio = Studio(LeafletFolder(path))
    studio.png("a4-flyer", "fa", page=1)   # PNG bytes of the version as saved; cached per file state
    studio.pdf("a4-flyer", "fa")           # the PDF build would write
    studio.problems(["fa"])                # every problem check finds, each placed at a field id

Rendering is serialised by one lock: the session is not shared between threads, and on a 2-core machine
two renders at once are no faster than one after the other.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import handbill
from handbill.serve.folder import LEAFLET_FILE, LeafletFolder
from handbill.serve.panes import panes

MAX_CACHED = 48  # versions kept rendered (PDF bytes and the PNGs of pages looked at)


@dataclass(frozen=True)
class Problem:
    """One thing to show on the page: how bad, what, what to do, and the field (or version) it concerns."""

    severity: str
    message: str
    hint: str
    field: str  # a field id (statement:fa, slogan:fa, date, ...) or version:<layout>.<lang>, or "" for general
    line: int | None = None


class _Rendered:
    """One version's PDF, and PNGs of its pages made as they are asked for."""

    def __init__(self, pdf: bytes) -> None:
        self.pdf = pdf
        self._pages: int | None = None
        self._pngs: dict[tuple[int, float], bytes] = {}

    def page_count(self) -> int:
        if self._pages is None:
            import pypdfium2

            document = pypdfium2.PdfDocument(self.pdf)
            try:
                self._pages = len(document)
            finally:
                document.close()
        return self._pages

    def png(self, page: int, dpi: float) -> bytes | None:
        if not 1 <= page <= self.page_count():
            return None
        if (page, dpi) not in self._pngs:
            import pypdfium2

            document = pypdfium2.PdfDocument(self.pdf)
            try:
                image = document[page - 1].render(scale=dpi / 72).to_pil()
            finally:
                document.close()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", compress_level=1)  # a preview: fast beats small
            self._pngs[page, dpi] = buffer.getvalue()
        return self._pngs[page, dpi]


class Studio:
    """The leaflet on disk, loaded and rendered on demand; results cached per state of its files."""

    def __init__(self, folder: LeafletFolder) -> None:
        self.folder = folder
        self.lock = threading.Lock()
        self._state = ""
        self._leaflet: handbill.Leaflet | None = None
        self._error: handbill.HandbillError | None = None
        self._cache: dict[tuple[str, str], _Rendered] = {}
        self._failed: set[tuple[str, str]] = set()  # versions that cannot be rendered at a state

    def state(self) -> str:
        """A digest of every file the leaflet reads (leaflet.toml, statements, logo): the cache key."""
        tags = [self.folder.tag(LEAFLET_FILE)]
        for entry in sorted(self.folder.path.iterdir()):
            if re.fullmatch(r"statement\.[A-Za-z0-9-]+\.md|logo\.(png|jpg|svg)", entry.name):
                tags.append(f"{entry.name}={self.folder.tag(entry.name)}")
        return "|".join(tags)

    def leaflet(self) -> tuple[handbill.Leaflet | None, handbill.HandbillError | None]:
        """The leaflet as saved, or the error that stops it from loading (with file, key and line)."""
        state = self.state()
        if state != self._state:
            self._state, self._leaflet, self._error = state, None, None
            try:
                self._leaflet = handbill.load_leaflet(self.folder.path)
            except handbill.HandbillError as exc:
                self._error = exc
        return self._leaflet, self._error

    def aliases(self) -> Mapping[str, str] | None:
        """The codes the loaded leaflet renamed (``fa`` -> ``fa-IR``), or None while it does not load."""
        if not self.lock.acquire(blocking=False):  # a render is running: the page does not wait for it
            return self._leaflet.aliases if self._leaflet is not None else None
        try:
            leaflet, _ = self.leaflet()
            return leaflet.aliases if leaflet is not None else None
        finally:
            self.lock.release()

    def versions(self) -> list[handbill.Version]:
        """Every version the leaflet makes now (none while it does not load)."""
        leaflet, _ = self.leaflet()
        if leaflet is None:
            return []
        try:
            return list(handbill.versions(leaflet).versions)
        except handbill.HandbillError:
            return []

    def version(self, layout: str, lang: str) -> handbill.Version | None:
        """One version by layout and language, if the leaflet makes it."""
        return next((v for v in self.versions() if v.layout == layout and v.lang == lang), None)

    def _rendered(self, version: handbill.Version) -> _Rendered:
        """A version rendered once per state of the files (call with the lock held)."""
        key = (self._state, version.label)
        if key not in self._cache:
            leaflet, _ = self.leaflet()
            assert leaflet is not None
            try:
                pdf = handbill.render_pdf(version, session=handbill.session_for(leaflet))
            except handbill.HandbillError:
                self._failed.add(key)
                raise
            if len(self._cache) >= MAX_CACHED:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = _Rendered(pdf)
        return self._cache[key]

    def known_pages(self, version: handbill.Version) -> int | None:
        """A version's page count if it is rendered at this state already (0 if it failed), else None: the
        page asks for its first page at once and for the count after, so that a pane's first preview
        follows one render, not every version's of that language."""
        key = (self._state, version.label)
        if key in self._cache:
            return self._cache[key].page_count()
        return 0 if key in self._failed else None

    def page_count(self, version: handbill.Version) -> int:
        """How many pages a version has now (call with the lock held); 0 when it cannot be rendered."""
        try:
            return self._rendered(version).page_count()
        except handbill.HandbillError:
            return 0

    def png(self, layout: str, lang: str, page: int = 1, dpi: float = 50) -> bytes | None:
        """A page (1-based) of a version as PNG; None if the leaflet does not make that version or page now."""
        with self.lock:
            version = self.version(layout, lang)
            if version is None:
                return None
            try:
                return self._rendered(version).png(page, dpi)
            except handbill.HandbillError:
                return None

    def pdf(self, layout: str, lang: str) -> tuple[str, bytes] | None:
        """A version's PDF and its file name, as ``handbill build`` would write it."""
        with self.lock:
            version = self.version(layout, lang)
            if version is None:
                return None
            return version.filename, self._rendered(version).pdf

    def zip(self) -> tuple[str, bytes] | None:
        """Every version's PDF in one zip (``<leaflet>.zip``); a version that fails is left out and named in
        ``PROBLEMS.txt`` inside the zip."""
        with self.lock:
            leaflet, _ = self.leaflet()
            if leaflet is None:
                return None
            buffer = io.BytesIO()
            failed = []
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for version in self.versions():
                    try:
                        pdf = self._rendered(version).pdf
                    except handbill.HandbillError as exc:
                        failed.append(f"{version.filename}: {exc}")
                        continue
                    info = zipfile.ZipInfo(f"{leaflet.name}/{version.filename}", date_time=(1980, 1, 1, 0, 0, 0))
                    archive.writestr(info, pdf, zipfile.ZIP_DEFLATED)
                if failed:
                    archive.writestr(zipfile.ZipInfo(f"{leaflet.name}/PROBLEMS.txt", date_time=(1980, 1, 1, 0, 0, 0)),
                                     "\n".join(failed) + "\n")
            return f"{leaflet.name}.zip", buffer.getvalue()

    def problems(self, langs: list[str] | None = None) -> list[Problem]:
        """Every problem ``handbill check`` finds (for these languages), each placed at its field."""
        with self.lock:
            leaflet, error = self.leaflet()
            if leaflet is None:
                assert error is not None
                return [Problem("error", error.message, error.hint or "", *self._place(error.file, error.field,
                                                                                          error.line))]
            # the session that rendered the previews: its shaped text makes the check's composing cheap
            report = handbill.check_leaflet(leaflet, langs=langs or None, session=handbill.session_for(leaflet))
            made = {version.label for version in self.versions()}
            fields = {pane.key: pane for pane in panes(self.folder.read_form(), leaflet.aliases)}
            problems = []
            for finding in report.findings:
                field, line = self._place(finding.file or None, finding.field or None, finding.line)
                if not field and finding.job:
                    field = f"version:{finding.job}"
                    if finding.job not in made:  # a version that cannot be made: what to write, and where
                        lang = finding.job.rpartition(".")[2]  # the version's code: fa-AF for statement.prs.md
                        pane = fields.get(lang)
                        field = (f"slogan:{pane.slogan if pane else lang}" if "slogan" in finding.message
                                 else f"statement:{pane.statement if pane else lang}")
                problem = Problem(finding.severity, finding.message, finding.hint, field, line)
                if problem not in problems:  # the same line missing in the flyer and the poster: once
                    problems.append(problem)
            return problems

    def _place(self, file: Path | str | None, key: str | None, line: int | None) -> tuple[str, int | None]:
        """The field id a file, key path and line concern (``statement:fa``, ``slogan:fa``, ``date``)."""
        name = Path(file).name if file else ""
        match = re.fullmatch(r"statement\.([A-Za-z0-9-]+)\.md", name)
        if match:
            return f"statement:{match.group(1)}", line
        if name != LEAFLET_FILE or not key:
            return "", line
        try:
            doc = self.folder.document()
        except handbill.HandbillError:
            return "", line
        main = str(doc.get("lang", ""))
        head = re.match(r"(\w+)(?:\[(\d+)\])?(?:\.(\w[\w-]*))?(?:\.(\w+))?", key)
        if head is None:
            return "", line
        top, index, sub, subsub = head.groups()
        if top in ("title", "organisation", "place_date"):
            return f"{top}:{main}", line
        if top == "translations" and sub and subsub:
            return f"{subsub}:{sub}", line
        if top == "slogans" and index is not None:
            slogans = doc.get("slogans", [])
            if 0 < int(index) <= len(slogans):  # key paths count entries from 1
                return f"slogan:{slogans[int(index) - 1].get('lang', '')}", line
        if top in ("date", "layouts", "signatories", "logo", "lang", "url"):
            return top, line
        return "", line
