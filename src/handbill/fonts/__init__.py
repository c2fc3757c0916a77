"""Fonts: the catalog (script -> families in fallback order), faces, coverage and embedding subsets."""

from handbill.fonts.catalog import FontCatalog, load_catalog
from handbill.fonts.face import FontFace, open_face

__all__ = ["FontCatalog", "FontFace", "load_catalog", "open_face"]
