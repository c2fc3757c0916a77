"""Optical size: the scale that makes a paragraph's letters look as large as the catalog's Latin face
at the same size, by matching x-heights (letter bodies for Arabic; see fonts/optical.py)."""

from __future__ import annotations

from collections import Counter

from handbill.fonts.catalog import FontCatalog, style_key
from handbill.fonts.face import FontFace
from handbill.fonts.optical import x_height
from handbill.text.prepare import ShapedParagraph
from handbill.text.script import COMMON, INHERITED

# A scale further from 1 than this is a measuring accident (a face with odd outlines), not a design.
MIN_SCALE, MAX_SCALE = 0.6, 1.8


def main_face(shaped: ShapedParagraph) -> tuple[FontFace, str] | None:
    """The face and script that draw most of a paragraph's letters (Common characters not counted)."""
    counts: Counter[tuple[int, str]] = Counter()
    faces: dict[int, FontFace] = {}
    for run in shaped.runs:
        if run.script in (COMMON, INHERITED):
            continue
        faces[id(run.face)] = run.face
        counts[id(run.face), run.script] += run.end - run.start
    if not counts:
        return None
    (face_id, script), _ = max(counts.items(), key=lambda item: (item[1], item[0][1]))
    return faces[face_id], script


def reference_x_height(catalog: FontCatalog, bold: bool, italic: bool) -> float | None:
    """The x-height (em) of the catalog's Latin face in a style: what every script is matched to."""
    chain = catalog.chain("Latn", style_key(bold, italic))
    return x_height(chain[0], "Latn") if chain else None


def optical_scale(catalog: FontCatalog, shaped: ShapedParagraph, bold: bool, italic: bool) -> float:
    """How much larger (>1) or smaller a paragraph must be set than a Latin one to look as large:
    the Latin reference x-height over the x-height of the face setting most of its letters; 1 when
    either has no measure."""
    main = main_face(shaped)
    reference = reference_x_height(catalog, bold, italic)
    if main is None or reference is None:
        return 1.0
    own = x_height(*main)
    if own is None:
        return 1.0
    return min(MAX_SCALE, max(MIN_SCALE, reference / own))


def optical_height(catalog: FontCatalog, shaped: ShapedParagraph, size: float, bold: bool, italic: bool) -> float:
    """How tall a paragraph's small letters are drawn at a size (points): its main face's x-height (letter
    body), or the Latin reference's for a script with no measure here (such a face is taken at its design)."""
    main = main_face(shaped)
    own = x_height(*main) if main is not None else None
    if own is None:
        own = reference_x_height(catalog, bold, italic) or 0.0
    return size * own
