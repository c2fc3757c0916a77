"""Files beside leaflet.toml that look meant as a statement but are not named ``statement.<lang>.md``.

A volunteer who saves ``statement-fa.md``, ``statement.tr.txt`` or ``Statement.FA.md`` did add a
statement; without a word about it the build only says the language has none. Each such file is a
warning naming the file and the name it should have.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbill import languages as language_data
from handbill.load.text_checks import language_problem
from handbill.model import Notice

STATEMENT_NAME = re.compile(r"^statement\.([A-Za-z0-9-]+)\.md$")  # the one accepted form
_NEAR = re.compile(r"^statement[-_. ]+([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)"
                   r"(?:\.(?:md|markdown|mdown|txt|text))*$", re.IGNORECASE)


def misnamed_statements(folder: Path, names: list[str]) -> list[Notice]:
    """A warning for each name in ``names`` that is nearly ``statement.<lang>.md``."""
    notices = []
    for name in names:
        if STATEMENT_NAME.match(name):
            continue
        match = _NEAR.match(name)
        if match is None:
            continue
        code = match.group(1).replace("_", "-")
        if language_problem(code) is not None:
            continue
        right = f"statement.{language_data.canonical(code)}.md"
        notices.append(Notice(
            "this file is not read: statements are named statement.<lang>.md (lower case, dots, .md)",
            file=folder / name, hint=f"rename it to {right}"))
    return notices
