"""handbill: one multilingual statement in, print-ready leaflets and posters out.

The pipeline, one package per stage::

    load     sources -> Leaflet and Layout models (validated)
    fonts    the font catalog: which files serve which script, coverage, subsets
    text     bidi levels, itemisation, HarfBuzz shaping, line breaking, reordering
    compose  jobs (leaflet x layout x language) -> pages of positioned, shaped lines
    render   pages -> ReportLab canvas -> PDF (boxes, marks, colour, metadata, atomic write)
"""

__version__ = "0.1.0"
