"""`--database URL` and `QUIZAPP_DATABASE_URL`: every command that reads or writes scores
opens the store they name, SQLite path or PostgreSQL URL; nothing given is the data
folder's SQLite file, as always."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from quizapp import locations
from quizapp.cli import main
from quizapp.store import open_store


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: Any, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "elsewhere" / "scores.sqlite3")
    return str(request.getfixturevalue("pg_store_url"))


def test_nothing_given_is_the_data_folders_file(tmp_path: Path) -> None:
    assert locations.database_target(tmp_path) == tmp_path / "scores.sqlite3"
    assert locations.class_database_target(tmp_path, "monday") == (
        tmp_path / "classes" / "monday" / "scores.sqlite3"
    )


def test_a_url_or_a_path_names_the_one_store_for_every_class(
    tmp_path: Path, monkeypatch: Any
) -> None:
    url = "postgresql://quizapp@db.example.org/quizapp"
    assert locations.database_target(tmp_path, url) == url
    monkeypatch.setenv(locations.DATABASE_URL_ENV, url)
    assert locations.database_target(tmp_path) == url
    assert locations.class_database_target(tmp_path, "monday") == url
    assert locations.database_target(tmp_path, "~/x.sqlite3") == Path("~/x.sqlite3").expanduser()


def test_a_password_never_shows() -> None:
    shown = locations.describe_target("postgresql://quizapp:s3cret@db:5433/quizapp")
    assert shown == "postgresql://quizapp:***@db:5433/quizapp"
    query = locations.describe_target("postgres://db/q?sslmode=require&password=s3cret")
    assert query == "postgres://db/q?sslmode=require&password=***"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://ayu\x1b[31m:s3cret@127.0.0.1:1/scores",  # '[': urlsplit's IPv6 error
        "postgresql://ayu:s3cret@127.0.0.1:port/scores",  # a port that is not a number
    ],
)
def test_a_mistyped_url_is_named_in_one_sentence(url: str, capsys: Any) -> None:
    # Once a traceback (ValueError from urllib) before any connection was tried.
    assert "s3cret" not in locations.describe_target(url)
    code = main(["store", "check", url])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert "s3cret" not in err and "\x1b" not in err and len(err.strip().splitlines()) == 1


def test_learner_commands_follow_the_option_and_children_inherit_it(
    target: str, capsys: Any
) -> None:
    with open_store(target) as store:
        store.learner("Citra", "id")
    capsys.readouterr()
    assert main(["--database", target, "learner", "list"]) == 0
    assert "Citra" in capsys.readouterr().out
    # Processes this one starts (class mode's app per tab) get it in their environment.
    expected = target if target.startswith("postgresql") else os.path.abspath(target)
    assert os.environ[locations.DATABASE_URL_ENV] == expected


def test_the_app_opens_the_store_the_option_names(target: str, tmp_path: Path) -> None:
    from quizapp.tui.app import make_app

    with open_store(target) as store:
        store.learner("Citra", "id")
    app = make_app(data_dir=tmp_path / "data", database=target)
    history, problem = app._open_store()
    assert problem is None
    try:
        assert [learner.name for learner in history.store.learners()] == ["Citra"]  # type: ignore[attr-defined]
    finally:
        history.store.close()  # type: ignore[attr-defined]
    assert not (tmp_path / "data" / "scores.sqlite3").exists()


def test_an_unreachable_server_is_one_sentence(capsys: Any) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    assert main(["--database", url, "learner", "list"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cannot be reached" in err and "Traceback" not in err


def test_a_class_report_on_one_database_counts_that_class_only(target: str, capsys: Any) -> None:
    import json

    from test_store_copy import fill

    fill(target)  # Ayu and Budi took the tour; only Ayu joined the class monday
    capsys.readouterr()
    args = ["--database", target, "report", "--class-name", "monday", "--format", "json"]
    assert main([*args, "-o", "-"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "Ayu" in json.dumps(report) and "Budi" not in json.dumps(report)
    assert main([*args[:4], "tuesday", *args[5:], "-o", "-"]) == 1
    assert "tuesday" in capsys.readouterr().err


def test_the_newest_class_is_found_in_the_one_database(
    target: str, tmp_path: Path, monkeypatch: Any
) -> None:
    from quizapp.commands.classes import newest_class

    with open_store(target) as store:
        store.open_class("monday", ["tour"])
        store.open_class("tuesday", ["tour"])
    monkeypatch.setenv(locations.DATABASE_URL_ENV, target)
    assert newest_class(tmp_path / "data") == "tuesday"
