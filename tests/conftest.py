"""Shared fixtures. No test may read or write the developer's own quizapp data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Each xdist worker imports every test module and the whole app; with
# PYTHONDONTWRITEBYTECODE set (as on the shared machine) each would parse, rewrite and
# compile them all again on every run. The bytecode caches (git-ignored) are only a
# cache: Python and pytest check them against each source's size and mtime.
sys.dont_write_bytecode = False

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(tmp_path_factory.mktemp("quizapp-data")))
    monkeypatch.setenv("QUIZAPP_CACHE_DIR", str(tmp_path_factory.mktemp("quizapp-cache")))


@pytest.fixture
def data_dir() -> Path:
    return DATA
