"""Input and limits (issue 13): durations bounded, texts that show nothing refused, many
unknown keys told in a bounded list; each a located problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.engine import grade
from quizapp.loading import load_quiz_text

HEAD = '[quiz]\nid = "x"\ntitle = "X"\n'
SHORT = '\n[[questions]]\nid = "q"\ntype = "short_answer"\nprompt = "p"\n'
TF = '\n[[questions]]\nid = "q"\ntype = "true_false"\nprompt = "p"\nanswer = true\n'


def problems(text: str) -> list[str]:
    return [str(p) for p in load_quiz_text(text, "x.toml").problems]


@pytest.mark.parametrize(
    "limit", ['"100000000h"', '"25h"', "86401", '"9999999999999999999999999h"', f'"{"9" * 5000}s"']
)
def test_time_limits_beyond_a_day_are_refused(limit: str) -> None:
    found = problems(HEAD + f"time_limit = {limit}\n" + TF)
    assert len(found) == 1 and "x.toml:4:1" in found[0]
    assert "field time_limit: a time limit must be at most 24 hours" in found[0]


@pytest.mark.parametrize("limit", ['"24h"', '"1h30m"', "86400", '"90s"'])
def test_time_limits_up_to_a_day_are_fine(limit: str) -> None:
    assert problems(HEAD + f"time_limit = {limit}\n" + TF) == []


@pytest.mark.parametrize(
    "prompt",
    ['""', '"   "', '"\\u200b"', '"\\t\\n"', '"\\u00a0\\u2060"', '{ en = "ok", id = " " }'],
)
def test_a_prompt_that_shows_nothing_is_refused(prompt: str) -> None:
    text = HEAD + TF.replace('prompt = "p"', f"prompt = {prompt}")
    if prompt.startswith("{"):
        text = text.replace('title = "X"', 'title = "X"\nlanguages = ["en", "id"]')
    found = problems(text)
    assert any('question 1 ("q"), field prompt: the prompt is empty' in p for p in found), found


@pytest.mark.parametrize(
    "prompt",
    [
        '"  p"',
        '"\\u200b\u00e9"',
        '"\u65e5"',
        '{ en = "ok", id = "\\u00a0x" }',
        '{ en = "", id = "x" }',
    ],
)
def test_a_prompt_that_shows_something_is_fine_past_the_first_test(prompt: str) -> None:
    text = HEAD + TF.replace('prompt = "p"', f"prompt = {prompt}")
    if prompt.startswith("{"):
        text = text.replace('title = "X"', 'title = "X"\nlanguages = ["en", "id"]')
    found = problems(text)
    if 'en = ""' in prompt:
        assert any("the prompt is empty" in p for p in found), found
    else:
        assert found == [], found


def test_choices_differing_only_by_invisible_characters_are_one_choice() -> None:
    text = HEAD + (
        '\n[[questions]]\nid = "q"\ntype = "single"\nprompt = "p"\n'
        'choices = [{ text = "Yes", correct = true }, { text = "Ye\\u200bs" }, '
        '{ text = "\\ufeffYES" }, { text = "Ｙｅｓ" }, { text = "No" }]\n'
    )
    found = problems(text)
    assert len([p for p in found if "this choice is the same as choice 1" in p]) == 3, found


@pytest.mark.parametrize("answer", ['"!!!"', '"..."', '"  -  "', '"\\u200b"', '"?!"'])
def test_an_accepted_answer_that_normalises_to_nothing_is_refused(answer: str) -> None:
    text = HEAD + (SHORT + f'answers = ["ok", {answer}]\n')
    found = problems(text)
    assert any(
        "field answers[2]: the accepted answer" in p and "no answer can match" in p for p in found
    ), found


@pytest.mark.parametrize("answer", ['"\u00fc"', '"\u65e5\u672c"', '"?a"', '"\u0661"', '"\u00bd"'])
def test_an_accepted_answer_with_a_letter_or_digit_anywhere_is_fine(answer: str) -> None:
    assert problems(HEAD + SHORT + f"answers = [{answer}]\n") == []


def test_a_typed_zero_width_character_does_not_change_a_short_answer() -> None:
    (quiz,) = [load_quiz_text(HEAD + SHORT + 'answers = ["Hangzhou"]\n').quiz]
    assert quiz is not None
    assert grade(quiz.questions[0], "Hang\u200bzhou").credit == 1


def test_many_unknown_keys_are_capped_when_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "many.toml"
    path.write_text(HEAD + "".join(f"k{i} = 1\n" for i in range(3000)) + TF)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert sum("unknown field" in line for line in lines) == 50
    assert f"{path}: 2950 more problems not shown" in out
    assert "1 with 3000 problems" in out
    # Every one is listed with -v, and in the JSON, each with its line.
    assert main(["validate", "-v", str(path)]) == 1
    assert sum("unknown field" in line for line in capsys.readouterr().out.splitlines()) == 3000
    assert main(["validate", "--format", "json", str(path)]) == 1
    import json

    report = json.loads(capsys.readouterr().out)
    assert len(report["problems"]) == 3000
    assert report["problems"][-1]["line"] == 3003


def test_suggestions_stay_for_a_few_typos() -> None:
    found = problems(HEAD + "titel = 1\n" + TF)
    assert any('unknown field "titel"; did you mean "title"?' in p for p in found), found
