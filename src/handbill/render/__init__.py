"""Rendering: composed pages -> a PDF through ReportLab (the only package that imports ReportLab)."""
