"""``handbill serve`` on the command line: 127.0.0.1 by default, a warning for any other address, a
leaflet created when the folder is new, usage errors for a bad port."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from handbill.cli import main


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    return calls


def test_serve_binds_localhost_and_creates_a_new_leaflet(tmp_path: Path, runs: list[dict[str, Any]],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "may-day"), "--lang", "fa"]) == 0
    assert runs == [{"host": "127.0.0.1", "port": 8000, "log_level": "warning"}]
    assert (tmp_path / "may-day" / "statement.fa.md").is_file()
    captured = capsys.readouterr()
    assert "http://127.0.0.1:8000/l/may-day/" in captured.err and "warning" not in captured.err


def test_another_host_is_served_with_a_warning(tmp_path: Path, runs: list[dict[str, Any]],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "x"), "--host", "0.0.0.0", "--port", "8080"]) == 0
    assert runs[0]["host"] == "0.0.0.0" and runs[0]["port"] == 8080
    assert "warning: serving on 0.0.0.0" in capsys.readouterr().err


def test_a_folder_that_is_not_a_leaflet_is_left_alone(tmp_path: Path, runs: list[dict[str, Any]],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["serve", str(tmp_path)]) == 1
    assert "not empty" in capsys.readouterr().err and not runs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_a_bad_port_is_a_usage_error(port: str, runs: list[dict[str, Any]]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", port])
    assert exit_.value.code == 2 and not runs
