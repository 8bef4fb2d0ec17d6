"""Reports from the app: the export dialog on the results and progress screens."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from textual.widgets import Input, ProgressBar, Static

from quizapp.tui.exporting import default_path, slug, with_format
from quizapp.tui.screens.export import ExportDialog
from quizapp.tui.screens.quiz import Confirm
from quizapp.tui.screens.results import ResultsScreen


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def finish_tour(app: Any, pilot: Any) -> None:
    """An exam of the tour with one answer given, submitted: the results screen."""
    await settle(pilot)
    app.start_quiz("tour", "exam")
    await settle(pilot)
    await pilot.press(*"147", "enter")
    await pilot.press("ctrl+g", "y")
    await settle(pilot)
    assert isinstance(app.screen, ResultsScreen)


def test_file_names_are_safe_and_swap_their_format() -> None:
    from datetime import datetime

    when = datetime(2026, 1, 5, 9, 30)
    assert slug("../Ana [b]x/") == "Ana-b-x"
    assert slug("   ") == "report"
    assert default_path(Path("/r"), "tour-Budi", when, "csv") == Path(
        "/r/tour-Budi-2026-01-05-0930.csv"
    )
    assert with_format("/r/a.html", "json") == "/r/a.json"
    assert with_format("/r/notes.txt", "json") == "/r/notes.txt"


async def test_results_export_each_format_with_a_notice(build_app: Any, tmp_path: Path) -> None:
    app = build_app(store=True)
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        # csv is the third format: two steps down, enter moves to the path, enter saves.
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = Path(dialog.query_one("#path", Input).value)
        assert path.parent == tmp_path / "data" / "reports"
        assert path.name == "tour-Ana-2026-01-05-0930.html"
        # The file's name, at the end of a long path, is what the box shows.
        field = dialog.query_one("#path", Input)
        assert field.cursor_position == len(field.value)
        await pilot.press("down", "down")
        assert dialog.query_one("#path", Input).value.endswith("tour-Ana-2026-01-05-0930.csv")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        notices = [str(n.message) for n in app._notifications]
    written = tmp_path / "data" / "reports" / "tour-Ana-2026-01-05-0930.csv"
    assert any(str(written) in n for n in notices)
    rows = list(csv.reader(written.read_text(encoding="utf-8-sig").splitlines()))
    assert any("How many young Indonesian delegates" in cell for row in rows for cell in row)


async def test_an_existing_file_is_replaced_only_on_yes(build_app: Any, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("keep me", encoding="utf-8")
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(target)
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        # No: the file is untouched and the dialog still open for another name.
        assert app.screen is dialog
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
    report = json.loads(target.read_text(encoding="utf-8"))
    assert "tour" in json.dumps(report)


async def test_a_missing_folder_is_one_sentence_in_the_dialog(
    build_app: Any, tmp_path: Path
) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        wanted = tmp_path / "no" / "such" / "folder" / "r.html"
        dialog.query_one("#path", Input).value = str(wanted)
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#export-error", Static).render())
        assert error.startswith(f"Could not write {wanted}: ")
        assert error.count(".") <= 3 and "Traceback" not in error
        assert not wanted.exists()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_progress_exports_the_learner_report_with_a_progress_bar(
    build_app: Any, tmp_path: Path
) -> None:
    app = build_app(store=True, lang="id")
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = Path(dialog.query_one("#path", Input).value)
        assert path.name == "learner-Ana-2026-01-05-0930.html"
        bar = dialog.query_one("#export-progress", ProgressBar)
        seen: list[float | None] = []
        original = bar.update

        def spy(**kwargs: Any) -> None:
            original(**kwargs)
            seen.append(bar.percentage)

        bar.update = spy  # type: ignore[method-assign]
        await pilot.press("enter", "enter")
        await settle(pilot)
    html = path.read_text(encoding="utf-8")
    assert "<html" in html and "Ana" in html
    # The bar was fed by the service's progress callback, up to the end.
    assert seen and seen[-1] == 1.0


async def test_no_export_key_without_a_score_store(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_a_link_or_a_pipe_is_never_written_through(build_app: Any, tmp_path: Path) -> None:
    """The dialog saves through the one output function: a symbolic link at the chosen
    path is refused even after "replace? yes", and so is a named pipe."""
    import os

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(victim)
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        for target, why in ((link, "symbolic link"), (pipe, "named pipe")):
            await pilot.press("x")
            await pilot.pause()
            dialog = app.screen
            dialog.query_one("#path", Input).value = str(target)
            dialog.query_one("#path", Input).focus()
            await pilot.press("enter")
            await pilot.pause()
            if isinstance(app.screen, Confirm):
                await pilot.press("y")
            await settle(pilot)
            assert app.screen is dialog
            error = str(dialog.query_one("#export-error", Static).render())
            assert error.startswith(f"Could not write {target}: ") and why in error
            await pilot.press("escape")
            await pilot.pause()
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert link.is_symlink()


async def test_the_systems_reason_follows_the_interface_language(
    build_app: Any, tmp_path: Path
) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        wanted = tmp_path / "no" / "such" / "folder" / "r.html"
        dialog.query_one("#path", Input).value = str(wanted)
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        english = str(dialog.query_one("#export-error", Static).render())
        assert english.endswith(": no such file or folder.")
        await pilot.press("f2")
        await pilot.pause()
        indonesian = str(dialog.query_one("#export-error", Static).render())
        assert indonesian == f"Tidak bisa menulis {wanted}: folder atau berkas tidak ada."


async def test_the_dialog_shows_the_whole_file_name(build_app: Any, tmp_path: Path) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        await pilot.press("x")
        await settle(pilot)
        path = app.screen.query_one("#path", Input)
        for step in range(2):  # as opened, then after choosing another format
            name = Path(path.value).name
            assert len(path.value) > path.content_region.width  # the folder does not fit
            start = round(path.scroll_x)
            visible = path.value[start : start + path.content_region.width]
            assert name in visible, (step, visible)
            await pilot.press("down")
            await settle(pilot)
