"""`quizapp new`: every combination of types and languages validates as written."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from quizapp.authoring.scaffold import ScaffoldError, ensure_schema, scaffold
from quizapp.cli import main
from quizapp.loading import load_quiz, load_quiz_text
from quizapp.loading.schema import quiz_schema_text
from quizapp.model.quiz import QUESTION_TYPES

COMBINATIONS = [
    list(kinds)
    for n in range(1, len(QUESTION_TYPES) + 1)
    for kinds in itertools.combinations(QUESTION_TYPES, n)
]


@pytest.mark.parametrize("languages", [["en"], ["id", "en"], ["id"]])
def test_every_combination_of_types_validates(languages: list[str]) -> None:
    assert len(COMBINATIONS) == 2 ** len(QUESTION_TYPES) - 1
    for kinds in COMBINATIONS:
        text = scaffold("my-quiz", "My quiz", languages, kinds, module="alibaba-2019")
        result = load_quiz_text(text, f"{'+'.join(kinds)}.toml")
        assert result.ok, (kinds, [str(p) for p in result.problems if p.severity == "error"])
        assert result.quiz is not None
        assert [q.type for q in result.quiz.questions] == kinds
        assert result.quiz.languages == languages
        assert text.startswith("#:schema ./quiz.schema.json\n")
        # Unfinished, not broken: every problem is a warning about a placeholder.
        assert result.problems
        assert {p.severity for p in result.problems} == {"warning"}


def _placeholders(text: str) -> list[tuple[int, int]]:
    """(line, column) of each placeholder value, found in the text itself: at its key,
    or at the value where it is an element of an array of texts."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            continue
        for match in re.finditer(r'(?:[A-Za-z_]+ = )?"TODO(?:\([a-z]+\))?: ', line):
            found.append((number, match.start() + 1))
    return found


@pytest.mark.parametrize("languages", [["en"], ["id", "en"], ["id", "ms", "en"]])
def test_each_placeholder_is_named_by_a_warning_and_filling_them_in_clears_them(
    languages: list[str],
) -> None:
    text = scaffold("q", "Q", languages)
    result = load_quiz_text(text, "q.toml")
    assert result.ok
    # One warning per placeholder, each at the placeholder's own line and key.
    assert [(p.line, p.column) for p in result.problems] == _placeholders(text)
    for problem in result.problems:
        assert problem.message.startswith("this is still the template's placeholder text; ")
        assert problem.field  # names the field, e.g. choices[2].text.en
    fields = {p.field for p in result.problems if p.question == 1}
    suffix = "" if len(languages) == 1 else ".en"
    assert {f"prompt{suffix}", f"choices[1].text{suffix}", f"explanation{suffix}"} <= fields

    # An author who rewrites (here: keeps) and translates each text is told nothing more.
    filled = re.sub(r'"TODO(?:\(([a-z]+)\))?: ', lambda m: f'"{m[1] or ""}', text)
    done = load_quiz_text(filled, "q.toml")
    assert done.ok and done.problems == (), [str(p) for p in done.problems]


def test_examples_carry_comments_and_translation_tables() -> None:
    text = scaffold("q", "Q", ["id", "en"], ["numeric"])
    assert "# numeric: a number." in text
    quiz = load_quiz_text(text).quiz
    assert quiz is not None
    assert quiz.questions[0].prompt == {
        "id": "TODO(id): How many days does a leap year have?",
        "en": "TODO: How many days does a leap year have?",
    }


def test_a_title_is_used_in_the_default_language_only() -> None:
    quiz = load_quiz_text(scaffold("q", "Belajar", ["id", "en", "ms"], ["single"])).quiz
    assert quiz is not None
    assert quiz.quiz.title == {
        "id": "Belajar",
        "en": "TODO(en): Belajar",
        "ms": "TODO(ms): Belajar",
    }
    # Without English, the example text is written in the default language's slot.
    quiz = load_quiz_text(scaffold("q", "Belajar", ["id", "ms"], ["single"])).quiz
    assert quiz is not None
    assert quiz.questions[0].prompt == {
        "id": "TODO: Which planet is closest to the Sun?",
        "ms": "TODO(ms): Which planet is closest to the Sun?",
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"quiz_id": "bad id"}, "cannot be a quiz id"),
        ({"languages": ["english"]}, "not a language code"),
        ({"languages": ["en", "en"]}, "named twice"),
        ({"types": ["essay"]}, '"essay" is not a question type'),
        ({"types": []}, "at least one question type"),
        ({"module": "no spaces"}, "cannot be a module id"),
    ],
)
def test_bad_choices_are_refused_in_one_sentence(kwargs: dict, message: str) -> None:
    args = {"quiz_id": "q", "title": "Q"} | kwargs
    with pytest.raises(ScaffoldError, match=message):
        scaffold(**args)


def test_ensure_schema_writes_once_and_refreshes_a_stale_copy(tmp_path: Path) -> None:
    assert ensure_schema(tmp_path) == tmp_path / "quiz.schema.json"
    assert ensure_schema(tmp_path) is None
    stale = '{"title": "quizapp quiz file", "properties": {}}'
    (tmp_path / "quiz.schema.json").write_text(stale, encoding="utf-8")
    assert ensure_schema(tmp_path) is not None
    assert (tmp_path / "quiz.schema.json").read_text(encoding="utf-8") == quiz_schema_text()


def test_ensure_schema_leaves_a_file_that_is_not_ours_alone(tmp_path: Path) -> None:
    """`convert X.gift DIR/Y.toml` must not silently replace someone's DIR/quiz.schema.json."""
    theirs = tmp_path / "quiz.schema.json"
    theirs.write_text('{"title": "my own schema"}', encoding="utf-8")
    notes: list[str] = []
    assert ensure_schema(tmp_path, notes) is None
    assert theirs.read_text(encoding="utf-8") == '{"title": "my own schema"}'
    assert "not a quizapp quiz schema" in notes[0] and "--force" in notes[0]
    theirs.unlink()
    theirs.symlink_to(tmp_path / "elsewhere.json")
    (tmp_path / "elsewhere.json").write_text("{}", encoding="utf-8")
    assert ensure_schema(tmp_path, notes) is None
    assert (tmp_path / "elsewhere.json").read_text(encoding="utf-8") == "{}"


# -- the command ----------------------------------------------------------------------------


def test_new_writes_into_the_user_quiz_folder_with_the_schema_beside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["new", "hangzhou", "--title", "Hangzhou", "--languages", "id,en",
         "--types", "single,numeric", "--module", "alibaba-2019", "--data-dir", str(tmp_path)]
    )  # fmt: skip
    assert code == 0
    target = tmp_path / "quizzes" / "hangzhou.toml"
    result = load_quiz(target)
    assert result.ok and result.quiz is not None
    assert result.quiz.quiz.title == {"id": "Hangzhou", "en": "TODO(en): Hangzhou"}
    assert result.quiz.quiz.module == "alibaba-2019"
    assert [q.type for q in result.quiz.questions] == ["single", "numeric"]
    schema = json.loads((tmp_path / "quizzes" / "quiz.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "quizapp quiz file"
    assert "Wrote" in capsys.readouterr().out


def test_new_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.toml"
    target.write_text("precious", encoding="utf-8")
    assert main(["new", "mine", "-o", str(target)]) == 1
    assert target.read_text(encoding="utf-8") == "precious"
    assert "--force" in capsys.readouterr().err
    assert main(["new", "mine", "-o", str(target), "--force"]) == 0
    assert load_quiz(target).ok


def test_new_into_a_folder_names_the_file_after_the_id(tmp_path: Path) -> None:
    assert main(["new", "quick", "-o", str(tmp_path)]) == 0
    quiz = load_quiz(tmp_path / "quick.toml").quiz
    assert quiz is not None
    assert len(quiz.questions) == len(QUESTION_TYPES)


def test_new_with_a_bad_type_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "q", "-o", str(tmp_path), "--types", "single,essay"]) == 2
    err = capsys.readouterr().err
    assert '"essay" is not a question type' in err and "Traceback" not in err
    assert not (tmp_path / "q.toml").exists()


def test_new_asks_in_a_terminal_and_asks_again_after_a_bad_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["Belanja daring", "bad id", "", "id,english", "id,en", "", "essay", "numeric"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["new", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert '"bad id" cannot be a quiz id' in out
    assert '"english" is not a language code' in out
    assert '"essay" is not a question type' in out
    quiz = load_quiz(tmp_path / "quizzes" / "belanja-daring.toml").quiz
    assert quiz is not None
    assert quiz.languages == ["id", "en"] and [q.type for q in quiz.questions] == ["numeric"]


def test_the_top_level_data_dir_is_not_hidden_by_the_subcommand(tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path), "new", "top", "--types", "single"]) == 0
    assert load_quiz(tmp_path / "quizzes" / "top.toml").ok
