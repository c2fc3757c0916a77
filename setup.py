"""Packaging beyond pyproject.toml: the top-level layouts/ and fonts/catalog.toml go into the wheel as the
packages handbill.shipped.layouts and handbill.shipped.fonts (see src/handbill/shipped/__init__.py).
Everything else about the package is in pyproject.toml."""

from setuptools import find_packages, setup

SHIPPED = {"handbill.shipped.layouts": "layouts", "handbill.shipped.fonts": "fonts"}

setup(
    packages=[*find_packages("src"), *SHIPPED],
    package_dir={"": "src", **SHIPPED},
    package_data={"handbill.shipped.layouts": ["*.toml", "README.md"], "handbill.shipped.fonts": ["catalog.toml"],
                  "handbill.serve": ["templates/*.html", "static/*.js", "static/*.css"]},
)
