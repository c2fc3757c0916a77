"""Reading generated PDFs back with independent tools (poppler, qpdf, pypdfium2) for the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

MM = 72.0 / 25.4
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
                                    "\u2069\ufeff"))


def need(tool: str) -> str:
    """The path of a command-line tool, or skip the test saying which Debian package brings it."""
    path = shutil.which(tool)
    if path is None:
        package = {"pdftotext": "poppler-utils", "pdffonts": "poppler-utils", "pdfinfo": "poppler-utils",
                   "pdftoppm": "poppler-utils", "qpdf": "qpdf", "tesseract": "tesseract-ocr"}.get(tool, tool)
        pytest.skip(f"{tool} not installed (Debian package {package}; scripts/install-system-deps --test)")
    return path


def run(*args: str) -> str:
    """Run a tool and return its standard output (it must succeed)."""
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{args[0]} failed: {result.stderr}"
    return result.stdout


def normalise(text: str, keep_newlines: bool = False) -> str:
    """NFC, no bidi or zero-width controls, whitespace collapsed (extractors differ in spacing)."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\u00ad\n", "").replace("\u00ad", "")
    if keep_newlines:
        return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return re.sub(r"\s+", " ", text).strip()


def squeeze(text: str) -> str:
    """Text without any whitespace, for comparisons where poppler may move a space beside punctuation."""
    return re.sub(r"\s+", "", normalise(text))


def pdftotext(path: Path) -> str:
    """pdftotext's reading of a PDF."""
    return run(need("pdftotext"), "-enc", "UTF-8", str(path), "-")


def pdfium_text(path: Path) -> str:
    """pypdfium2's reading of every page."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type, emb, sub, uni for each font."""
    out = run(need("pdffonts"), str(path)).splitlines()
    rows = []
    for line in out[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID: the last 5 columns are fixed
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3],
                     "type": " ".join(parts[1:-6])})
    return rows


def boxes(path: Path, page: int = 1) -> dict[str, tuple[float, ...]]:
    """Page boxes in points from ``pdfinfo -box``."""
    out = run(need("pdfinfo"), "-box", "-f", str(page), "-l", str(page), str(path))
    result = {}
    for match in re.finditer(r"^Page\s+\d+\s+(\w+)Box:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out, re.M):
        result[match.group(1)] = tuple(float(match.group(i)) for i in range(2, 6))
    return result


def info(path: Path) -> dict[str, str]:
    """pdfinfo's key: value table (top-level lines: a PDF/X file adds an indented block with its own Title)."""
    out = run(need("pdfinfo"), str(path))
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines()
                                              if ":" in line and not line.startswith(" "))}


def content_streams(path: Path, tmp: Path) -> bytes:
    """Every stream of the PDF, uncompressed (qpdf --qdf), as one byte string."""
    out = tmp / (path.stem + ".qdf.pdf")
    subprocess.run([need("qpdf"), "--qdf", "--object-streams=disable", str(path), str(out)], check=True)
    return out.read_bytes()


def _scorer_path() -> Path:
    """The shared OCR scorer, in the ``shared/tools`` folder beside the repository or beside a folder above
    it (a worktree in ``wt/NAME`` finds the same one as the main checkout)."""
    here = Path(__file__).resolve().parent.parent
    for folder in here.parents:
        candidate = folder / "shared" / "tools" / "ocr_score.py"
        if candidate.is_file():
            return candidate
    return here.parent / "shared" / "tools" / "ocr_score.py"


SCORER = _scorer_path()


def ocr_scorer():
    """The shared OCR scorer module (../shared/tools/ocr_score.py), or skip when it or Tesseract is absent."""
    import importlib.util

    if not SCORER.is_file():
        pytest.skip(f"{SCORER} not found (the shared tools sit beside the repository)")
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract not installed (scripts/install-system-deps --test)")
    spec = importlib.util.spec_from_file_location("ocr_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def struct_text(path: Path) -> list[tuple[int, str, list[str]]]:
    """``pdfinfo -struct-text``: each structure element as (depth, type, its content's text lines)."""
    elements: list[tuple[int, str, list[str]]] = []
    for line in run(need("pdfinfo"), "-struct-text", str(path)).splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        if body.startswith('"') and body.endswith('"') and elements:
            elements[-1][2].append(body[1:-1])
        elif body and not body.startswith("/"):
            elements.append((depth, body.split()[0].rstrip(":"), []))
    return elements


def struct_elements(path: Path) -> list[dict[str, str]]:
    """The structure tree read with ``qpdf --json``, depth first: each element's /S, /Lang, /ActualText,
    /Alt (as text) and its depth."""
    import json

    data = json.loads(run(need("qpdf"), "--json=2", "--json-key=qpdf", str(path)))
    objects = {key.removeprefix("obj:"): value.get("value") for key, value in data["qpdf"][1].items()}
    root = next(v for v in objects.values() if isinstance(v, dict) and v.get("/Type") == "/Catalog")
    result: list[dict[str, str]] = []

    def text(value: object) -> str:
        if isinstance(value, str) and value.startswith("u:"):
            return value[2:]
        if isinstance(value, str) and value.startswith("b:"):
            raw = bytes.fromhex(value[2:])
            return raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1")
        return ""

    def walk(ref: object, depth: int) -> None:
        element = objects.get(ref) if isinstance(ref, str) else None
        if not isinstance(element, dict) or ("/S" not in element and element.get("/Type") != "/StructTreeRoot"):
            return
        if "/S" in element:
            result.append({"S": element["/S"][1:], "Lang": text(element.get("/Lang")), "depth": str(depth),
                           "ActualText": text(element.get("/ActualText")), "Alt": text(element.get("/Alt"))})
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            walk(kid, depth + 1)

    walk(root["/StructTreeRoot"], -1)
    return result


def statement_boxes(path: Path, layout_file: Path, lang: str = "en") -> list[tuple[int, tuple[float, ...]]]:
    """(page number, (left, top, width, height) in points from the MediaBox's top-left) of each column of
    a flyer's statement frames, in reading order (right to left on right-to-left pages)."""
    from handbill.compose.fit import frame_boxes
    from handbill.load import load_layout
    from handbill.text.script import is_rtl_language

    layout = load_layout(layout_file)
    pages = int(re.search(r"^Pages:\s+(\d+)", run(need("pdfinfo"), str(path)), re.M).group(1))
    chosen = layout.pages if len(layout.pages) == pages or not layout.long_pages else layout.long_pages
    offset = layout.bleed + (layout.mark_offset + layout.mark_length if layout.crop_marks else 0)
    rtl = layout.mirror_rtl and is_rtl_language(lang)
    return [(number, (box.x + offset, box.y + offset, box.width, box.height))
            for number, page in enumerate(chosen[:pages], 1)
            for frame in page.frames if frame.block == "statement"
            for box in frame_boxes(frame, number - 1, layout.width, rtl)]


def column_images(path: Path, layout_file: Path, lang: str, dpi: int, folder: Path) -> list[Path]:
    """Each statement column of a flyer rendered on its own (PNG, grey), in reading order: for OCR, which
    should read a paragraph that runs on from one column to the next, not guess the page's columns."""
    from PIL import Image

    images = []
    for index, (number, (left, top, width, height)) in enumerate(statement_boxes(path, layout_file, lang)):
        prefix = folder / f"page{number}"
        if not prefix.with_suffix(".png").is_file():
            run(need("pdftoppm"), "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(number), "-l",
                str(number), str(path), str(prefix))
        scale = dpi / 72
        with Image.open(prefix.with_suffix(".png")) as page:
            crop = page.crop((round((left - 6) * scale), round((top - 6) * scale), round((left + width + 6) * scale),
                              round((top + height + 6) * scale)))
            crop.save(folder / f"column{index}.png")
        images.append(folder / f"column{index}.png")
    return images


def columns_text(path: Path, layout_file: Path, lang: str = "en") -> str:
    """A flyer read column by column: poppler on the crop of each statement column, in reading order
    (right to left on right-to-left pages), then the whole text of every page.

    Poppler's guess at the order of columns on a page is not what text tests check; a paragraph that
    runs on from one column to the next reads whole this way.
    """
    from handbill.compose.fit import frame_boxes
    from handbill.load import load_layout
    from handbill.text.script import is_rtl_language

    layout = load_layout(layout_file)
    pages = int(re.search(r"^Pages:\s+(\d+)", run(need("pdfinfo"), str(path)), re.M).group(1))
    chosen = layout.pages if len(layout.pages) == pages or not layout.long_pages else layout.long_pages
    offset = layout.bleed + (layout.mark_offset + layout.mark_length if layout.crop_marks else 0)
    parts = []
    rtl = layout.mirror_rtl and is_rtl_language(lang)
    for mirrored in (rtl, not rtl):  # both orders: a page's direction may come from its text, not its code
        for number, page in enumerate(chosen[:pages], 1):
            for frame in (f for f in page.frames if f.block == "statement"):
                for box in frame_boxes(frame, number - 1, layout.width, mirrored):
                    crop = [str(round(v)) for v in (box.x + offset - 2, box.y + offset - 6, box.width + 4,
                                                    box.height + 12)]
                    parts.append(run(need("pdftotext"), "-r", "72", "-f", str(number), "-l", str(number),
                                     "-x", crop[0], "-y", crop[1], "-W", crop[2], "-H", crop[3], "-enc", "UTF-8",
                                     str(path), "-"))
        parts.append("\n")
    return "".join(parts) + "\n" + pdftotext(path)


# Tesseract reads best when letters are some tens of pixels tall: it is trained on text lines scanned at
# about 300 dpi, and misreads poster type rendered that large (Greek accents dropped, the end of a
# large Persian line lost). Large type is read at the resolution that makes its letters (the median
# glyph box) LETTER_PIXELS tall, as a reader steps back from a poster. On the seed's heroes every
# slogan reads within its limit for targets from 16 to 40 pixels; at 300 dpi the Greek one reads at 0.08.
LETTER_PIXELS = 24


def largest_type(path: Path, page: int = 1) -> tuple[tuple[float, float, float, float], float]:
    """Where the page's largest type sits and how tall its letters are, read with pypdfium2: the box
    (left, top, right, bottom; points from the page's top-left) and the median glyph box height (points)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    document = pdfium.PdfDocument(str(path))
    try:
        sheet = document[page - 1]
        textpage = sheet.get_textpage()
        glyphs = []
        for index in range(textpage.count_chars()):
            box = textpage.get_charbox(index)
            if box[3] > box[1] and not chr(pdfium_raw.FPDFText_GetUnicode(textpage.raw, index)).isspace():
                glyphs.append((pdfium_raw.FPDFText_GetFontSize(textpage.raw, index), box))
        height = sheet.get_height()
    finally:
        document.close()
    largest = max(size for size, _ in glyphs)
    boxes = [box for size, box in glyphs if size >= 0.95 * largest]
    letters = sorted(box[3] - box[1] for box in boxes)[len(boxes) // 2]
    return (min(b[0] for b in boxes), height - max(b[3] for b in boxes), max(b[2] for b in boxes),
            height - min(b[1] for b in boxes)), letters


def read_large_type(scorer, path: Path, lang: str, workdir: Path, page: int = 1) -> tuple[str, float]:
    """Tesseract's reading of a page's largest type (a poster's hero) and the dpi it was read at: the
    type's area alone, rendered at the resolution that makes its letters LETTER_PIXELS tall."""
    (left, top, right, bottom), letters = largest_type(path, page)
    dpi = 72 * LETTER_PIXELS / letters
    scale, margin = dpi / 72, letters  # a letter's height of white around the text
    prefix = workdir / f"{path.stem.replace('.', '-')}-large"
    run(need("pdftoppm"), "-r", f"{dpi:.3f}", "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page),
        "-x", str(int((left - margin) * scale)), "-y", str(int((top - margin) * scale)),
        "-W", str(int((right - left + 2 * margin) * scale)), "-H", str(int((bottom - top + 2 * margin) * scale)),
        str(path), str(prefix))
    return scorer.ocr(prefix.with_suffix(".png"), scorer.TESSERACT.get(lang, lang), 6), dpi


def read_large_image_type(scorer, image: Path, pdf: Path, lang: str, workdir: Path) -> tuple[str, float]:
    """Tesseract's reading of the largest type of an image rendered from a one-page PDF (a screen layout's
    PNG beside its web PDF) and the scale it was read at: found in the PDF, cut out of the image and
    scaled (Lanczos) so that its letters are LETTER_PIXELS tall."""
    from PIL import Image

    (left, top, right, bottom), letters = largest_type(pdf)
    with Image.open(image) as picture:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(pdf))
        try:
            per_point = picture.width / document[0].get_width()
        finally:
            document.close()
        margin = letters
        crop = picture.convert("L").crop((int((left - margin) * per_point), int((top - margin) * per_point),
                                          int((right + margin) * per_point), int((bottom + margin) * per_point)))
        scale = LETTER_PIXELS / (letters * per_point)
        crop = crop.resize((max(1, round(crop.width * scale)), max(1, round(crop.height * scale))),
                           Image.Resampling.LANCZOS)
        target = workdir / f"{image.stem.replace('.', '-')}-large.png"
        crop.save(target)
    return scorer.ocr(target, scorer.TESSERACT.get(lang, lang), 6), scale
