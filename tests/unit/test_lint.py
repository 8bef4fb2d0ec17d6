"""`quizapp lint`: each check with a quiz that trips it and one that does not; warnings
located like validate's problems; `# lint: allow`; the bundled banks lint clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.authoring.lint import CHECKS, lint
from quizapp.cli import main
from quizapp.loading import load_catalog
from quizapp.loading.content import load_modules
from quizapp.locations import bundled_content_dir, bundled_quizzes_dir

HEADER = '[quiz]\nid = "{id}"\ntitle = "{title}"\n{extra}\n'


def _quiz(
    tmp_path: Path, *questions: str, qid: str = "q", title: str = "A quiz", extra: str = ""
) -> Path:
    path = tmp_path / f"{qid}.toml"
    body = HEADER.format(id=qid, title=title, extra=extra)
    body += "".join(f"\n[[questions]]\n{q.strip()}\n" for q in questions)
    path.write_text(body, encoding="utf-8")
    return path


def _warnings(paths: list[Path], check: str, modules=None) -> list:
    catalog = load_catalog(paths)
    assert catalog.ok, [str(p) for p in catalog.problems]
    return lint(catalog, modules, checks=[check]).warnings


def _single(qid: str, prompt: str, right: str, *wrong: str, extra: str = "") -> str:
    rows = [f'  {{ text = "{right}", correct = true }},']
    rows += [f'  {{ text = "{w}", feedback = "Not {w}." }},' for w in wrong]
    return (
        f'id = "{qid}"\ntype = "single"\nprompt = "{prompt}"\n{extra}\nchoices = [\n'
        + "\n".join(rows)
        + "\n]"
    )


def _short(qid: str, prompt: str, answer: str, extra: str = "") -> str:
    return (
        f'id = "{qid}"\ntype = "short_answer"\nprompt = "{prompt}"\nanswers = ["{answer}"]\n{extra}'
    )


def _numeric(qid: str, prompt: str, answer: str, extra: str = "") -> str:
    return f'id = "{qid}"\ntype = "numeric"\nprompt = "{prompt}"\nanswer = {answer}\n{extra}'


# -- leaks -------------------------------------------------------------------------------


def test_a_typed_answer_in_another_prompt_is_a_leak_naming_both(tmp_path: Path) -> None:
    path = _quiz(
        tmp_path,
        _short("city", "In which city was the training?", "Hangzhou"),
        _single("when", "When did the Hangzhou training start?", "Monday", "Friday", "Sunday"),
    )
    (warning,) = _warnings([path], "leak")
    p = warning.problem
    assert (p.file, p.line, p.question, p.question_id, p.field) == (
        str(path),
        15,
        2,
        "when",
        "prompt",
    )
    assert 'question 1 ("city")' in p.message and p.severity == "warning"
    assert str(warning).endswith("[leak]")


def test_no_leak_when_the_answer_appears_nowhere_else(tmp_path: Path) -> None:
    path = _quiz(
        tmp_path,
        _short("city", "In which city was the training?", "Hangzhou"),
        _single("when", "When did the training start?", "Monday", "Friday", "Sunday"),
    )
    assert _warnings([path], "leak") == []


def test_a_typed_answer_among_other_choices_leaks_but_a_right_choice_does_not(
    tmp_path: Path,
) -> None:
    typed = _quiz(
        tmp_path,
        _short("lazada", "Which platform does Alibaba run in Southeast Asia?", "Lazada"),
        _single("from", "Which platform sent delegates?", "Tokopedia", "Lazada", "Shopee"),
        qid="typed",
    )
    assert [w.problem.field for w in _warnings([typed], "leak")] == ["choices[2].text"]
    picked = _quiz(
        tmp_path,
        _single(
            "lazada",
            "Which platform does Alibaba run in Southeast Asia?",
            "Lazada",
            "Shopee",
            "Bukalapak",
        ),
        _single("from", "Which platform sent delegates?", "Tokopedia", "Lazada", "Shopee"),
        qid="picked",
    )
    # A choice is only a candidate: seeing it elsewhere tells nothing.
    assert _warnings([picked], "leak") == []


@pytest.mark.parametrize(
    "written", ["Rp14,7 triliun", "14.7 trillion", "Rp14.700.000.000.000", "14,7"]
)
def test_a_numeric_answer_leaks_in_any_written_form(tmp_path: Path, written: str) -> None:
    path = _quiz(
        tmp_path,
        _numeric("amount", "How much did Alibaba invest?", "14_700_000_000_000", 'unit = "Rp"'),
        f'id = "t"\ntype = "true_false"\nprompt = "Alibaba invested {written} there."\n'
        "answer = true",
    )
    (warning,) = _warnings([path], "leak")
    assert warning.problem.question_id == "t"


@pytest.mark.parametrize(
    ("answer", "written", "leaks"),
    [
        ("14_700_000_000_000", "14,700,000,000,000", True),  # grouped the English way
        ("14_700_000_000_000", "14700000000000", True),  # not grouped
        ("14_700_000_000_000", "Rp14.7 trillion", True),
        ("158_273_000_000", "158,273 miliar RMB", True),  # the figure before the scale
        ("158_273_000_000", "RMB 158.273 billion", True),
        ("158_273_000_000", "about 158,273", True),  # bare, three digits and a decimal
        ("550_000_000", "550 juta pelanggan", True),
        ("550_000_000", "those 550", True),
        ("2.5", "2,5 is the figure", True),  # a fraction, with the decimal comma
        ("2.5", "0,25 or 25", False),
        ("147", "Rp147 triliun", False),  # a bare figure then a scale word: not 147
        ("147", "1470 and 14,7", False),
        ("14_700_000_000_000", "14,7 juta", False),  # another scale: another figure
        ("550_000_000", "55 juta", False),
        ("1234", "1.234", True),
        ("1234", "01.234", False),
    ],
)
def test_a_numeric_answer_is_read_in_the_text_whatever_its_form(
    tmp_path: Path, answer: str, written: str, leaks: bool
) -> None:
    """A number in a text is read once into what its written form can mean, and that is
    looked up among the numeric answers: every way of writing the answer is caught, and
    nothing that only looks alike."""
    path = _quiz(
        tmp_path,
        _numeric("amount", "How much was it?", answer),
        f'id = "t"\ntype = "true_false"\nprompt = "The report says {written} there."\n'
        "answer = true",
    )
    warnings = _warnings([path], "leak")
    assert [w.problem.question_id for w in warnings] == (["t"] if leaks else [])


def test_a_small_count_leaks_only_with_its_unit(tmp_path: Path) -> None:
    days = _numeric("days", "How many days did it last?", "2", 'unit = "days"')
    clean = _quiz(
        tmp_path,
        days,
        _single("two", "Which 2 platforms?", "Tokopedia", "Lazada", "Shopee"),
        qid="a",
    )
    assert _warnings([clean], "leak") == []
    leaky = _quiz(
        tmp_path,
        days,
        _single("when", "What happened in those 2 days?", "Training", "A fair", "A sale"),
        qid="b",
    )
    assert len(_warnings([leaky], "leak")) == 1


def test_the_quiz_title_can_leak(tmp_path: Path) -> None:
    path = _quiz(
        tmp_path,
        _short("city", "In which city was the training?", "Hangzhou"),
        title="The Hangzhou training",
    )
    (warning,) = _warnings([path], "leak")
    assert warning.problem.field == "quiz.title"
    assert (
        _warnings(
            [_quiz(tmp_path, _short("city", "Which city?", "Hangzhou"), qid="b", title="Training")],
            "leak",
        )
        == []
    )


def test_leaks_between_quizzes_drawn_together(tmp_path: Path) -> None:
    a = _quiz(tmp_path, _short("ceo", "Who is Alibaba's CEO?", "Jack Ma"), qid="a")
    b = _quiz(
        tmp_path,
        _single("idol", "Jack Ma is an idol of whom?", "MSMEs", "Banks", "Ministries"),
        qid="b",
    )
    alone = _warnings([a, b], "leak")
    assert alone == []  # never in one attempt
    exam = _quiz(
        tmp_path,
        qid="exam",
        extra='[[quiz.include]]\nquiz = "a"\n[[quiz.include]]\nquiz = "b"',
    )
    (warning,) = _warnings([a, b, exam], "leak")
    assert 'drawn together in "exam"' in warning.problem.message
    assert warning.problem.file == str(b)


def test_an_ordering_that_prints_its_dates_gives_the_order_away(tmp_path: Path) -> None:
    dated = (
        'id = "o"\ntype = "ordering"\nprompt = "Order them."\n'
        'items = ["Investment (August 2017)", "Training (January 2019)"]'
    )
    undated = (
        'id = "o"\ntype = "ordering"\nprompt = "Order them."\nitems = ["Investment", "Training"]'
    )
    assert len(_warnings([_quiz(tmp_path, dated, qid="a")], "leak")) == 1
    assert _warnings([_quiz(tmp_path, undated, qid="b")], "leak") == []


# -- hints and format examples -------------------------------------------------------------


def test_a_hint_that_states_the_answer(tmp_path: Path) -> None:
    bad = _short("park", "Where was it held?", "Xixi Park", 'hint = "Think of Xixi Park."')
    good = _short("park", "Where was it held?", "Xixi Park", 'hint = "It is a green public space."')
    (warning,) = _warnings([_quiz(tmp_path, bad, qid="a")], "hint-answer")
    assert warning.problem.field == "hint"
    assert _warnings([_quiz(tmp_path, good, qid="b")], "hint-answer") == []


def test_a_hint_that_writes_the_figure(tmp_path: Path) -> None:
    bad = _numeric("n", "How much?", "14_700_000_000_000", 'hint = "For example 14,7 triliun."')
    good = _numeric("n", "How much?", "14_700_000_000_000", 'hint = "For example 2,5 juta."')
    assert len(_warnings([_quiz(tmp_path, bad, qid="a")], "hint-answer")) == 1
    assert _warnings([_quiz(tmp_path, good, qid="b")], "hint-answer") == []


def test_a_format_example_that_is_another_questions_answer(tmp_path: Path) -> None:
    answer = _numeric("rp", "What is it worth in rupiah?", "316_000_000_000_000", 'unit = "Rp"')
    bad = _numeric(
        "n", "How many customers?", "550_000_000", 'hint = "You may write, e.g. 316 triliun."'
    )
    good = _numeric(
        "n", "How many customers?", "550_000_000", 'hint = "You may write, e.g. 2,5 juta."'
    )
    (warning,) = _warnings([_quiz(tmp_path, answer, bad, qid="a")], "format-example")
    assert '"rp"' in warning.problem.message and warning.problem.question_id == "n"
    assert _warnings([_quiz(tmp_path, answer, good, qid="b")], "format-example") == []


# -- twins ---------------------------------------------------------------------------------


def test_twins_same_and_nearly_same_prompts(tmp_path: Path) -> None:
    same = _quiz(
        tmp_path,
        _numeric("a", "How many delegates attended the training?", "147"),
        _single("b", "How many delegates attended the training?", "147", "137", "157"),
        qid="same",
    )
    (warning,) = _warnings([same], "twin")
    assert "the same prompt as question 1" in warning.problem.message
    near = _quiz(
        tmp_path,
        _numeric("a", "How many delegates attended the training in Hangzhou?", "147"),
        _numeric("b", "How many delegates joined the training in Hangzhou?", "147"),
        qid="near",
    )
    assert "nearly the same" in _warnings([near], "twin")[0].problem.message
    apart = _quiz(
        tmp_path,
        _numeric("a", "How many delegates attended the training?", "147"),
        _numeric("b", "How many days did the training last?", "2"),
        qid="apart",
    )
    assert _warnings([apart], "twin") == []


def test_the_same_fact_twice_in_a_row(tmp_path: Path) -> None:
    modules = load_modules([bundled_content_dir()]).modules
    src = 'source = "alibaba-2019#delegates"'
    twice = _quiz(
        tmp_path,
        _numeric("a", "Delegates?", "147", src),
        _numeric("b", "And how many people came from Indonesia?", "147", src),
        qid="twice",
    )
    (warning,) = _warnings([twice], "same-fact", modules)
    assert "delegates/delegate-count" in warning.problem.message
    apart = _quiz(
        tmp_path,
        _numeric("a", "Delegates?", "147", src),
        _numeric("b", "Days?", "2", 'source = "alibaba-2019#schedule"'),
        qid="apart",
    )
    assert _warnings([apart], "same-fact", modules) == []


# -- distractors -----------------------------------------------------------------------------


def test_a_distractor_that_is_also_true(tmp_path: Path) -> None:
    bad = _single(
        "c",
        "In how many countries?",
        "more than 200 countries",
        "more than 190 countries",
        "about 50 countries",
    )
    good = _single(
        "c",
        "In how many countries?",
        "more than 200 countries",
        "exactly 200 countries",
        "about 50 countries",
    )
    (warning,) = _warnings([_quiz(tmp_path, bad, qid="a")], "also-true")
    assert warning.problem.field == "choices[2].text"
    assert _warnings([_quiz(tmp_path, good, qid="b")], "also-true") == []


def test_a_false_statement_the_source_only_does_not_state(tmp_path: Path) -> None:
    bad = (
        'id = "t"\ntype = "true_false"\nprompt = "Lazada sent delegates."\nanswer = false\n'
        'feedback_true = "The report does not name Lazada among them."'
    )
    framed = bad.replace(
        "Lazada sent delegates.", "The report names Lazada among the delegates' platforms."
    )
    (warning,) = _warnings([_quiz(tmp_path, bad, qid="a")], "not-stated")
    assert warning.problem.field == "answer"
    assert _warnings([_quiz(tmp_path, framed, qid="b")], "not-stated") == []


def test_implausible_distractors(tmp_path: Path) -> None:
    absurd = _single(
        "n",
        "How many customers?",
        "550 million customers",
        "550 billion customers",
        "540 million customers",
    )
    far = _single("n", "How much?", "Rp14,7 triliun", "Rp147 triliun", "Rp14,7 juta")
    fine = _single("n", "How much?", "Rp14,7 triliun", "Rp147 triliun", "Rp14,7 miliar")
    assert (
        "customers"
        in _warnings([_quiz(tmp_path, absurd, qid="a")], "implausible")[0].problem.message
    )
    assert (
        "far outside"
        in _warnings([_quiz(tmp_path, far, qid="b")], "implausible")[0].problem.message
    )
    assert _warnings([_quiz(tmp_path, fine, qid="c")], "implausible") == []


# -- test-wise cues ------------------------------------------------------------------------


def test_the_right_choice_markedly_the_longest(tmp_path: Path) -> None:
    bad = _single(
        "w",
        "What beat the rivals?",
        "The profit from the value of its online sales",
        "Staff",
        "Shops",
    )
    good = _single(
        "w",
        "What beat the rivals?",
        "The profit from its online sales",
        "The number of its staff",
        "The size of its shops",
    )
    assert len(_warnings([_quiz(tmp_path, bad, qid="a")], "longest")) == 1
    assert _warnings([_quiz(tmp_path, good, qid="b")], "longest") == []


def test_the_right_choice_the_only_one_of_its_form(tmp_path: Path) -> None:
    bad = _single("f", "Who?", "MSMEs", "state firms", "big banks", "ministries")
    good = _single("f", "Who?", "MSMEs", "State firms", "Big banks", "Ministries")
    assert len(_warnings([_quiz(tmp_path, bad, qid="a")], "odd-form")) == 1
    assert _warnings([_quiz(tmp_path, good, qid="b")], "odd-form") == []


def test_all_of_the_above(tmp_path: Path) -> None:
    bad = _single("a", "Which is true?", "All of the above", "It is big", "It is old")
    good = _single("a", "Which is true?", "It is big", "It is small", "It is old")
    assert len(_warnings([_quiz(tmp_path, bad, qid="a")], "all-of-the-above")) == 1
    assert _warnings([_quiz(tmp_path, good, qid="b")], "all-of-the-above") == []


def test_only_the_right_choice_repeats_the_prompt(tmp_path: Path) -> None:
    bad = _single(
        "r",
        "What did the display lessons teach about promoting products?",
        "Promoting products with clear displays",
        "Warehouses",
        "Teams",
    )
    good = _single(
        "r",
        "What did the display lessons teach about promoting products?",
        "Clear designs for new goods",
        "Warehouses",
        "Teams",
    )
    assert len(_warnings([_quiz(tmp_path, bad, qid="a")], "repeats-prompt")) == 1
    assert _warnings([_quiz(tmp_path, good, qid="b")], "repeats-prompt") == []


def test_wrong_choices_without_feedback(tmp_path: Path) -> None:
    bad = (
        'id = "f"\ntype = "single"\nprompt = "Which city?"\nchoices = [\n'
        '{ text = "Hangzhou", correct = true }, { text = "Beijing" },\n'
        '{ text = "Jakarta", feedback = "In Indonesia." }]'
    )
    (warning,) = _warnings([_quiz(tmp_path, bad, qid="a")], "no-feedback")
    assert warning.problem.field == "choices[2]" and "choice 2" in warning.problem.message
    tf = (
        'id = "t"\ntype = "true_false"\nprompt = "It lasted a week."\nanswer = false\n'
        'feedback_false = "Right."'
    )
    assert (
        _warnings([_quiz(tmp_path, tf, qid="b")], "no-feedback")[0].problem.field == "feedback_true"
    )
    good = _single("g", "Which city?", "Hangzhou", "Beijing", "Jakarta")
    assert _warnings([_quiz(tmp_path, good, qid="c")], "no-feedback") == []


# -- coverage ---------------------------------------------------------------------------------


def test_coverage_flags_facts_no_question_asks_and_facts_asked_too_often(tmp_path: Path) -> None:
    loaded = load_modules([bundled_content_dir()])
    src = 'source = "alibaba-2019#delegates"'
    path = _quiz(
        tmp_path, *(_numeric(f"n{i}", f"Delegates, take {i}?", "147", src) for i in range(3))
    )
    catalog = load_catalog([path])
    report = lint(catalog, loaded.modules, checks=["coverage"], module_paths=loaded.paths)
    messages = [w.problem.message for w in report.warnings]
    assert any("3 of 3 questions (100%) ask delegates/delegate-count" in m for m in messages)
    assert any("no question asks venue/city" in m for m in messages)
    assert report.facts["alibaba-2019"]["delegates/delegate-count"] == 3
    assert all(
        w.problem.file.endswith("alibaba-2019.toml") and w.problem.line for w in report.warnings
    )


# -- justified in the file, the command, validate ---------------------------------------------


def test_a_comment_in_the_question_justifies_a_finding(tmp_path: Path) -> None:
    question = _single("a", "Which is true?", "All of the above", "It is big", "It is old")
    flagged = _quiz(tmp_path, question, qid="a")
    assert len(_warnings([flagged], "all-of-the-above")) == 1
    allowed = _quiz(
        tmp_path, "# lint: allow all-of-the-above: a joke question\n" + question, qid="b"
    )
    assert _warnings([allowed], "all-of-the-above") == []


def test_every_check_is_documented_with_a_bad_and_a_good_example() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    for name in CHECKS:
        start = docs.index(f"### `{name}`")
        section = docs[start : docs.find("\n### ", start + 1)]
        assert "Bad:" in section and "Good:" in section, name


def test_the_bundled_banks_lint_clean() -> None:
    loaded = load_modules([bundled_content_dir()])
    catalog = load_catalog([bundled_quizzes_dir()])
    assert catalog.ok
    report = lint(catalog, loaded.modules, module_paths=loaded.paths)
    assert [str(w) for w in report.warnings] == []
    questions = [q for quiz in catalog.quizzes.values() for q in quiz.questions]
    beyond = [q for q in questions if q.level in ("understand", "apply", "analyse")]
    assert all(q.level for q in questions)
    assert 3 * len(beyond) >= len(questions)
    assert all(c.wrong_with_feedback == c.wrong_choices for c in report.quizzes)


def test_lint_command_exit_status_and_json(tmp_path: Path, capsys) -> None:
    path = _quiz(
        tmp_path, _single("a", "Which is true?", "All of the above", "It is big", "It is old")
    )
    assert main(["lint", str(path), "--check", "all-of-the-above"]) == 0
    assert "[all-of-the-above]" in capsys.readouterr().out
    assert main(["lint", str(path), "--check", "all-of-the-above", "--strict"]) == 1
    capsys.readouterr()
    assert main(["lint", str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    found = {w["check"] for w in out["warnings"]}
    assert "all-of-the-above" in found and out["quizzes"][0]["questions"] == 1
    clean = _quiz(
        tmp_path, _single("a", "Which city?", "Hangzhou", "Beijing", "Jakarta"), qid="clean"
    )
    assert main(["lint", str(clean), "--strict", "--check", "all-of-the-above"]) == 0


def test_validate_runs_the_cheap_checks_as_warnings(tmp_path: Path, capsys) -> None:
    path = _quiz(
        tmp_path, _single("a", "Which is true?", "All of the above", "It is big", "It is old")
    )
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:" in out and "warning:" in out and "[all-of-the-above]" in out
    assert "all valid, 1 warning" in out


def test_the_fast_placer_agrees_with_the_full_scanner_on_the_bundled_banks() -> None:
    from quizapp.authoring.lint import _MARK, _light_keys
    from quizapp.loading.locate import locate_keys

    for path in sorted(bundled_quizzes_dir().glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        for block in text.split(_MARK)[1:]:
            block = _MARK[1:] + block
            full = locate_keys(block)
            for key, position in _light_keys(block).items():
                assert full.get(key) == position, (path.name, key)


def test_the_command_help_states_the_checks_default_share(capsys) -> None:
    # The parser is built without importing the checks, so the default is written twice.
    from quizapp.authoring.lint import DEFAULT_MAX_SHARE

    with pytest.raises(SystemExit):
        main(["lint", "--help"])
    assert f"default: {DEFAULT_MAX_SHARE:g}" in " ".join(capsys.readouterr().out.split())


# -- the fast paths find what the slow ones did ------------------------------------------


def test_a_leak_after_a_text_whose_lower_case_is_longer_is_still_placed(tmp_path: Path) -> None:
    # "İ" lowers to two characters: the bank cannot be lowered at once, text by text instead.
    path = _quiz(
        tmp_path,
        _short("city", "İstanbul or which city hosted it?", "Hangzhou"),
        _single("when", "When did the Hangzhou training start?", "Monday", "Friday", "Sunday"),
    )
    (warning,) = _warnings([path], "leak")
    assert (warning.problem.question_id, warning.problem.field) == ("when", "prompt")
    assert 'question 1 ("city")' in warning.problem.message


def test_a_right_choice_seen_in_its_own_question_only_is_no_leak_but_a_typed_one_is(
    tmp_path: Path,
) -> None:
    own = _single("s", "Which city? Hangzhou or Beijing", "Hangzhou", "Beijing", "Shanghai")
    typed = _short("t", "Hangzhou was the city; which city?", "Hangzhou")
    assert _warnings([_quiz(tmp_path, own, qid="a")], "leak") == []
    # The other question's right choice and this typed answer share a pattern.
    both = _quiz(tmp_path, own, typed, qid="b")
    assert {w.problem.question_id for w in _warnings([both], "leak")} == {"s", "t"}


def test_an_ordering_without_digits_and_one_with_a_date_in_a_translation(tmp_path: Path) -> None:
    dated = (
        'id = "o"\ntype = "ordering"\nprompt = "Order them"\n'
        'items = [{ en = "Founded", id = "Didirikan (1999)" }, "Listed", "Bought"]'
    )
    plain = 'id = "o"\ntype = "ordering"\nprompt = "Order them"\nitems = ["A", "B", "C"]'
    extra = 'languages = ["en", "id"]'
    (warning,) = _warnings([_quiz(tmp_path, dated, qid="a", extra=extra)], "leak")
    assert warning.problem.field == "items[1]"
    assert _warnings([_quiz(tmp_path, plain, qid="b")], "leak") == []


def test_all_of_the_above_in_a_later_choice_and_a_superscript_digit_as_a_form(
    tmp_path: Path,
) -> None:
    above = _single("a", "Which is true?", "It is big", "It is old", "None of the above")
    (warning,) = _warnings([_quiz(tmp_path, above, qid="a")], "all-of-the-above")
    assert warning.problem.field == "choices[3].text"
    # "m²" has a digit by str.isdigit though not by \d: the right choice is not odd.
    squared = _single("f", "Which unit?", "m²", "km²", "cm²", "mm²")
    assert _warnings([_quiz(tmp_path, squared, qid="f")], "odd-form") == []
    odd = _single("f", "Which unit?", "m²", "metre", "kilometre", "mile")
    assert len(_warnings([_quiz(tmp_path, odd, qid="g")], "odd-form")) == 1


def test_the_choice_gates_keep_every_question_their_checks_flag(tmp_path: Path) -> None:
    # The choice checks run only on the questions their gates pass (one search over an
    # ASCII quiz's choices): every question a check flags when run on all must pass.
    import random

    from quizapp.authoring import lint as linting

    rng = random.Random(4)
    phrases = (
        "alpha beta gamma Hangzhou more than over at least under less than lebih dari "
        "people orang negara countries all of the above semua jawaban di atas benar none "
        "ribu juta million 2 14 550 1000 14.7 1,5 9000000000 300"
    )
    words = phrases.split(" ")

    def text() -> str:
        s = " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
        s = s.capitalize() if rng.random() < 0.3 else s
        return s + "." if rng.random() < 0.3 else s

    questions = []
    for i in range(300):
        kind = rng.choice(["single", "multiple"])
        texts = list(dict.fromkeys(text() for _ in range(rng.randint(2, 5))))
        if len(texts) < 2:
            texts.append(f"other {i}")
        # Every fifth question or so is made to trip one check for sure.
        if i % 10 == 1:  # only the right choice capitalised, with a full stop
            texts = [f"Right {i}."] + [f"wrong {i} {j}" for j in range(3)]
        elif i % 10 == 3:  # a wrong bound that holds when the right one does
            texts = [f"more than {100 + i}", f"more than {50 + i}", f"less than {i}"]
        elif i % 10 == 5:
            texts.append("None of the above")
        elif i % 10 == 7:
            texts = [f"{i} people", f"{i + 1} people", "9000000000 people"]
        elif i % 10 == 9:
            texts[0] += " with a great deal of added detail"
        right = 2 if kind == "multiple" else 1
        rows = [
            f'  {{ text = "{t}", correct = {"true" if j < right else "false"} }},'
            for j, t in enumerate(texts)
        ]
        questions.append(
            f'id = "q{i}"\ntype = "{kind}"\nprompt = "{text()} {i}?"\nchoices = [\n'
            + "\n".join(rows)
            + "\n]"
        )
    catalog = load_catalog([_quiz(tmp_path, *questions)])
    assert catalog.ok, [str(p) for p in catalog.problems][:3]
    asked = next(iter(catalog.quizzes.values())).questions
    single = [i for i, q in enumerate(asked) if q.type == "single"]
    multiple = [i for i, q in enumerate(asked) if q.type == "multiple"]
    gates = linting._choice_gates(asked, single, multiple)
    assert gates is not None
    flagged = 0
    for name in ("implausible", "also-true", "all-of-the-above", "odd-form", "longest"):
        check, types = linting._PER_QUESTION[name]
        for i in single + (multiple if "multiple" in types else []):
            if check(asked[i]):
                flagged += 1
                assert i in gates[name], (name, asked[i].id)
    assert flagged > 30  # the bank trips every gated check, not just a few


# -- in the reader's language ----------------------------------------------------------------

EVERY_CHECK = Path(__file__).parents[1] / "data" / "lint"
"""Quizzes that trip every check (and each wording of a finding: a pool, a silent true/false
answer, one silent choice, more than ten silent questions)."""


def test_lint_speaks_indonesian_with_lang_or_the_environment(
    capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["lint", "--lang", "id", str(EVERY_CHECK)]) == 0
    by_flag = capsys.readouterr().out
    # Every check's finding, in Indonesian, with the check's name as it is everywhere.
    for check in CHECKS:
        assert f"[{check}]" in by_flag, check
    assert 'peringatan: soal 5 ("park"), isian hint: petunjuknya menyebutkan jawaban' in by_flag
    assert "3 dari 3 soal (100%) menanyakan delegates/delegate-count, lebih dari 15%" in by_flag
    assert 'soal 1 ("ceo") di kuis "pool-a" bila diundi bersama dalam "pool-exam"' in by_flag
    assert "gives away" not in by_flag and "no question asks" not in by_flag
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert main(["lint", str(EVERY_CHECK)]) == 0
    assert capsys.readouterr().out == by_flag
    assert main(["lint", "--list"]) == 0
    assert "leak               jawaban sebuah soal muncul di soal lain" in capsys.readouterr().out


def test_lint_json_keeps_the_checks_name_and_says_the_message_in_the_language(capsys) -> None:
    assert main(["lint", "--lang", "id", "--format", "json", str(EVERY_CHECK / "silent.toml")]) == 0
    (warning,) = json.loads(capsys.readouterr().out)["warnings"]
    assert warning["check"] == "no-feedback"
    assert warning["message"] == (
        "jawaban yang salah di sini tidak menjelaskan mengapa salah; begitu juga soal 2 "
        "(2 dari 2); tambahkan umpan balik yang menyebut setiap kesalahannya"
    )
    assert warning["text"].endswith(warning["message"] + " [no-feedback]")
    # English, as before, without a language asked for (the tests' LANG=C.UTF-8).
    assert main(["lint", "--format", "json", str(EVERY_CHECK / "silent.toml")]) == 0
    (warning,) = json.loads(capsys.readouterr().out)["warnings"]
    assert warning["message"].startswith("the wrong answer here says nothing about why; so does")


def test_validate_says_lints_warnings_in_indonesian(capsys) -> None:
    path = EVERY_CHECK / "one-silent.toml"
    every = EVERY_CHECK / "every-check.toml"
    assert main(["validate", "--lang", "id", "-v", str(path), str(every)]) == 0
    out = capsys.readouterr().out
    assert (
        'peringatan: soal 18 ("a"), isian choices[1].text: "semua di atas" membocorkan '
        "petunjuk, dan urutan pilihan diacak; jadikan saja soal dengan beberapa jawaban "
        "benar [all-of-the-above]"
    ) in out
    assert "all of the above" not in out


def test_a_quiz_made_of_includes_says_so_in_the_coverage_lines(capsys) -> None:
    """Not "pool-exam: 0 questions (); levels: ;": its questions are other quizzes'."""
    assert main(["lint", str(EVERY_CHECK)]) == 0
    out = capsys.readouterr().out
    assert "pool-exam: no questions of its own (it draws them from other quizzes)" in out
    assert "()" not in out and "levels: ;" not in out
    assert main(["lint", "--lang", "id", str(EVERY_CHECK)]) == 0
    assert "pool-exam: tidak punya soal sendiri" in capsys.readouterr().out


def test_a_module_no_linted_quiz_cites_gets_no_coverage_line(capsys) -> None:
    """Linting a quiz of one's own: the bundled module (loaded in case the quiz cites it)
    is not reported as "0 of 36 facts asked"; named, or cited, it is."""
    assert main(["lint", str(EVERY_CHECK / "silent.toml")]) == 0
    assert "facts asked" not in capsys.readouterr().out
    content = Path(__file__).parents[2] / "content"
    assert main(["lint", str(EVERY_CHECK / "silent.toml"), str(content)]) == 0
    assert "alibaba-2019: 0 of 36 facts asked" in capsys.readouterr().out
    assert main(["lint", str(Path(__file__).parents[2] / "quizzes")]) == 0
    assert "alibaba-2019: 36 of 36 facts asked" in capsys.readouterr().out


def test_coverage_counts_types_and_levels_with_unset_last(tmp_path: Path) -> None:
    """Levels in their order, a question without one as "unset", none listed at zero."""
    path = _quiz(
        tmp_path,
        _short("a", "Who founded the firm?", "Jack Ma", extra='level = "apply"'),
        _short("b", "Which city hosts it?", "Hangzhou"),
        _numeric("c", "How many staff were there?", "250", extra='level = "remember"'),
        _short("d", "Which exchange lists it?", "NYSE", extra='level = "apply"'),
    )
    (quiz,) = lint(load_catalog([path]), None, checks=[]).quizzes
    assert quiz.types == {"short_answer": 3, "numeric": 1}
    assert list(quiz.levels.items()) == [("remember", 1), ("apply", 2), ("unset", 1)]


def test_twins_are_the_same_whether_the_leak_check_runs_or_not(tmp_path: Path) -> None:
    """With the leak check the twin check reads the prompts it cut from its search
    (lower case, punctuation as space): the same twins as read on their own."""
    path = _quiz(
        tmp_path,
        _short("a", "Who FOUNDED the firm, in Hangzhou?", "Jack Ma"),
        _short("b", "who founded the firm in hangzhou", "Jack Ma Yun"),
        _short("c", "Who founded the big firm in Hangzhou?", "Ma Yun"),
        _short("d", "Ἰησοῦς ΟΔΟΣ: which road is it?", "Silk road"),
        _short("e", "ἰησοῦς οδος which road is it", "Silk"),
    )
    catalog = load_catalog([path])
    alone = [w for w in lint(catalog, None, checks=["twin"]).warnings]
    both = [w for w in lint(catalog, None, checks=["twin", "leak"]).warnings if w.check == "twin"]
    assert [w.problem.question_id for w in alone] == ["b", "c", "e"]
    assert both == alone
