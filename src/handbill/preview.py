"""``handbill preview``: PNG pages of a leaflet's PDFs, or one contact sheet, via pypdfium2 (no system tools)."""

from __future__ import annotations

from pathlib import Path

from handbill.errors import HandbillError


def render_pages(pdf: Path, dpi: float = 50) -> list:
    """Every page of a PDF as a PIL image."""
    try:
        import pypdfium2
    except ImportError:
        raise HandbillError("preview needs pypdfium2", hint="pip install pypdfium2") from None
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72).to_pil() for page in document]
    finally:
        document.close()


def write_previews(pdfs: list[Path], out: Path, dpi: float = 50, sheet: bool = False) -> list[Path]:
    """PNG files for the pages of the PDFs (one per page, or a single contact sheet); returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    pages = [(pdf, i, image) for pdf in pdfs for i, image in enumerate(render_pages(pdf, dpi), start=1)]
    if not sheet:
        written = []
        for pdf, number, image in pages:
            path = out / f"{pdf.stem}-{number}.png"
            image.save(path)
            written.append(path)
        return written
    return [_contact_sheet(pages, out / "contact-sheet.png")]


def _contact_sheet(pages: list, path: Path, per_row: int = 6, pad: int = 12) -> Path:
    from PIL import Image, ImageDraw

    cell_w = max(image.width for _, _, image in pages)
    cell_h = max(image.height for _, _, image in pages) + 16
    rows = (len(pages) + per_row - 1) // per_row
    sheet = Image.new("RGB", (per_row * (cell_w + pad) + pad, rows * (cell_h + pad) + pad), (128, 128, 128))
    draw = ImageDraw.Draw(sheet)
    for n, (pdf, number, image) in enumerate(pages):
        x = pad + (n % per_row) * (cell_w + pad)
        y = pad + (n // per_row) * (cell_h + pad)
        sheet.paste(image, (x, y + 16))
        draw.text((x, y), f"{pdf.stem} p{number}", fill=(255, 255, 255))
    sheet.save(path)
    return path
