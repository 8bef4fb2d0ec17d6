"""Fixtures for the app's tests: a fixed clock and seed, the tour and hostile quizzes,
and a data folder in tmp_path so a developer's own scores never leak in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from quizapp import locations
from quizapp.loading import Catalog, load_catalog
from quizapp.loading.content import load_modules
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.history import MemoryHistory
from quizapp.tui.prefs import Prefs

DATA = Path(__file__).parent.parent / "data" / "tui"
HOSTILE = DATA / "hostile.toml"
NOW = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
SEED = 7


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv(locations.DATA_DIR_ENV, str(data))
    return data


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    # Frozen copies of the tour quiz and module: snapshots must not churn with content edits.
    found = load_catalog([DATA / "tour.toml", HOSTILE, DATA / "timed.toml"])
    assert found.ok, found.problems
    return found


@pytest.fixture(scope="session")
def content() -> dict[str, Any]:
    found = load_modules([DATA / "alibaba-2019.toml", DATA / "hostile-module.toml"])
    assert found.ok, found.problems
    return found.modules


AppFactory = Callable[..., QuizApp]


@pytest.fixture
def build_app(catalog: Catalog, content: dict[str, Any]) -> AppFactory:
    """Build the app as the CLI does, with a fixed seed and clock and a known learner."""

    def build(
        lang: str = "en",
        learner: str | None = "Ana",
        *,
        with_content: bool = True,
        **kwargs: Any,
    ) -> QuizApp:
        prefs = Prefs(learner, {learner: lang} if learner else {})
        kwargs.setdefault("clock", lambda: NOW)
        if not kwargs.pop("store", False):
            # In memory unless a test asks for the real store: faster, and nothing shared.
            kwargs.setdefault("history", MemoryHistory())
        return make_app(
            lang=None,
            seed=SEED,
            catalog=kwargs.pop("catalog", catalog),
            content=content if with_content else {},
            prefs=prefs,
            animations=False,
            **kwargs,
        )

    return build
