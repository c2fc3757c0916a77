"""The text engine: bidi levels, itemisation, shaping, line breaking and per-line reordering."""
