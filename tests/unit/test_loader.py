"""The loader: valid files become models; every problem is located and said in one sentence."""

from __future__ import annotations

import textwrap

import pytest

from quizapp.loading import load_quiz, load_quiz_bytes, load_quiz_text
from quizapp.locations import bundled_quizzes_dir
from quizapp.model import NumericQuestion, SingleQuestion, localize

HEAD = """\
[quiz]
id = "t"
title = { id = "Judul", en = "Title" }
languages = ["id", "en"]
"""


def load(body: str, head: str = HEAD):
    return load_quiz_text(head + textwrap.dedent(body), "quizzes/t.toml")


def messages(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_bundled_tour_loads_every_type():
    result = load_quiz(bundled_quizzes_dir() / "tour.toml")
    assert result.ok, messages(result)
    types = {q.type for q in result.quiz.questions}
    assert types == {
        "single",
        "multiple",
        "true_false",
        "short_answer",
        "numeric",
        "ordering",
        "matching",
    }
    assert len(result.sha256) == 64


def test_values_are_typed_and_defaults_filled():
    result = load(
        """
        time_limit = "1h30m"

        [[questions]]
        id = "n"
        type = "numeric"
        prompt = "How many?"
        answer = 147
        tolerance = "5%"
        """
    )
    # time_limit belongs to the [[questions]] table only if written after it; here it
    # follows [quiz], so it is the quiz's.
    assert result.ok, messages(result)
    quiz = result.quiz
    assert quiz.quiz.time_limit == 5400
    q = quiz.questions[0]
    assert isinstance(q, NumericQuestion)
    assert q.tolerance.relative and q.tolerance.value == pytest.approx(0.05)
    assert q.points == 1.0 and q.tags == []
    assert localize(quiz.quiz.title, "en") == "Title"
    assert localize(quiz.quiz.title, "fr", fallback="id") == "Judul"


def test_issue_example_message_names_file_line_question_and_field():
    result = load(
        """
        [[questions]]
        id = "a"
        type = "true_false"
        prompt = "x"
        answer = true

        [[questions]]
        id = "b"
        type = "true_false"
        prompt = "x"
        answer = true

        [[questions]]
        id = "c"
        type = "true_false"
        prompt = "x"
        answer = true

        [[questions]]
        id = "topics"
        type = "single"
        prompt = "Which?"
        choices = [
          { text = "A", correct = true },
          { text = "B", correct = true },
        ]
        """
    )
    assert messages(result) == [
        'quizzes/t.toml:28:1: question 4 ("topics"), field choices: '
        "a single-answer question needs exactly one correct choice, found 2"
    ]


def test_every_problem_is_reported_in_reading_order_not_only_the_first():
    result = load(
        """
        pass_mark = 2

        [[questions]]
        id = "q1"
        type = "single"
        promt = "typo"
        choices = [{ text = "A", correct = true }, { text = "B", wieght = 1 }]

        [[questions]]
        id = "q2"
        type = "numric"
        prompt = "x"
        """
    )
    found = messages(result)
    assert len(found) == 4
    assert found[0].startswith("quizzes/t.toml:6:1: [quiz], field pass_mark: must be at most 1")
    assert 'unknown field "promt"; did you mean "prompt"?' in found[1]
    assert found[1].startswith('quizzes/t.toml:11:1: question 1 ("q1"), field promt')
    assert 'field choices[2].wieght: unknown field "wieght"; did you mean "weight"?' in found[2]
    assert ":12:58:" in found[2]  # the misspelt key itself
    assert '"numric" is not a question type; did you mean "numeric"?' in found[3]
    assert found[3].startswith('quizzes/t.toml:16:1: question 2 ("q2"), field type')


def test_problems_in_inline_arrays_point_at_the_element():
    result = load(
        """
        [[questions]]
        id = "q"
        type = "multiple"
        prompt = "x"
        choices = [
          { text = "A", correct = true },
          { text = "B", correct = "yes" },
        ]
        """
    )
    (problem,) = result.problems
    assert (problem.line, problem.column) == (12, 17)
    assert problem.field == "choices[2].correct"
    assert problem.message == 'expected true or false, got a string ("yes")'


def test_missing_and_extra_translations():
    result = load(
        """
        [[questions]]
        id = "q"
        type = "true_false"
        prompt = { id = "Benar?" }
        explanation = { id = "x", en = "y", fr = "z" }
        answer = true
        """
    )
    found = messages(result)
    assert any('field prompt: the "en" translation is missing' in m for m in found)
    assert any('field explanation.fr: "fr" is not one of the quiz\'s languages' in m for m in found)


def test_plain_string_counts_for_every_language():
    result = load(
        """
        [[questions]]
        id = "q"
        type = "short_answer"
        prompt = { id = "Siapa?", en = "Who?" }
        answers = ["J&T"]
        """
    )
    assert result.ok, messages(result)


def test_cross_field_rules():
    result = load(
        """
        draw = 3

        [[questions]]
        id = "same"
        type = "multiple"
        prompt = "x"
        choices = [{ text = "A", correct = true, weight = 0.4 }, { text = "a " }]

        [[questions]]
        id = "same"
        type = "numeric"
        prompt = "x"
        answer = 0
        tolerance = "10%"
        """
    )
    found = "\n".join(messages(result))
    assert "draw is 3 but the quiz has only 2 questions" in found
    assert "the positive weights add up to 0.4" in found
    assert "this choice is the same as choice 1" in found
    assert 'the id "same" is already used by question 1' in found
    assert "a relative tolerance of an answer of 0 allows nothing" in found


def test_decimal_comma_gets_a_hint():
    result = load("pass_mark = 0,7\n")
    (problem,) = result.problems
    assert problem.line == 5
    assert "write decimals with a point" in problem.message


def test_byte_order_mark_is_accepted():
    data = (bundled_quizzes_dir() / "tour.toml").read_bytes()
    assert load_quiz_bytes(b"\xef\xbb\xbf" + data, "bom.toml").ok


def test_oversized_file_is_refused_unread(tmp_path):
    big = tmp_path / "big.toml"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    result = load_quiz(big)
    (problem,) = result.problems
    assert str(problem).startswith(f"{big}: the file is 50.0 MB")


def test_deep_nesting_is_a_problem_not_a_crash():
    deep = HEAD + "x = " + "[" * 5000 + "]" * 5000 + "\n"
    result = load_quiz_text(deep, "deep.toml")
    assert not result.ok
    assert result.problems and all("\n" not in p.message for p in result.problems)


def test_missing_file_and_folder(tmp_path):
    assert load_quiz(tmp_path / "nope.toml").problems[0].message == "no such file"
    assert load_quiz(tmp_path).problems[0].message == "this is a folder, not a quiz file"


def test_models_are_immutable():
    result = load_quiz(bundled_quizzes_dir() / "tour.toml")
    question = result.quiz.questions[1]
    assert isinstance(question, SingleQuestion)
    with pytest.raises(AttributeError):
        question.id = "changed"  # type: ignore[misc]


def test_a_typo_hides_no_other_problem():
    """A trainer's report: a misspelt field used to hide every cross-field problem."""
    result = load(
        """
        [[questions]]
        id = "card"
        type = "single"
        prompt = { id = "Kartu?", en = "Card?" }
        explaination = { id = "x", en = "y" }
        choices = [{ text = "A", correct = true }, { text = "B", correct = true }]

        [[questions]]
        id = "fare"
        type = "numeric"
        prompt = { id = "Tarif?" }
        answer = 3500
        """
    )
    found = messages(result)
    assert len(found) == 3
    assert 'unknown field "explaination"; did you mean "explanation"?' in found[0]
    assert "exactly one correct choice, found 2" in found[1]
    assert 'question 2 ("fare"), field prompt: the "en" translation is missing' in found[2]


def test_quoted_numbers_and_booleans_get_a_hint():
    result = load(
        """
        pass_mark = "0,7"

        [[questions]]
        id = "q"
        type = "true_false"
        prompt = "x"
        answer = "true"
        """
    )
    found = messages(result)
    assert found[0].endswith('got a string ("0,7"); write it without quotes: 0.7')
    assert found[1].endswith('got a string ("true"); write it without quotes: true')


def test_decimal_comma_inside_an_inline_table_gets_the_hint():
    result = load(
        """
        [[questions]]
        id = "n"
        type = "numeric"
        prompt = "x"
        answers = [{ value = 3500, tolerance = 0,5, weight = 0.5 }]
        """
    )
    (problem,) = result.problems
    assert "write decimals with a point" in problem.message


def _bank(n: int) -> str:
    question = (
        '[[questions]]\nid = "q{i}"\ntype = "true_false"\nprompt = "Statement {i}"\nanswer = true\n'
    )
    return HEAD + "".join(question.format(i=i) for i in range(n))


def test_a_large_bank_joins_the_oldest_generation_without_a_collection():
    import gc

    gc.collect()
    result = load_quiz_text(_bank(5000), "bank.toml")
    assert result.ok
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    # Promoted, not left young: the next young collection would walk every question.
    assert gc.get_count()[0] < 1000
    assert gc.is_tracked(result.quiz.questions[0])


def test_objects_the_caller_froze_stay_frozen():
    import gc

    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert load_quiz_text(_bank(5000), "bank.toml").ok
        # Neither released (a few frozen objects may have been freed meanwhile) nor
        # joined by the bank.
        assert frozen * 0.9 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_the_collector_stays_off_for_a_caller_who_turned_it_off():
    import gc

    gc.disable()
    try:
        assert load_quiz_text(_bank(50), "bank.toml").ok
        assert not gc.isenabled()
    finally:
        gc.enable()


# -- template placeholders: warnings, not errors ------------------------------------------


def test_a_placeholder_is_a_located_warning_and_the_quiz_still_loads():
    result = load(
        """
        [[questions]]
        id = "q1"
        type = "true_false"
        prompt = { id = "Benar?", en = "TODO: Is it true?" }
        answer = true
        """
    )
    assert result.ok and result.quiz is not None
    (problem,) = result.problems
    assert problem.severity == "warning"
    assert (problem.line, problem.column) == (9, 27)
    assert str(problem) == (
        'quizzes/t.toml:9:27: warning: question 1 ("q1"), field prompt.en: '
        "this is still the template's placeholder text; write the question"
    )


def test_a_translation_placeholder_asks_for_a_translation():
    result = load(
        """
        [[questions]]
        id = "q1"
        type = "single"
        prompt = { id = "Kota?", en = "City?" }
        choices = [
          { text = "Hangzhou", correct = true, feedback = { id = "TODO(id): Ya.", en = "Yes." } },
          { text = { id = "TODO(id): Beijing", en = "Beijing" } },
        ]
        """,
        HEAD.replace('en = "Title"', 'en = "TODO(en): Judul"'),
    )
    assert result.ok
    assert [(p.field, p.message.rpartition("; ")[2]) for p in result.problems] == [
        ("quiz.title.en", "translate the title"),
        ("choices[1].feedback.id", "translate the feedback"),
        ("choices[2].text.id", "translate the choice"),
    ]
    assert str(result.problems[0]).startswith(
        "quizzes/t.toml:3:25: warning: [quiz], field title.en:"
    )


def test_placeholders_are_reported_beside_the_errors_of_a_broken_file():
    result = load(
        """
        [[questions]]
        id = "q1"
        type = "true_false"
        prompt = "TODO: Is it true?"
        answer = true

        [[questions]]
        id = "q2"
        type = "true_false"
        promt = "x"
        answer = true
        """,
        HEAD.replace('languages = ["id", "en"]', 'languages = ["en"]').replace(
            '{ id = "Judul", en = "Title" }', '"Title"'
        ),
    )
    assert not result.ok and result.quiz is None
    assert [p.severity for p in result.problems] == ["warning", "error"]
    assert result.problems[0].line == 9 and result.problems[1].line == 15


@pytest.mark.parametrize(
    "text",
    [
        "Finish the TODO: list",  # the mark counts only at the start
        "todo: lower case is the author's own",
        "TODO(english): not a language code",
        "TODO",
    ],
)
def test_text_that_only_looks_like_a_placeholder_is_not_one(text: str):
    result = load(
        f"""
        [[questions]]
        id = "q1"
        type = "true_false"
        prompt = {{ id = "{text}", en = "{text}" }}
        answer = true
        """
    )
    assert result.ok and result.problems == ()


def test_a_placeholder_in_data_that_is_not_text_is_not_flagged():
    # Accepted short answers and ids are data a learner types or a score refers to.
    result = load(
        """
        [[questions]]
        id = "q1"
        type = "short_answer"
        prompt = { id = "Kata?", en = "Word?" }
        answers = ["TODO: x"]
        tags = ["TODO: y"]
        """
    )
    assert result.ok and result.problems == ()


def test_a_misspelt_language_key_is_one_problem_naming_the_language_meant():
    result = load(
        """
        [[questions]]
        id = "q"
        type = "true_false"
        prompt = { id = "Benar?", eng = "True?" }
        explanation = { id = "x", EN = "y" }
        answer = true
        """
    )
    assert messages(result) == [
        'quizzes/t.toml:9:27: question 1 ("q"), field prompt.eng: "eng" is not one of the '
        'quiz\'s languages (id, en); did you mean "en"?',
        'quizzes/t.toml:10:27: question 1 ("q"), field explanation.EN: "EN" is not one of '
        'the quiz\'s languages (id, en); did you mean "en"?',
    ]


def test_a_key_that_explains_one_missing_language_leaves_the_other_reported():
    head = HEAD.replace('["id", "en"]', '["id", "en", "zh"]').replace(
        'en = "Title" }', 'en = "Title", zh = "T" }'
    )
    result = load(
        """
        [[questions]]
        id = "q"
        type = "true_false"
        prompt = { id = "Benar?", em = "True?" }
        answer = true
        """,
        head,
    )
    assert messages(result) == [
        'quizzes/t.toml:9:1: question 1 ("q"), field prompt: the "zh" translation is missing',
        'quizzes/t.toml:9:27: question 1 ("q"), field prompt.em: "em" is not one of the '
        'quiz\'s languages (id, en, zh); did you mean "en"?',
    ]


def test_languages_are_listed_as_declared_when_the_quiz_table_is_invalid():
    result = load(
        """
        pass_mark = "high"

        [[questions]]
        id = "q"
        type = "true_false"
        prompt = { id = "Benar?", en = "True?", fr = "Vrai ?" }
        answer = true
        """
    )
    assert "languages (id, en); add it to [quiz] languages or remove it" in messages(result)[-1]


@pytest.mark.parametrize(
    ("body", "field", "hint"),
    [
        ("pass_mark = 70\n", "[quiz], field pass_mark", "got 70; write a fraction: 0.7 for 70%"),
        (
            'pass_mark = 0.5\n[[quiz.feedback]]\nmin = 85.5\ntext = "Good"\n',
            "[quiz], field feedback[1].min",
            "got 85.5; write a fraction: 0.855 for 85.5%",
        ),
        (
            '[[questions]]\nid = "s"\ntype = "short_answer"\nprompt = "P"\n'
            'answers = [{ text = "a", weight = 50 }]\n',
            'question 1 ("s"), field answers[1].weight',
            "got 50; write a fraction: 0.5 for 50%",
        ),
    ],
)
def test_a_percentage_in_a_fraction_field_says_how_to_write_it(body, field, hint):
    found = messages(load(body))
    assert any(f"{field}: must be at most 1, {hint}" in m for m in found), found
    # Far above 100 is not a percentage: no guess at what was meant.
    assert messages(load("pass_mark = 700\n"))[0].endswith("must be at most 1, got 700")


def test_short_answer_rules_each_said_at_its_answer():
    result = load(
        """
        [[questions]]
        id = "s"
        type = "short_answer"
        prompt = "Capital?"
        answers = [
            { text = "Paris", weight = 0.5 },
            { text = "--", weight = 0.5 },
            { text = "PARIS", weight = 0.5 },
        ]

        [[questions]]
        id = "c"
        type = "short_answer"
        prompt = "Capital?"
        case_sensitive = true
        answers = ["Paris", "paris", "Paris"]
        """
    )
    found = [(p.question, p.field, p.message.key) for p in result.problems]
    assert found == [
        (1, "answers", "no_full_credit_answer"),
        (1, "answers[2]", "answer_unmatchable"),
        (1, "answers[3]", "same_answer"),
        # Case counts here: only the third is the first again.
        (2, "answers[3]", "same_answer"),
    ]


def test_repeated_items_and_blank_prompts_each_said_where_they_are():
    # Each rule's repeat check, past its one-pass test: ASCII and not, case, outer
    # spaces, compatibility forms and zero-width characters set aside, translations
    # as tables; and prompts that show nothing, plain or translated.
    result = load(
        """
        [[questions]]
        id = "o"
        type = "ordering"
        prompt = "\\u200b"
        items = ["a", " A", "b", { id = "x", en = "y" }, { en = "Y ", id = "X" }, "Ａ"]

        [[questions]]
        id = "m"
        type = "matching"
        prompt = { id = "Pasangkan", en = " \\u00a0" }
        pairs = [
            { left = "one", right = "1" },
            { left = "ONE ", right = "2" },
            { left = "two", right = "\\u00bd" },
        ]
        distractors = ["2", "3", " 3", "1\\u20442"]

        [[questions]]
        id = "m2"
        type = "matching"
        prompt = "Match"
        pairs = [{ left = "a", right = "x" }, { left = "b", right = "y" }]
        distractors = ["z", "Z"]

        [[questions]]
        id = "c"
        type = "single"
        prompt = "Pick"
        choices = [
            { text = "Étage", correct = true },
            { text = "étage" },
            { text = "E\\u0301tage" },
            { text = "x\\u200b" },
            { text = "x" },
        ]

        [[questions]]
        id = "s"
        type = "short_answer"
        prompt = "Say"
        answers = ["-x", "¿?", "*", "Ça", "ça", "--"]
        """
    )
    empty = "the prompt is empty: write what is asked"
    item = "this item is the same as item {}".format
    right = "the same right-hand item appears twice, so the match is ambiguous"
    choice = "this choice is the same as choice {}".format
    unmatchable = (
        'the accepted answer "{}" has no letter or digit once punctuation and spaces are '
        "set aside, so no answer can match it"
    ).format
    assert [(p.question, p.field, p.message) for p in result.problems] == [
        (1, "prompt", empty),
        (1, "items[2]", item(1)),
        (1, "items[5]", item(4)),
        (1, "items[6]", item(1)),
        (2, "prompt", empty),
        (2, "pairs[2].left", "this left item is the same as left item 1"),
        (2, "distractors[1]", right),
        (2, "distractors[3]", right),
        (2, "distractors[4]", right),
        (3, "distractors[2]", right),
        (4, "choices[2].text", choice(1)),
        (4, "choices[3].text", choice(1)),
        (4, "choices[5].text", choice(4)),
        (5, "answers[2]", unmatchable("¿?")),
        (5, "answers[5]", "this accepted answer is the same as accepted answer 4"),
        (5, "answers[6]", unmatchable("--")),
    ]
