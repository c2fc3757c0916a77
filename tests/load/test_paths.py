"""Paths in a leaflet (images) stay inside the leaflet folder; images are capped in pixels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from handbill.errors import InputError
from handbill.load.paths import MAX_IMAGE_PIXELS, check_image, safe_leaflet_path


@pytest.fixture
def leaflet(tmp_path: Path) -> Path:
    """A leaflet folder with images/logo.png inside and secret.png beside it (outside)."""
    folder = tmp_path / "leaflet"
    (folder / "images").mkdir(parents=True)
    Image.new("RGB", (40, 20), "red").save(folder / "images" / "logo.png")
    Image.new("RGB", (10, 10), "blue").save(tmp_path / "secret.png")
    return folder


def test_a_file_inside_is_resolved(leaflet: Path) -> None:
    assert safe_leaflet_path(leaflet, "images/logo.png", "images[0].file") == leaflet.resolve() / "images/logo.png"
    assert safe_leaflet_path(leaflet, "./images/logo.png", "x") == leaflet.resolve() / "images/logo.png"


def test_a_link_that_stays_inside_is_allowed(leaflet: Path) -> None:
    (leaflet / "logo-link.png").symlink_to("images/logo.png")
    assert safe_leaflet_path(leaflet, "logo-link.png", "x") == leaflet.resolve() / "images/logo.png"


@pytest.mark.parametrize(("relative", "message"), [
    ("../secret.png", "leads out of the leaflet folder"),
    ("images/../../secret.png", "leads out of the leaflet folder"),
    ("/etc/passwd", "is an absolute path"),
    ("~/secret.png", "is an absolute path"),
    ("C:/Users/me/logo.png", "is an absolute path"),
    ("images\\logo.png", "contains a backslash"),
    ("", "expected a file name"),
    (42, "expected a file name"),
    ("logo\x00.png", "NUL character"),
    ("images/missing.png", "the file 'images/missing.png' was not found"),
    ("images", "is a folder, not a file"),
])
def test_escapes_and_mistakes_are_refused(leaflet: Path, relative: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        safe_leaflet_path(leaflet, relative, "images[0].file")
    error = caught.value
    assert message in error.message
    assert error.file == leaflet / "leaflet.toml" and error.field == "images[0].file"
    assert error.hint


@pytest.mark.parametrize("target", ["../secret.png", "/etc/hostname"])
def test_a_link_pointing_outside_is_refused(leaflet: Path, target: str) -> None:
    """A link inside the folder that resolves outside it is an escape, however innocent its name."""
    (leaflet / "images" / "photo.png").symlink_to(target if target.startswith("/") else leaflet.parent / "secret.png")
    with pytest.raises(InputError, match="outside the leaflet folder"):
        safe_leaflet_path(leaflet, "images/photo.png", "images[1].file")


def test_a_folder_link_pointing_outside_is_refused(leaflet: Path) -> None:
    (leaflet / "shared").symlink_to(leaflet.parent)
    with pytest.raises(InputError, match="outside the leaflet folder"):
        safe_leaflet_path(leaflet, "shared/secret.png", "x")


def test_broken_and_looping_links_are_refused(leaflet: Path) -> None:
    (leaflet / "broken.png").symlink_to(leaflet / "nowhere.png")
    (leaflet / "loop.png").symlink_to(leaflet / "loop.png")
    with pytest.raises(InputError, match="broken link"):
        safe_leaflet_path(leaflet, "broken.png", "x")
    with pytest.raises(InputError, match="cannot follow"):
        safe_leaflet_path(leaflet, "loop.png", "x")


def test_the_source_file_can_be_a_layout(leaflet: Path, tmp_path: Path) -> None:
    layout = tmp_path / "layouts" / "poster.toml"
    with pytest.raises(InputError) as caught:
        safe_leaflet_path(leaflet, "../secret.png", "pages[0].frames[2].src", source=layout)
    assert caught.value.file == layout


def test_image_size_is_read_from_the_header(leaflet: Path) -> None:
    assert check_image(leaflet / "images" / "logo.png", "images[0].file") == (40, 20)


def test_an_image_over_the_pixel_cap_is_refused_without_decoding(tmp_path: Path) -> None:
    """A PNG header claiming a huge size is refused from its header: nothing is decoded."""
    path = tmp_path / "huge.png"
    side = int(MAX_IMAGE_PIXELS ** 0.5) + 100
    Image.new("1", (side, side)).save(path)  # 1-bit: a small file for a very large image
    with pytest.raises(InputError, match="pixels are supported"):
        check_image(path, "images[0].file")


def test_one_pixel_cap_for_the_check_and_pillow(tmp_path: Path) -> None:
    """Rendering holds Pillow to the cap check_image applies; an image far over it (past Pillow's own
    refusal at twice the cap) is refused with the same kind of message."""
    import handbill.render.images  # noqa: F401 - sets Pillow's limit

    assert Image.MAX_IMAGE_PIXELS == MAX_IMAGE_PIXELS
    path = tmp_path / "bomb.png"
    side = int((2 * MAX_IMAGE_PIXELS) ** 0.5) + 100
    Image.new("1", (side, side)).save(path)
    with pytest.raises(InputError, match="far more than"):
        check_image(path, "images[0].file")


def test_unreadable_or_unsupported_images_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "picture.png"
    path.write_bytes(b"not an image at all")
    with pytest.raises(InputError, match="not a readable image"):
        check_image(path, "images[0].file")
    Image.new("RGB", (4, 4)).save(path, format="GIF")
    with pytest.raises(InputError, match="is a GIF image"):
        check_image(path, "images[0].file")
