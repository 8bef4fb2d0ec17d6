"""`quizapp` alone opens the app straight away; with arguments it goes through argparse."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from quizapp import cli


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    run = types.ModuleType("quizapp.tui.run")

    def run_app(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    run.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "quizapp.tui.run", run)
    return calls


def test_no_arguments_skip_the_parser(
    fake_app: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parser(lang: str = "en") -> None:
        raise AssertionError("the parser was built for a bare `quizapp`")

    monkeypatch.setattr(cli, "build_parser", no_parser)
    monkeypatch.setattr(sys, "argv", ["quizapp"])
    assert cli.main() == 0
    assert cli.main([]) == 0
    assert fake_app == [{}, {}]


def test_options_still_reach_the_app(fake_app: list[dict[str, Any]]) -> None:
    assert cli.main(["--lang", "id", "--data-dir", "/tmp/q"]) == 0
    assert fake_app == [{"data_dir": "/tmp/q", "lang": "id"}]
