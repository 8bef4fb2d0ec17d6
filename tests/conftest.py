"""Shared fixtures. No test may read or write the developer's own quizapp data."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(tmp_path_factory.mktemp("quizapp-data")))
    monkeypatch.setenv("QUIZAPP_CACHE_DIR", str(tmp_path_factory.mktemp("quizapp-cache")))
    # Nor their score server; and `--database`, which sets it for the run, is undone.
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", "")
    monkeypatch.delenv("QUIZAPP_DATABASE_URL")


@pytest.fixture
def data_dir() -> Path:
    return DATA
