"""`quizapp validate` and `quizapp schema` as a trainer runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from quizapp.cli import main
from quizapp.loading.schema import quiz_schema_text
from quizapp.locations import bundled_quizzes_dir

BAD = Path(__file__).parents[1] / "data" / "bad"


def test_bundled_quizzes_are_valid(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Checked ") and "all valid" in out


def test_problems_and_summary_exit_1(tmp_path, capsys):
    shutil.copy(BAD / "single-two-correct.toml", tmp_path / "x.toml")
    shutil.copy(bundled_quizzes_dir() / "tour.toml", tmp_path / "tour.toml")
    assert main(["validate", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f'{tmp_path / "x.toml"}:10:1: question 1 ("q1"), field choices:')
    assert lines[-1] == "Checked 2 files: 1 valid, 1 with 1 problem."


def test_json_format_for_editors(tmp_path, capsys):
    target = tmp_path / "bad.toml"
    shutil.copy(BAD / "unknown-field-promt.toml", target)
    assert main(["validate", "--format", "json", str(target)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    (problem,) = report["problems"]
    assert problem["line"] == 9 and problem["column"] == 1
    assert problem["question"] == 1 and problem["field"] == "promt"
    assert problem["message"] == 'unknown field "promt"; did you mean "prompt"?'


def test_no_files_is_a_failure(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 1
    assert "No quiz files" in capsys.readouterr().out


def test_whole_corpus_never_tracebacks():
    proc = subprocess.run(
        [sys.executable, "-m", "quizapp", "validate", str(BAD)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.rstrip().splitlines()[-1].startswith("Checked ")


def test_committed_schema_is_current():
    committed = (bundled_quizzes_dir() / "quiz.schema.json").read_text(encoding="utf-8")
    assert committed == quiz_schema_text(), "run: quizapp schema -o quizzes/quiz.schema.json"


def test_schema_command_writes_valid_json_schema(tmp_path):
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    schema = json.loads(out.read_text())
    assert schema["required"] == ["quiz"]
    question_types = {
        d["properties"]["type"]["const"]
        for d in schema["$defs"].values()
        if "type" in d.get("properties", {}) and "const" in d["properties"]["type"]
    }
    assert question_types == {
        "single",
        "multiple",
        "true_false",
        "short_answer",
        "numeric",
        "ordering",
        "matching",
    }
    # Field docstrings become descriptions an editor shows while an author types.
    assert "fraction of points needed to pass" in json.dumps(schema["$defs"]["QuizInfo"])
    single = schema["$defs"]["SingleQuestion"]["properties"]
    assert single["prompt"]["description"] == "What the learner is asked."  # inherited
    assert single["shuffle"]["description"].startswith("Whether the quiz's")
    # A field's own docstring wins over its type's general description.
    tolerance = schema["$defs"]["NumericValue"]["properties"]["tolerance"]
    assert tolerance["description"] == "How far off may still count."


def test_models_do_not_read_their_source_when_imported():
    # Reading docstrings at import (pydantic's use_attribute_docstrings) parsed the
    # models' source on every start; the schema reads them itself.
    from quizapp.model.quiz import CONFIG

    assert not CONFIG.get("use_attribute_docstrings")


def test_schema_accepts_bundled_quizzes_and_rejects_a_typo():
    import jsonschema
    import tomli

    schema = json.loads(quiz_schema_text())
    validator = jsonschema.Draft202012Validator(schema)
    for path in bundled_quizzes_dir().glob("*.toml"):
        data = tomli.loads(path.read_text(encoding="utf-8"))
        errors = list(validator.iter_errors(data))
        assert not errors, (path, errors[:1])
    typo = tomli.loads((BAD / "unknown-field-promt.toml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(typo))
