"""The layouts and font catalog that ship with handbill, as package data.

Their files live at the top of the repository (``layouts/*.toml``, ``fonts/catalog.toml``), where a
reader expects them; ``setup.py`` maps those folders to the packages ``handbill.shipped.layouts`` and
``handbill.shipped.fonts``, so a wheel carries them and ``importlib.resources`` reads them both from a
wheel and from an editable checkout. See handbill/project.py for the search order.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# In an editable install (pip install -e) setuptools does not map the shipped folders into the
# package; there the package's source sits in src/handbill/shipped and the folders at the top of the
# same checkout.
_CHECKOUT_ROOT = Path(__file__).resolve().parents[3]


def shipped_folder(name: str) -> Path | None:
    """The shipped ``layouts`` or ``fonts`` folder, from the installed package or the checkout."""
    packaged = Path(str(files(__name__).joinpath(name)))
    if packaged.is_dir():
        return packaged
    checkout = _CHECKOUT_ROOT / name
    if (_CHECKOUT_ROOT / "src" / "handbill" / "shipped").is_dir() and checkout.is_dir():
        return checkout
    return None
