"""Home lists a module's quizzes as a learner meets them, and says how many a draw asks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from quizapp.loading import Catalog, load_catalog
from quizapp.tui.quiz_order import question_counts


def _quiz(quiz_id: str, points: list[str], extra: str = "") -> str:
    """A quiz on the test module, one true/false question per key point in `points`."""
    head = f'[quiz]\nid = "{quiz_id}"\ntitle = "Quiz {quiz_id}"\nmodule = "alibaba-2019"\n{extra}\n'
    questions = "".join(
        f'[[questions]]\nid = "q{n}"\ntype = "true_false"\nprompt = "About {point}?"\n'
        f'answer = true\nsource = "alibaba-2019#{point}"\n\n'
        for n, point in enumerate(points)
    )
    return head + questions


@pytest.fixture
def module_catalog(tmp_path: Path) -> Catalog:
    # Named so that the files' own (alphabetical) order is the wrong one for a learner.
    files = {
        "a-final.toml": _quiz(
            "a-final",
            [],
            '\n[[quiz.include]]\nquiz = "d-venue"\ndraw = 2\n'
            '\n[[quiz.include]]\nquiz = "c-schedule"\n',
        ),
        "b-generated.toml": _quiz("b-generated", ["delegates", "venue"], "generated = true"),
        "c-schedule.toml": _quiz("c-schedule", ["schedule", "coordinator", "curriculum"]),
        "d-venue.toml": _quiz("d-venue", ["venue", "venue", "schedule", "venue"]),
        "e-start.toml": _quiz("e-start", ["delegates", "venue", "schedule"]),
        "f-warmup.toml": _quiz("f-warmup", ["delegates", "curriculum"]),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = load_catalog([tmp_path])
    assert found.ok, found.problems
    return found


def test_question_counts_follow_the_engines_draws(module_catalog: Catalog) -> None:
    # Its own none, 2 of d-venue's 4, all 3 of c-schedule's.
    assert question_counts(module_catalog, "a-final") == (5, 7)
    assert question_counts(module_catalog, "d-venue") == (4, 4)


@pytest.mark.parametrize(
    ("lang", "of", "label"),
    [("en", "5 of 7 questions", "generated"), ("id", "5 dari 7 soal", "dibuat otomatis")],
)
async def test_home_orders_by_key_points_then_final_then_generated(
    build_app: Any, module_catalog: Catalog, lang: str, of: str, label: str
) -> None:
    app = build_app(lang, catalog=module_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert [q for q in screen._ids if q] == [
            "f-warmup",  # starts at the first key point, and is the shortest
            "e-start",
            "d-venue",
            "c-schedule",
            "a-final",  # gathers the others
            "b-generated",  # the generated bank last, and labelled
        ]
        quizzes = screen.query_one("#quizzes", OptionList)
        lines = {
            q: str(quizzes.get_option_at_index(i).prompt) for i, q in enumerate(screen._ids) if q
        }
        assert of in lines["a-final"]
        assert label in lines["b-generated"]
        assert label not in lines["a-final"]
        quizzes.highlighted = screen._ids.index("a-final")
        await pilot.pause()
        assert of in str(screen.query_one("#detail", Static).render())


async def test_home_counts_broken_quiz_files_but_not_unfinished_ones(
    build_app: Any, tmp_path: Path
) -> None:
    (tmp_path / "ok.toml").write_text(_quiz("ok", ["delegates"]), encoding="utf-8")
    # Still holding a `quizapp new` placeholder: a warning, and the quiz is usable.
    unfinished = _quiz("draft", ["venue"]).replace("About venue?", "TODO: About venue?")
    (tmp_path / "draft.toml").write_text(unfinished, encoding="utf-8")
    (tmp_path / "broken.toml").write_text('[quiz]\nid = "broken"\n', encoding="utf-8")
    found = load_catalog([tmp_path])
    assert {p.severity for p in found.problems} == {"error", "warning"}
    app = build_app("en", catalog=found)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert {"ok", "draft"} <= set(screen._ids)
        screen.query_one("#quizzes", OptionList).highlighted = None
        screen._show_detail()
        shown = str(screen.query_one("#detail", Static).render())
        assert "Quiz files with problems: 1;" in shown


async def test_palette_lists_quizzes_in_homes_order(
    build_app: Any, module_catalog: Catalog
) -> None:
    from textual.command import CommandList, CommandPalette

    app = build_app("en", catalog=module_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = [q for q in app.screen._ids if q]
        await pilot.press("ctrl+p")
        await pilot.pause(0.4)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        hits = [str(o.prompt) for o in palette.query_one(CommandList).options]
        started = [h.removeprefix("quiz: Start Quiz ") for h in hits if h.startswith("quiz: ")]
        # Each quiz twice (practice, then exam), in the order home lists them.
        assert started == [f"{q} ({mode})" for q in home for mode in ("Practice", "Exam")]
        assert home[0] == "f-warmup"  # not the catalog's (alphabetical) a-final
