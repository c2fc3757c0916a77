"""Optical size: the scale that makes a paragraph's letters look as large as the catalog's Latin face
at the same size, by matching x-heights (letter bodies for Arabic and Hebrew, the headline for
Devanagari; see fonts/optical.py), and for Chinese, Japanese and Korean the ideographic character face
to Latin's cap height, in the proportion their designers pair them (ICF_OVER_CAP).

Heights are compared in x-height points: a CJK paragraph's ``optical_height`` is its ICF drawn at its
size over ICF_OVER_CAP, times the Latin face's x-height over its cap height: the x-height of the Latin
whose capitals look as large."""

from __future__ import annotations

from collections import Counter

from handbill.fonts.catalog import FontCatalog, style_key
from handbill.fonts.face import FontFace
from handbill.fonts.optical import cap_height, ideographic_face, x_height
from handbill.text.prepare import ShapedParagraph
from handbill.text.script import COMMON, INHERITED

# Chinese, Japanese and Korean are matched to Latin capitals as their type designers pair them: Source
# Han Sans (Noto Sans CJK) draws its ideographs' face 0.905 em tall beside Latin capitals of 0.741 em
# (bold; 0.878 and 0.733 regular), so ideographs look as large as capitals 1.22 times less tall. Matched
# to the plain cap height instead (0.79 of the design size), a Korean or Japanese hero looked clearly
# smaller than its Latin and Georgian siblings on the same posters.
ICF_OVER_CAP = 1.22
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


def _measure(catalog: FontCatalog, shaped: ShapedParagraph, bold: bool, italic: bool) -> tuple[float, float] | None:
    """(the paragraph's own height in em, the Latin reference's height it is matched to, in em), both
    measured in x-height terms: x-heights, or for CJK the ICF and the Latin cap height scaled by x over cap;
    None when either has no measure."""
    main = main_face(shaped)
    chain = catalog.chain("Latn", style_key(bold, italic))
    if main is None or not chain:
        return None
    reference = x_height(chain[0], "Latn")
    if reference is None:
        return None
    face, script = main
    own = x_height(face, script)
    if own is None:
        ideographic = ideographic_face(face, script)
        if ideographic is None:
            return None
        own = ideographic / ICF_OVER_CAP * reference / cap_height(chain[0])
    return own, reference


def optical_scale(catalog: FontCatalog, shaped: ShapedParagraph, bold: bool, italic: bool) -> float:
    """How much larger (>1) or smaller a paragraph must be set than a Latin one to look as large:
    the Latin reference x-height over the x-height of the face setting most of its letters (for CJK: cap
    height over ICF); 1 when either has no measure."""
    measured = _measure(catalog, shaped, bold, italic)
    if measured is None:
        return 1.0
    own, reference = measured
    return min(MAX_SCALE, max(MIN_SCALE, reference / own))


def optical_height(catalog: FontCatalog, shaped: ShapedParagraph, size: float, bold: bool, italic: bool) -> float:
    """How tall a paragraph's small letters are drawn at a size (points, x-height terms): its main face's
    x-height (letter body; a CJK face's ICF as Latin capitals that tall), or the Latin reference's for a
    script with no measure here (such a face is taken at its design)."""
    measured = _measure(catalog, shaped, bold, italic)
    if measured is None:
        return size * (reference_x_height(catalog, bold, italic) or 0.0)
    return size * measured[0]
