"""`quizapp report --class-name NAME`: a served class's report from its own store, alone
or merged with learners' export files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp import locations
from quizapp.cli import main
from quizapp.engine import start_attempt
from quizapp.loading import load_catalog
from quizapp.reports.export import dump_export
from quizapp.store import Store
from quizapp.store.recorder import StoreRecorder


@pytest.fixture
def base(tmp_path: Path) -> Path:
    catalog = load_catalog([locations.bundled_quizzes_dir()])
    base = tmp_path / "trainer"
    with Store(locations.class_database_path(base, "monday")) as store:
        info = store.open_class("monday", ["tour"])
        for n, name in enumerate(["Siti", "Budi"]):
            joined = store.join_class(info.id, name, "1234")
            learner = store.get_learner(joined.learner_id)  # type: ignore[arg-type]
            assert learner is not None
            attempt = start_attempt(
                catalog,
                "tour",
                mode="exam",
                seed=n,
                learner=name,
                recorder=StoreRecorder(store, learner),
            )
            attempt.answer(0, "147")
            attempt.submit()
    return base


def test_a_class_report_straight_from_the_store(base: Path, tmp_path: Path) -> None:
    out = tmp_path / "class.json"
    code = main(["--data-dir", str(base), "report", "--class-name", "monday", "-o", str(out)])
    assert code == 0
    report = json.loads(out.read_text())
    assert report["kind"] == "class" and report["learners"] == 2


def test_the_store_merges_with_export_files(base: Path, tmp_path: Path) -> None:
    from quizapp.reports.classes import class_store_exports

    # A learner who took the quiz offline hands in a file.
    (export, _), *_ = class_store_exports(locations.class_database_path(base, "monday"))
    offline = export.model_copy(
        update={
            "learner": export.learner.model_copy(update={"name": "Offline", "id": "x1"}),
            "attempts": [
                a.model_copy(
                    update={"id": "other-" + a.id, "learner": "Offline", "learner_id": "x1"}
                )
                for a in export.attempts
            ],
        }
    )
    path = tmp_path / "offline.json"
    path.write_text(dump_export(offline), encoding="utf-8")
    out = tmp_path / "class.json"
    args = ["--data-dir", str(base), "report", "--class-name", "monday", "--class", str(path)]
    assert main([*args, "-o", str(out)]) == 0
    assert json.loads(out.read_text())["learners"] == 3


def test_an_unknown_class_is_said_plainly(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--data-dir", str(base), "report", "--class-name", "nope", "-o", str(tmp_path / "x.md")]
    assert main(args) == 1
    assert "no class called 'nope'" in capsys.readouterr().err
    assert main([*args[:4], "../../etc", *args[5:]]) == 1
