"""What the layers below the app say (the store's, the reports', the engine's messages)
reaches the app in its own language, worded where it is shown (`quizapp.i18n.explain`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from quizapp import locations
from quizapp.store import Store
from quizapp.tui.screens.quiz import Confirm


async def settle(pilot: Any) -> None:
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_switching_learner_says_an_unknown_name_in_the_apps_language(
    build_app: Any, tmp_path: Path
) -> None:
    """Budi is removed elsewhere (another quizapp, `quizapp learner remove`) while the
    switch-learner screen still lists him: removing him here finds nobody, and the app
    says so in Indonesian, as the rest of its screen."""
    database = locations.database_path(tmp_path / "data")
    with Store(database) as store:
        store.learner("Ana", "id")
        budi = store.learner("Budi", "id")
    app = build_app(lang="id", store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.lang == "id"
        await pilot.press("s")
        await settle(pilot)
        known = app.screen.query_one("#known", OptionList)
        known.highlighted = 1  # Budi
        with Store(database) as elsewhere:
            elsewhere.remove_learner(budi.id)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        notices = [str(n.message) for n in app._notifications]
    assert "Tidak ada pelajar bernama 'Budi'; pelajar di sini: Ana." in notices
