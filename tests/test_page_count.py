"""``handbill.page_count`` counts a version's composed pages: the number its PDF has, found without
rendering the PDF (api.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import handbill
import handbill.api

SEED = Path(__file__).resolve().parents[1] / "leaflets" / "victory-day-2023"


def test_page_count_is_the_pdfs_and_renders_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2

    plan = handbill.versions(handbill.load_leaflet(SEED), layouts=["a4-flyer", "a3-poster"], langs=["en"])
    pdfs = {v.label: pypdfium2.PdfDocument(handbill.render_pdf(v)) for v in plan.versions}
    expected = {label: len(pdf) for label, pdf in pdfs.items()}
    for pdf in pdfs.values():
        pdf.close()
    assert expected == {"a4-flyer.en": 2, "a3-poster.en": 1}

    def no_rendering(*args: object) -> None:
        raise AssertionError("page_count rendered a PDF")

    monkeypatch.setattr(handbill.api, "job_outputs", no_rendering)
    assert {v.label: handbill.page_count(v) for v in plan.versions} == expected
