"""`quizapp validate` and `quizapp schema` as a trainer runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from quizapp.cli import main
from quizapp.loading.schema import quiz_schema_text
from quizapp.locations import bundled_quizzes_dir, data_dir, user_quizzes_dir

BAD = Path(__file__).parents[1] / "data" / "bad"


def test_bundled_quizzes_are_valid(capsys):
    assert main(["validate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # The test's own data folder has no quizzes yet: the header says where they would be.
    own = user_quizzes_dir(data_dir())
    assert lines[0] == (
        f"Checking the bundled quizzes in {bundled_quizzes_dir()} "
        f"(no quizzes of your own: {own} does not exist)."
    )
    assert lines[-1].startswith("Checked ") and lines[-1].endswith("all valid.")
    # CI runs this: the bundled quizzes must stay free of warnings too.
    assert not any("warning" in line for line in lines)


def _own_quiz(folder: Path, name: str, source: str) -> Path:
    """A quiz in the user's own folder, as `quizapp new` would place it."""
    target = folder / "quizzes" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source, encoding="utf-8")
    return target


def test_by_default_the_users_own_quizzes_are_checked_too(capsys):
    # What `quizapp new` writes is checked by a plain `quizapp validate`, beside the
    # bundled quizzes and against the bundled module its source cites.
    good = _own_quiz(data_dir(), "mine.toml", _quiz_on("alibaba-2019", "alibaba-2019#delegates"))
    bad = _own_quiz(data_dir(), "draft.toml", (BAD / "pass-mark-above-one.toml").read_text())
    assert main(["validate"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"Checking the bundled quizzes in {bundled_quizzes_dir()} and your own in {good.parent}."
    )
    assert lines[1] == (
        f"{bad}:5:1: [quiz], field pass_mark: must be at most 1, got 70; "
        "write a fraction: 0.7 for 70%"
    )
    bundled = len(list(bundled_quizzes_dir().glob("*.toml")))
    assert lines[-1] == f"Checked {bundled + 2} files: {bundled + 1} valid, 1 with 1 problem."


def test_the_data_dir_option_chooses_whose_quizzes_are_checked(tmp_path, capsys):
    draft = _own_quiz(tmp_path, "draft.toml", (BAD / "pass-mark-above-one.toml").read_text())
    for argv in (
        ["--data-dir", str(tmp_path), "validate"],
        ["validate", "--data-dir", str(tmp_path)],
    ):
        assert main(argv) == 1, argv
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].endswith(f"and your own in {draft.parent}."), argv
        assert lines[1].startswith(f"{draft}:5:1: "), argv
    assert main(["--data-dir", str(tmp_path), "validate", "--format", "json"]) == 1
    out = capsys.readouterr().out
    report = json.loads(out)
    assert report["paths"] == [str(bundled_quizzes_dir()), str(draft.parent)]
    assert [p["file"] for p in report["problems"]] == [str(draft)]


def test_a_module_in_the_own_folder_keeps_the_bundled_one(capsys):
    # A learning module kept among one's quizzes is checked as a module, and the bundled
    # quizzes' sources still find the bundled module.
    from quizapp.locations import bundled_content_dir

    text = (bundled_content_dir() / "alibaba-2019.toml").read_text(encoding="utf-8")
    _own_quiz(data_dir(), "other.toml", text.replace('id = "alibaba-2019"', 'id = "o-2020"', 1))
    assert main(["validate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2].startswith("Checked 2 modules (")


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


def _quiz_on(module: str, source: str) -> str:
    return (
        f'[quiz]\nid = "q"\ntitle = "Q"\nmodule = "{module}"\n\n'
        '[[questions]]\nid = "a"\ntype = "true_false"\nprompt = "P"\nanswer = true\n'
        f'source = "{source}"\n'
    )


def test_a_misspelt_quiz_module_fails_validation_at_its_line(tmp_path, capsys):
    target = tmp_path / "x.toml"
    target.write_text(_quiz_on("alibaba-2109", "alibaba-2019#delegates"), encoding="utf-8")
    assert main(["validate", str(target)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f'{target}:4:1: [quiz], field module: no content module "alibaba-2109" was found; '
        'did you mean "alibaba-2019"?'
    )
    assert lines[-1] == "Checked 1 file: 0 valid, 1 with 1 problem."
    target.write_text(_quiz_on("alibaba-2019", "alibaba-2019#delegates"), encoding="utf-8")
    assert main(["validate", str(target)]) == 0


def test_a_source_in_another_module_warns_and_still_passes(tmp_path, capsys):
    from quizapp.locations import bundled_content_dir

    bundled = bundled_content_dir() / "alibaba-2019.toml"
    other = tmp_path / "modules" / "other.toml"
    other.parent.mkdir()
    text = bundled.read_text(encoding="utf-8")
    other.write_text(text.replace('id = "alibaba-2019"', 'id = "other-2020"', 1), "utf-8")
    target = tmp_path / "x.toml"
    target.write_text(_quiz_on("other-2020", "alibaba-2019#delegates"), encoding="utf-8")
    argv = ["validate", str(target), "--content", str(bundled), "--content", str(other)]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f'{target}:11:1: warning: question 1 ("a"), field source: ')
    assert lines[-1] == "Checked 1 file (1 question): all valid, 1 warning."


def test_the_summary_counts_warnings_when_there_are_problems_too(tmp_path, capsys):
    shutil.copy(BAD / "single-two-correct.toml", tmp_path / "x.toml")
    unfinished = _quiz_on("alibaba-2019", "alibaba-2019#delegates").replace(
        'prompt = "P"', 'prompt = "TODO: ask something"'
    )
    (tmp_path / "y.toml").write_text(unfinished, encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "Checked 2 files: 1 valid, 1 with 1 problem, 1 warning."


def _unfinished_quiz(folder: Path, capsys) -> Path:
    """A fresh `quizapp new` file in two languages with two real errors put in."""
    target = folder / "my-quiz.toml"
    argv = ["new", "my-quiz", "-o", str(target), "--title", "My quiz", "--languages", "id,en"]
    assert main(argv) == 0
    capsys.readouterr()
    text = target.read_text(encoding="utf-8")
    text = text.replace("pass_mark = 0.5", "pass_mark = 50", 1)
    text = text.replace('id = "example-multiple"', 'id = "example-single"', 1)
    target.write_text(text, encoding="utf-8")
    return target


def test_a_files_placeholder_warnings_are_told_in_one_line(tmp_path, capsys):
    target = _unfinished_quiz(tmp_path, capsys)
    assert main(["validate", "--format", "json", str(target)]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    errors = [p["text"] for p in problems if p["severity"] == "error"]
    placeholders = [p for p in problems if "placeholder" in p["message"]]
    assert len(errors) == 2 and len(placeholders) > 40
    first = placeholders[0]

    assert main(["validate", str(target)]) == 1
    lines = capsys.readouterr().out.splitlines()
    grouped = (
        f"{target}:{first['line']}:{first['column']}: warning: {len(placeholders)} texts "
        "still hold the template's placeholder (TODO: ...), the first here; write them, "
        "or run quizapp validate -v to list each one"
    )
    # Both errors as they were, the one line at the first placeholder's place between them
    # (reading order), and the summary still counting every warning.
    assert lines == [
        errors[0],
        grouped,
        errors[1],
        f"Checked 1 file: 0 valid, 1 with 2 problems, {len(placeholders)} warnings.",
    ]

    # A file with a single placeholder keeps its own, more precise line.
    other = tmp_path / "y.toml"
    unfinished = _quiz_on("alibaba-2019", "alibaba-2019#delegates").replace(
        'prompt = "P"', 'prompt = "TODO: ask something"'
    )
    other.write_text(unfinished, encoding="utf-8")
    assert main(["validate", str(target), str(other)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[3] == (
        f'{other}:9:1: warning: question 1 ("a"), field prompt: '
        "this is still the template's placeholder text; write the question"
    )
    assert len(lines) == 5


def test_verbose_lists_every_placeholder_warning(tmp_path, capsys):
    target = _unfinished_quiz(tmp_path, capsys)
    assert main(["validate", "--format", "json", str(target)]) == 1
    texts = [p["text"] for p in json.loads(capsys.readouterr().out)["problems"]]
    for flag in ("-v", "--verbose"):
        assert main(["validate", flag, str(target)]) == 1
        assert capsys.readouterr().out.splitlines()[:-1] == texts
