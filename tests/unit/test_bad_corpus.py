"""Every broken file in tests/data/bad gives located, one-sentence problems: never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.loading import load_quiz

BAD = Path(__file__).parents[1] / "data" / "bad"

# file -> (line of the first problem, or None where a file has no lines to point at;
#          words its message must contain)
EXPECTED: dict[str, tuple[int | None, str]] = {
    "binary-garbage.toml": (1, "not valid UTF-8"),
    "bom-syntax-error.toml": (5, 'nothing is written after "pass_mark ="'),
    "draw-above-pool.toml": (5, "draw is 5 but the quiz has only 1 question"),
    "duplicate-question-ids.toml": (16, 'the id "q1" is already used by question 1'),
    "empty.toml": (None, "the file is empty"),
    "id-with-spaces.toml": (7, '"question one" is not a valid id'),
    "invalid-utf8.toml": (9, "not valid UTF-8 text (byte 0xe9)"),
    "markup-everywhere.toml": (9, 'unknown field "[bold]"'),
    "matching-repeated-right.toml": (12, "the same right-hand item appears twice"),
    "missing-choices.toml": (6, 'the required field "choices" is missing'),
    "missing-prompt.toml": (6, 'the required field "prompt" is missing'),
    "missing-quiz-id.toml": (1, 'the required field "id" is missing'),
    "missing-quiz-table.toml": (None, "the [quiz] table is missing"),
    "missing-type.toml": (6, "a question needs a type"),
    "multiple-no-correct.toml": (10, "needs at least one correct choice"),
    "multiple-weights-short.toml": (10, "the positive weights add up to 0.5"),
    "negative-points.toml": (14, "must be more than 0, got -1"),
    "nul-bytes.toml": (5, "the line holds NUL bytes"),
    "numeric-answer-and-answers.toml": (11, "give either answer or answers, not both"),
    "numeric-nan.toml": (10, "must be a finite number"),
    "ordering-one-item.toml": (10, "needs at least 2 items, got 1"),
    "pass-mark-above-one.toml": (
        5,
        "must be at most 1, got 70; write a fraction: 0.7 for 70%",
    ),
    "short-answer-no-full-credit.toml": (10, "no accepted answer gives full credit"),
    "single-no-correct.toml": (10, "exactly one correct choice, found 0"),
    "single-two-correct.toml": (10, "exactly one correct choice, found 2"),
    "syntax-decimal-comma.toml": (5, "write decimals with a point"),
    "syntax-duplicate-key.toml": (14, '"prompt" is set twice in the same table'),
    "syntax-missing-equals.toml": (16, "expected '=' after a key"),
    "syntax-quiz-twice.toml": (15, "TOML syntax error: cannot declare [quiz] twice"),
    "syntax-unclosed-header.toml": (1, "expected ']' at the end of a table declaration"),
    "syntax-unterminated-string.toml": (16, "TOML syntax error: the line ends inside a string"),
    "time-limit-words.toml": (5, 'got "ten minutes"'),
    "tolerance-words.toml": (11, 'got "five percent"'),
    "translation-extra-language.toml": (9, '"fr" is not one of the quiz\'s languages'),
    "translation-missing.toml": (9, 'the "en" translation is missing'),
    "translation-misspelt-language.toml": (
        9,
        '"eng" is not one of the quiz\'s languages (id, en); did you mean "en"?',
    ),
    "type-choices-not-array.toml": (10, 'expected an array, got a string ("Hangzhou, Beijing")'),
    "type-numeric-answer-string.toml": (10, 'expected a number, got a string ("147 orang")'),
    "type-pass-mark-string.toml": (5, 'expected a number, got a string ("0.7")'),
    "type-points-bool.toml": (14, "expected a number, got a boolean (true)"),
    "type-questions-not-tables.toml": (1, 'expected an array, got a string ("none")'),
    "type-quiz-array-of-tables.toml": (1, "expected a table, got an array"),
    "type-title-number.toml": (3, "expected a string or a table of translations"),
    "unknown-field-promt.toml": (9, 'unknown field "promt"; did you mean "prompt"?'),
    "unknown-field-titel.toml": (3, 'unknown field "titel"; did you mean "title"?'),
    "unknown-type-numric.toml": (8, '"numric" is not a question type; did you mean "numeric"?'),
    "whitespace-only.toml": (None, "the file is empty"),
}


def test_corpus_is_large_and_fully_listed():
    files = sorted(p.name for p in BAD.iterdir())
    assert len(files) >= 30
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_located_problems(name: str):
    path = BAD / name
    result = load_quiz(path)
    assert not result.ok and result.quiz is None
    assert result.problems
    line, words = EXPECTED[name]
    first = result.problems[0]
    assert first.line == line
    assert words in first.message
    for problem in result.problems:
        text = str(problem)
        assert text.startswith(str(path))
        assert "\n" not in text and "Traceback" not in text
        # Our own words, not pydantic's ("Input should be ...").
        assert not problem.message.startswith(("Input", "Value error"))


def test_markup_looking_text_is_reported_verbatim():
    result = load_quiz(BAD / "markup-everywhere.toml")
    assert '"[bold]"' in str(result.problems[0])


@pytest.mark.parametrize("name", ["missing-quiz-table.toml", "type-quiz-array-of-tables.toml"])
def test_one_mistake_in_the_header_is_one_problem(name: str):
    # Without a [quiz] table the languages are unknown: its translations are not each
    # reported as a language the quiz lacks.
    result = load_quiz(BAD / name)
    assert len(result.problems) == 1, [str(p) for p in result.problems]


def test_a_misspelt_language_is_one_problem_at_its_key():
    path = BAD / "translation-misspelt-language.toml"
    assert [str(p) for p in load_quiz(path).problems] == [
        f'{path}:9:40: question 1 ("q1"), field prompt.eng: "eng" is not one of the '
        'quiz\'s languages (id, en); did you mean "en"?'
    ]
