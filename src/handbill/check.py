"""``handbill check``: a preflight of every version of a leaflet, without writing anything.

    report = run_check(Path("leaflets/victory-day-2023"))
    print(report.to_text())          # or report.to_json()
    sys.exit(report.exit_code())     # 1 when anything would make the print fail

Per layout and language it composes and renders the PDF in memory, then reports:

    fonts         which faces set the text; a character no font has; a font that may not be embedded
    overflow      text that does not fit its frame at the smallest allowed size
    margins       text inside the safe margin (cutting tolerance) or beyond the trim
    colours       RGB/Lab colours converted to the file's CMYK (a note each), total ink above the limit,
                  rich black on small text
    images        a missing image; effective resolution under the layout's minimum at print size; an image
                  finer than the output needs, printed downsampled (one note)
    translations  versions that cannot be made because a statement or slogan is missing
    pdfx          the rendered file's output intent, version keys, boxes, fonts and colour spaces

Errors make the print fail (exit 1); warnings are worth a look (exit 0, or 1 with ``strict``);
notes are information.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from handbill.compose import compose, plan_jobs
from handbill.compose.plan import Job
from handbill.conditions import condition
from handbill.errors import HandbillError, MissingGlyphError, TextOverflowError
from handbill.findings import CheckReport, Finding, JobCheck
from handbill.fonts.face import FontFace
from handbill.load import find_layout, load_layout, load_leaflet
from handbill.load.layout_print import with_condition
from handbill.model import (
    MM,
    Color,
    ComposedDocument,
    Layout,
    Leaflet,
    Notice,
    PlacedCode,
    PlacedImage,
    PlacedLine,
    PrintSpec,
)
from handbill.pipeline import Session, document_notices, script_warnings, shaper_warnings, version_notices
from handbill.preflight_pdf import pdf_problems
from handbill.project import layout_search_path
from handbill.render.colour import document_colors, document_inks
from handbill.render.convert import output_colors
from handbill.render.coverage import image_coverage, page_coverage
from handbill.render.draw import conversion_profile, render_pdf
from handbill.render.overprint import overprints
from handbill.render.pdfx import find_profile
from handbill.render.profiles import condition_limit
from handbill.text.linebreak import has_hyphenation, writes_hyphenated
from handbill.tomlpos import describe

RICH_BLACK_MAX_TEXT = 24.0  # points: below this, text in rich black risks misregistration
ASCENT, DESCENT = 0.75, 0.25  # of the font size: the extent of a line's ink for margin checks


def run_check(folder: Path, layouts: list[str] | None = None, langs: list[str] | None = None,
              strict: bool = False, condition: str | None = None, session: Session | None = None) -> CheckReport:
    """Preflight every version of a leaflet (or the layouts and languages asked for); ``session``: a warm
    session for the leaflet's font catalog to reuse (``handbill serve`` checks after rendering previews)."""
    folder = Path(folder)
    report = CheckReport(folder.name, strict=strict)
    try:
        leaflet = load_leaflet(folder)
    except HandbillError as exc:
        report.findings.append(_from_error("input", exc))
        return report
    chosen = _load_layouts(leaflet.folder, layouts or list(leaflet.layouts), report)
    if condition:
        try:
            chosen = [with_condition(layout, condition) for layout in chosen]
        except HandbillError as exc:
            report.findings.append(_from_error("input", exc))
            return report
    try:
        jobs, skips = plan_jobs(leaflet, chosen, langs, explicit_layouts=bool(layouts))
    except HandbillError as exc:
        report.findings.append(_from_error("translations", exc))
        return report
    for skip in skips:
        report.findings.append(Finding("note", "translations", skip.reason, f"{skip.layout}.{skip.lang}"))
    for warning in shaper_warnings(jobs):
        report.findings.append(Finding("warning", "fonts", str(warning)))
    for warning in script_warnings(jobs):
        report.findings.append(Finding("warning", "text", str(warning)))
    for notice in leaflet.warnings:
        report.findings.append(_from_notice("statement", notice))
    for job in jobs:
        report.findings.extend(_from_notice("content", n, job.label) for n in version_notices(job))
    try:
        session = session or Session.for_leaflet(leaflet.folder)
    except HandbillError as exc:  # no or a broken font catalog: a finding, so --json still prints JSON
        report.findings.append(_from_error("fonts", exc))
        return report
    resampled: dict[Path, dict[str, PlacedImage]] = {}
    for job in jobs:
        document = check_job(job, session, report)
        for page in document.pages if document else ():
            for item in page.items:
                if isinstance(item, PlacedImage) and item.resample is not None:
                    resampled.setdefault(item.path, {})[job.label] = item
    report.findings.extend(resample_note(list(by_job.values()), leaflet) for by_job in resampled.values())
    return report


def resample_note(placed: list[PlacedImage], leaflet: Leaflet) -> Finding:
    """One note for an image printed downsampled (compose/images.py) in one or more versions (one
    placement each)."""
    first = placed[0]
    finest = max(item.dpi for item in placed)
    largest = max((item.resample for item in placed if item.resample), key=lambda size: size[0] * size[1])
    key = next((k for k, name in (("logo", leaflet.logo), ("photo", leaflet.photo))
                if name and (leaflet.folder / name).resolve() == first.path.resolve()), "")
    versions = f"{len(placed)} version embeds" if len(placed) == 1 else f"{len(placed)} versions embed"
    notice = Notice(f"{first.path.name} ({first.pixels[0]} x {first.pixels[1]} pixels) is finer than print needs (up "
                    f"to {finest:.0f} ppi at its printed size): {versions} it downsampled (at most "
                    f"{largest[0]} x {largest[1]} pixels)", file=leaflet.folder / "leaflet.toml" if key else None,
                    field=key, hint="nothing to do; an image of about that size builds faster")
    return Finding("note", "images", notice.message, "", notice.where, notice.hint, str(notice.file or ""),
                   notice.field, notice.line)


def _load_layouts(folder: Path, names: list[str], report: CheckReport) -> list[Layout]:
    """Each layout on its own, so that one broken layout does not hide the others' findings."""
    search = layout_search_path(folder)
    loaded = []
    for name in names:
        try:
            layout = load_layout(find_layout(name, search), search)
            loaded.append(layout)
            report.findings.extend(Finding("warning", "layout", warning, name, str(layout.path))
                                   for warning in layout.warnings)
        except HandbillError as exc:
            topic = "colours" if exc.field and exc.field.startswith("colors.") else "input"
            report.findings.append(_from_error(topic, exc, job=name))
    return loaded


def error_report(folder: Path, exc: HandbillError, topic: str = "input") -> CheckReport:
    """A report holding one error (what ``check --json`` prints when checking could not even start)."""
    report = CheckReport(Path(folder).resolve().name)
    report.findings.append(_from_error(topic, exc))
    return report


def _from_notice(topic: str, notice: Notice, job: str = "") -> Finding:
    return Finding("warning", topic, notice.message, job, notice.where, notice.hint, str(notice.file or ""),
                   notice.field, notice.line)


def _from_error(topic: str, exc: HandbillError, job: str = "") -> Finding:
    where = ":".join(str(p) for p in (exc.file, exc.line) if p is not None)
    if exc.field:
        where = f"{where}: {describe(exc.field)}" if where else describe(exc.field)
    return Finding("error", topic, exc.message, job, where, exc.hint or "", str(exc.file or ""), exc.field or "",
                   exc.line)


def check_job(job: Job, session: Session, report: CheckReport) -> ComposedDocument | None:
    """Compose and render one version in memory, and add what is found to the report; the composed
    version (None when it could not be composed)."""
    result = JobCheck(job.label, job.layout.name, job.lang, job.layout.output.pdfx,
                      condition=condition_label(job.layout.output), ink_limit=job.layout.output.ink_limit)
    report.jobs.append(result)
    try:
        document = compose(job, session.setter)
    except MissingGlyphError as exc:
        report.findings.append(_from_error("fonts", exc, job.label))
        return None
    except TextOverflowError as exc:
        report.findings.append(_from_error("overflow", exc, job.label))
        return None
    except HandbillError as exc:
        report.findings.append(_from_error("input", exc, job.label))
        return None
    try:
        result.profile = find_profile(document.output).description if document.output.color == "cmyk" else ""
        document = output_colors(document, conversion_profile(document))
    except HandbillError as exc:
        report.findings.append(_from_error("pdfx", exc, job.label))
        return None
    result.pages = len(document.pages)
    result.overprint = overprint_summary(document)
    result.fonts = [face.label for face in _faces(document)]
    found: list[Finding] = []
    found += font_findings(document)
    found += margin_findings(document, job.layout)
    found += colour_findings(document, job.layout)
    found += [_from_notice("images", notice) for notice in document_notices(document, job.layout, job.leaflet)]
    found += _qr_notes(document, job)
    found += ragged_findings(document)
    try:
        result.inks = document_inks(document) if document.output.color == "cmyk" else []
        data = render_pdf(document)
    except HandbillError as exc:
        found.append(_from_error("pdfx", exc))
    else:
        result.size = len(data)
        found += pdf_findings(data, document)
        if document.output.color == "cmyk":
            coverage, result.tac = coverage_findings(data, document, job.layout)
            found += coverage
    report.findings.extend(Finding(f.severity, f.topic, f.message, job.label, f.where, f.hint) for f in found)
    return document


def coverage_findings(data: bytes, document: ComposedDocument, layout: Layout) -> tuple[list[Finding], float]:
    """Total ink of the rendered pages (images, overprint and spot inks included) and of each image,
    against the ink limit of the file's condition; and the most ink found (0 without Ghostscript)."""
    spec = document.output
    limit = spec.ink_limit
    target = condition_label(spec).split(" (")[0]
    found = []
    hint = ("lighten the colour (less C, M or Y under K), convert the image for this condition, or ask the "
            "shop for its limit ([output] ink_limit)")
    profile = conversion_profile(document)
    seen: set[str] = set()
    for page in document.pages:
        for item in page.items:
            if isinstance(item, PlacedImage) and item.ink is None and str(item.path) not in seen:
                seen.add(str(item.path))
                most = image_coverage(item, profile, condition_limit(spec))
                if most > limit + 0.5:
                    found.append(Finding("warning", "colours", f"image {item.path.name} carries up to {most:.0f} % "
                                         f"ink after conversion, over the {limit:g} % limit of {target}",
                                         where=f"{layout.path}: {item.key}", hint=hint, file=str(layout.path),
                                         field=item.key))
    pages = page_coverage(data, document)
    for page_ink in pages:
        if page_ink.tac > limit + 0.5:
            what = f": {page_ink.source}" if page_ink.source else ""
            found.append(Finding("warning", "colours", f"page {page_ink.page}: {page_ink.tac:.0f} % total ink at "
                                 f"{page_ink.x_mm:.0f} mm from the left, {page_ink.y_mm:.0f} mm from the top, over "
                                 f"the {limit:g} % limit of {target}{what}", where=str(layout.path), hint=hint,
                                 file=str(layout.path)))
    return found, max((p.tac for p in pages), default=0.0)


def overprint_summary(document: ComposedDocument) -> str:
    """What overprints in a print file (render/overprint.py), in words; "" for screen output."""
    spec = document.output
    if spec.color != "cmyk":
        return ""
    if spec.overprint <= 0:
        return "off (black knocks out)"
    items = [item for page in document.pages for item in page.items if overprints(item, spec)]
    lines = sum(1 for item in items if isinstance(item, PlacedLine))
    return (f"100 % K text under {spec.overprint:g} pt: {lines} line{'s' * (lines != 1)}; 100 % K rules under "
            f"{spec.overprint_rule / MM:g} mm: {len(items) - lines}")


def condition_label(spec: PrintSpec) -> str:
    """What a print file targets: ``FOGRA39 (registered)``, or ``Custom (profile name)``; "" for screen."""
    if spec.color != "cmyk":
        return ""
    registered = condition(spec.condition) if spec.condition else None
    if registered is not None:
        return f"{registered.name} (registered as {registered.identifier!r})"
    if spec.icc_profile is not None:
        return f"{spec.output_condition or 'Custom'} (profile {spec.icc_profile.name})"
    return f"{spec.output_condition or 'Custom'} (Ghostscript's default CMYK profile)"


def _faces(document: ComposedDocument) -> list[FontFace]:
    faces: dict[str, FontFace] = {}
    for line in _lines(document):
        for glyph in line.line.glyphs:
            faces.setdefault(glyph.face.digest, glyph.face)
    return list(faces.values())


def _lines(document: ComposedDocument) -> Iterable[PlacedLine]:
    for page in document.pages:
        yield from (item for item in page.items if isinstance(item, PlacedLine))
    yield from document.slug


def font_findings(document: ComposedDocument) -> list[Finding]:
    """Fonts whose licence bits forbid embedding (OS/2 fsType), which a print file needs."""
    found = []
    for face in _faces(document):
        fs_type = embedding_bits(face.data)
        if fs_type & 0x0002 and not fs_type & 0x000C:
            found.append(Finding("error", "fonts", f"{face.label} ({face.path.name}) may not be embedded "
                                 "(OS/2 fsType: restricted licence)", hint="use another font for this script"))
        elif fs_type & 0x0200:
            found.append(Finding("error", "fonts", f"{face.label} allows bitmap embedding only",
                                 hint="use a font whose licence allows outline embedding"))
    return found


def embedding_bits(data: bytes) -> int:
    """The OS/2 fsType of a font's bytes (0 when there is no OS/2 table)."""
    count = int.from_bytes(data[4:6], "big")
    for i in range(count):
        record = data[12 + 16 * i:28 + 16 * i]
        if record[:4] == b"OS/2":
            offset = int.from_bytes(record[8:12], "big")
            return int.from_bytes(data[offset + 8:offset + 10], "big")
    return 0


def _line_text(line: PlacedLine) -> str:
    return "".join(g.text for g in line.line.glyphs)


def _line_box(line: PlacedLine) -> tuple[float, float, float, float] | None:
    """The extent of a line's glyphs (left, bottom, right, top) in trim coordinates."""
    glyphs = line.line.glyphs
    if not glyphs:
        return None
    size = max(g.size for g in glyphs)
    left = line.x + min(g.x for g in glyphs)
    right = line.x + line.line.width
    return left, line.y - DESCENT * size, max(right, left), line.y + ASCENT * size


def margin_findings(document: ComposedDocument, layout: Layout) -> list[Finding]:
    """Text inside the safe margin (warning) or past the trim (error), one finding per page and edge."""
    found = []
    margin, width, height = document.safe_margin, document.width, document.height
    for number, page in enumerate(document.pages, start=1):
        reported: set[str] = set()
        for item in page.items:
            if not isinstance(item, PlacedLine):
                continue
            box = _line_box(item)
            if box is None:
                continue
            left, bottom, right, top = box
            distances = {"left": left, "right": width - right, "bottom": bottom, "top": height - top}
            for edge, distance in distances.items():
                if distance >= margin - 0.01 or edge in reported:
                    continue
                reported.add(edge)
                text = _line_text(item).strip()
                snippet = text if len(text) <= 40 else text[:39] + "…"
                if distance < 0:
                    found.append(Finding("error", "margins", f"page {number}: text runs {-distance / MM:.1f} mm "
                                         f"past the {edge} trim edge: {snippet!r}", where=str(layout.path),
                                         hint="move the frame inside the page"))
                else:
                    found.append(Finding("warning", "margins", f"page {number}: text {distance / MM:.1f} mm from "
                                         f"the {edge} trim edge, inside the {margin / MM:g} mm safe margin: "
                                         f"{snippet!r}", where=str(layout.path),
                                         hint="move the frame in: the cut may drift by a few millimetres"))
    return found


def colour_findings(document: ComposedDocument, layout: Layout) -> list[Finding]:
    """RGB in print, ink above the limit, rich black on small text."""
    found = []
    where = str(layout.path)
    for color in document_colors(document):
        if color.space == "rgb" and document.output.color == "cmyk":
            found.append(Finding("error", "colours", f"colour {color.name!r} is RGB in a CMYK print layout "
                                 "and no output profile converts it", where=f"{where}: colors.{color.name}",
                                 hint="give it as cmyk = [c, m, y, k], or name a condition or icc_profile"))
        if color.source:
            found.append(Finding("note", "colours", f"colour {color.name!r}: {color.source} converted to "
                                 f"{_percent(color)} for {condition_label(document.output) or 'the screen'}",
                                 where=f"{where}: colors.{color.name}"))
        if color.total_ink > document.output.ink_limit + 0.01:
            found.append(Finding("warning", "colours", f"colour {color.name!r} lays down {color.total_ink:.0f} % "
                                 f"ink, above the {document.output.ink_limit:g} % limit",
                                 where=f"{where}: colors.{color.name}",
                                 hint="reduce C, M or Y (the print shop names its limit)"))
    small: dict[str, float] = {}
    for line in _lines(document):
        if _rich_black(line.color) and line.line.glyphs:
            size = max(g.size for g in line.line.glyphs)
            if size < RICH_BLACK_MAX_TEXT:
                small[line.color.name] = min(size, small.get(line.color.name, size))
    for name, size in small.items():
        found.append(Finding("warning", "colours", f"text at {size:.1f} pt is in rich black {name!r}: four inks "
                             "must register exactly on small type", where=f"{where}: colors.{name}",
                             hint="set body text in 100 % K (cmyk = [0, 0, 0, 100]); keep rich black for large areas"))
    return found


def _percent(color: Color) -> str:
    """``CMYK 0/96/93/0`` (percent), or ``sRGB #E30613`` for a Lab colour on a screen."""
    if color.space == "rgb":
        return "sRGB #" + "".join(f"{round(v * 255):02X}" for v in color.values)
    return "CMYK " + "/".join(f"{v * 100:g}" for v in color.values)


def _rich_black(color: Color) -> bool:
    if color.space != "cmyk" or color.ink:
        return False
    c, m, y, k = color.values
    return k >= 0.9 and c + m + y > 0


def ragged_findings(document: ComposedDocument) -> list[Finding]:
    """Justified lines left ragged because their word gaps would pass the style's max_gap, per
    language, naming the missing hyphenation dictionary where that is why (text/justify.py): only for
    a language whose script handbill hyphenates (never for Chinese, Thai or Arabic, say)."""
    counts: dict[str, int] = {}
    for page in document.pages:
        for item in page.items:
            if isinstance(item, PlacedLine) and item.line.ragged:
                counts[item.lang] = counts.get(item.lang, 0) + 1
    found = []
    for lang, count in sorted(counts.items()):
        missing = writes_hyphenated(lang) and not has_hyphenation(lang)
        why = (f"; '{lang}' has no hyphenation dictionary (neither pyphen's nor TeX's hyph-utf8 patterns, "
               "Debian texlive-lang-*, has one installed)") if missing else ""
        found.append(Finding("note", "text", f"{count} justified line{'s' * (count != 1)} in '{lang}' left ragged: "
                             f"the word gaps would be wider than the style's max_gap{why}",
                             hint="give the column more width, or allow wider gaps (max_gap in the layout's style)"))
    return found


def _qr_notes(document: ComposedDocument, job: Job) -> list[Finding]:
    placed = sum(1 for p in document.pages for i in p.items if isinstance(i, PlacedCode))
    frames = sum(1 for p in job.layout.pages for f in p.frames if f.block == "qr")
    if frames > placed:
        return [Finding("note", "images", "a qr frame stays empty: the leaflet gives no url",
                        where=str(job.leaflet.folder / "leaflet.toml"), hint='add url = "https://..."')]
    return []


def pdf_findings(data: bytes, document: ComposedDocument) -> list[Finding]:
    """Read the rendered file back: PDF/X keys, output intent, boxes, fonts embedded, no DeviceRGB."""
    spec = document.output
    problems = pdf_problems(data, len(document.pages), spec.pdfx, spec.color == "cmyk")
    return [Finding("error", "pdfx", problem) for problem in problems]
