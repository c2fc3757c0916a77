"""Loading and validating the user's sources: leaflet.toml, statement.<lang>.md, layouts/*.toml."""

from handbill.load.layout import find_layout, load_layout, survey_layouts
from handbill.load.leaflet import load_leaflet

__all__ = ["find_layout", "load_layout", "load_leaflet", "survey_layouts"]
