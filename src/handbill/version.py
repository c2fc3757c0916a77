"""handbill's version (semantic versioning; pyproject.toml reads it from here). See CHANGELOG.md."""

__version__ = "0.2.0"
