"""`quizapp take --plain`: whole attempts in every mode and both languages, from scripts."""

from __future__ import annotations

import io
import string
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.cli import main
from quizapp.engine import (
    Number,
    Slot,
    format_number,
    parse_number,
    right_answer,
    start_attempt,
    start_review,
)
from quizapp.engine.scoring import Grade, grade
from quizapp.loading import load_catalog
from quizapp.locations import bundled_quizzes_dir
from quizapp.plain import Invalid, read_response, run_plain

ROOT = Path(__file__).parent.parent.parent
DATA = ROOT / "tests" / "data" / "engine"
TOUR = ROOT / "quizzes" / "tour.toml"
CATALOG = load_catalog([DATA, TOUR])


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: Any) -> None:
    """Keep the developer's own quizzes and scores out of these tests."""
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(tmp_path / "data"))


def right_line(slot: Slot) -> str:
    """What a learner who knows the answer types, given what this attempt shows."""
    q = slot.question
    right = right_answer(q)
    kind = q.type
    if kind == "single":
        return str(slot.order.index(right) + 1)
    if kind == "multiple":
        return ",".join(str(slot.order.index(i) + 1) for i in right)
    if kind == "true_false":
        return "1" if right else "2"
    if kind == "short_answer":
        return str(right)
    if kind == "numeric":
        # As a learner writes it: Indonesian style, or English where that is unambiguous.
        text = format_number(right, "id")
        return text if isinstance(parse_number(text), Number) else format_number(right, "en")
    if kind == "ordering":
        return ",".join(str(slot.order.index(i) + 1) for i in right)
    letters = string.ascii_lowercase
    return ", ".join(f"{n}-{letters[slot.order.index(i)]}" for n, i in enumerate(right, 1))


def wrong_line(slot: Slot) -> str:
    q = slot.question
    kind = q.type
    if kind == "single":
        return str(next(d for d, i in enumerate(slot.order, 1) if not q.choices[i].correct))
    if kind == "true_false":
        return "2" if q.answer else "1"
    if kind == "numeric":
        return "148"
    return "zzzz"


def take(
    argv: list[str], lines: list[str], monkeypatch: Any, capsys: Any, data_dir: Path | None = None
) -> list[str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
    if data_dir is not None:
        argv = [*argv, "--data-dir", str(data_dir)]
    assert main(["take", *argv]) == 0
    return capsys.readouterr().out.splitlines()


def tour_slots(seed: int, mode: str = "practice") -> list[Slot]:
    return start_attempt(CATALOG, "tour", mode=mode, seed=seed).slots


@pytest.mark.parametrize(
    ("lang", "score", "verdicts"), [("en", "Score: ", "Right."), ("id", "Skor: ", "Benar.")]
)
def test_practice_with_a_retry_and_an_ambiguous_number(
    lang: str, score: str, verdicts: str, monkeypatch: Any, capsys: Any
) -> None:
    slots = tour_slots(1)
    lines: list[str] = []
    for slot in slots:
        if slot.key == "delegates":
            lines += ["1.500"]  # ambiguous: asked again, no penalty
        if slot.key == "city":
            lines += [wrong_line(slot)]  # then the retry, at most 2/3
        lines.append(right_line(slot))
    out = take(["tour", "--plain", "--seed", "1", "--lang", lang], lines, monkeypatch, capsys)
    two_thirds = "6.67" if lang == "en" else "6,67"
    assert out[-1] == f"{score}{two_thirds}/7 (95%)"
    text = "\n".join(out)
    assert (
        "could be read as 1.5 or as 1500" if lang == "en" else "dapat dibaca 1,5 atau 1500"
    ) in text
    assert text.count(verdicts) >= 6
    assert ("Passed (pass mark 60%)." if lang == "en" else "Lulus (batas lulus 60%).") in text
    assert ("Very well done!" if lang == "en" else "Bagus sekali!") in text


def test_practice_enter_declines_the_retry(monkeypatch: Any, capsys: Any) -> None:
    slots = tour_slots(4)
    lines = []
    for slot in slots:
        if slot.key == "two-days":
            lines += [wrong_line(slot), ""]
        else:
            lines.append(right_line(slot))
    out = take(["tour", "--plain", "--seed", "4", "--lang", "en"], lines, monkeypatch, capsys)
    assert out[-1] == "Score: 6/7 (86%)"
    assert any("Right answer: False" in line for line in out)


@pytest.mark.parametrize(
    ("lang", "nothing_chosen", "nothing_matched", "score"),
    [
        ("en", "Nothing is chosen yet: ", "Nothing is matched yet: ", "Score: 7/7 (100%)"),
        ("id", "Belum ada yang dipilih: ", "Belum ada yang dipasangkan: ", "Skor: 7/7 (100%)"),
    ],
)
def test_enter_alone_on_a_choice_or_matching_question_asks_for_an_answer(
    lang: str,
    nothing_chosen: str,
    nothing_matched: str,
    score: str,
    monkeypatch: Any,
    capsys: Any,
) -> None:
    """As in the app: an empty several-choice or matching answer is refused gently and
    costs nothing, so the right answer after it still earns full marks."""
    lines: list[str] = []
    for slot in tour_slots(1):
        if slot.key in ("platforms", "who-runs-what"):
            lines.append("")
        lines.append(right_line(slot))
    out = take(["tour", "--plain", "--seed", "1", "--lang", lang], lines, monkeypatch, capsys)
    assert out[-1] == score
    asked = [line.removeprefix("> ") for line in out if line.startswith("> ")]
    chosen = [line for line in asked if line.startswith(nothing_chosen)]
    matched = [line for line in asked if line.startswith(nothing_matched)]
    assert len(chosen) == 1 and len(matched) == 1
    # One sentence each, with what to type.
    assert chosen[0].count(". ") == 0 and chosen[0].endswith(".") and "," in chosen[0]
    assert matched[0].endswith("1-b, 2-a.")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_exam_skip_flag_back_jump_submit(lang: str, monkeypatch: Any, capsys: Any) -> None:
    slots = tour_slots(7, "exam")
    lines = [":skip", ":flag", ":skip"]  # leave 1, flag 2 (both unanswered, now on 3)
    lines += [right_line(s) for s in slots[2:]]  # answer 3..7, reaching the end
    lines += [":list", ":go 1", right_line(slots[0]), ":back", ":back", "", ":go 2"]
    lines += [wrong_line(slots[1]), ":back", right_line(slots[1]), ":submit"]  # the last wins
    out = take(
        ["tour", "--plain", "--seed", "7", "--mode", "exam", "--lang", lang],
        lines,
        monkeypatch,
        capsys,
    )
    assert out[-1] == ("Score: 7/7 (100%)" if lang == "en" else "Skor: 7/7 (100%)")
    text = "\n".join(out)
    assert "[flagged]" in text if lang == "en" else "[ditandai]" in text
    assert "Right." not in text and "Benar." not in text  # no feedback before the end


def test_exam_flag_stays_on_the_question_and_list_shows_where_you_are(
    monkeypatch: Any, capsys: Any
) -> None:
    slots = tour_slots(7, "exam")
    # Flag question 1, then answer: the answer is question 1's, not question 2's.
    lines = [":flag", right_line(slots[0]), ":list", ":submit"]
    out = take(
        ["tour", "--plain", "--seed", "7", "--mode", "exam", "--lang", "en"],
        lines,
        monkeypatch,
        capsys,
    )
    assert "Question 1 flagged." in "\n".join(out)
    listed = [line.removeprefix("> ") for line in out if "answered" in line and ". " in line]
    assert any(line.startswith("1. answered [flagged]") for line in listed), listed
    assert any(line.startswith("2. not answered <- you are here") for line in listed), listed
    assert out[-1] == "Score: 1/7 (14%)"


def test_exam_end_of_input_submits_what_was_answered(monkeypatch: Any, capsys: Any) -> None:
    slots = tour_slots(8, "exam")
    lines = [right_line(s) for s in slots[:3]]
    out = take(
        ["tour", "--plain", "--seed", "8", "--mode", "exam", "--lang", "en"],
        lines,
        monkeypatch,
        capsys,
    )
    assert "End of input: your answers so far are submitted." in out
    assert out[-1] == "Score: 3/7 (43%)"
    assert "Not passed (pass mark 60%)." in out


def _make_tour_due(learner: str) -> None:
    """The learner missed every tour question a day ago, in file order: all due now,
    the first question most overdue."""
    import os

    from quizapp.locations import data_dir, database_path
    from quizapp.store import Store

    day_ago = datetime.now(UTC) - timedelta(days=1)
    ticks = iter(range(1000))
    path = database_path(data_dir(os.environ["QUIZAPP_DATA_DIR"]))
    with Store(path, clock=lambda: day_ago + timedelta(seconds=next(ticks))) as store:
        who = store.learner(learner)
        version = store.quiz_version("tour", CATALOG.hashes["tour"], "Tour")
        keys = [q.id for q in CATALOG.quizzes["tour"].questions]
        attempt = store.start_attempt(who.id, version.id, "exam", 1, keys)
        for key in keys:
            store.record_answer(attempt.id, key, None, credit=0, points=0)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_review_mode_goes_through_every_due_question_once(
    lang: str, monkeypatch: Any, capsys: Any
) -> None:
    _make_tour_due("ayu")
    review = start_review(
        CATALOG, [("tour", q.id) for q in CATALOG.quizzes["tour"].questions], seed=5
    )
    lines = [right_line(s) for s in review.slots]
    lines[0] = "148"  # wrong, and review gives no second try
    out = take(
        ["tour", "--plain", "--seed", "5", "--mode", "review", "--lang", lang, "--learner", "ayu"],
        lines,
        monkeypatch,
        capsys,
    )
    assert out[-1] == ("Score: 6/7 (86%)" if lang == "en" else "Skor: 6/7 (86%)")
    text = "\n".join(out)
    assert "Try again" not in text and "Coba lagi" not in text
    assert "pass mark" not in text and "batas lulus" not in text


def test_a_quiz_file_with_includes_runs_from_its_path(monkeypatch: Any, capsys: Any) -> None:
    out = take(
        ["--plain", str(DATA / "final.toml"), "--seed", "3", "--mode", "exam"],
        [":submit"],
        monkeypatch,
        capsys,
    )
    assert out[0] == "Final"
    assert "Time limit: 10:00." in out
    assert out[-1] == "Score: 0/4 (0%)"


def test_quiz_text_is_printed_exactly_as_written(monkeypatch: Any, capsys: Any) -> None:
    out = take(
        ["--plain", str(DATA / "hostile.toml"), "--seed", "1"], ["1", "2", ""], monkeypatch, capsys
    )
    text = "\n".join(out)
    assert out[0] == "[b]Bold[/b] [link=http://x]title[/link]"
    assert "Which is [red]red[/red]? [/foo] $x {name}" in text
    assert "[b]this[/b]" in text and "{0} %s \\n" in text
    assert "[link=x]no link[/link]" in text


def test_time_up_submits_with_what_it_has() -> None:
    class Clock:
        now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

        def __call__(self) -> datetime:
            return self.now

    clock = Clock()
    attempt = start_attempt(CATALOG, "final", mode="exam", seed=2, clock=clock)
    script = [right_line(attempt.slots[0]), right_line(attempt.slots[1])]

    class SlowInput(io.StringIO):
        """Each line takes the learner six minutes to type."""

        def readline(self, *args: Any) -> str:  # type: ignore[override]
            clock.now += timedelta(minutes=6)
            return super().readline(*args)

    out = io.StringIO()
    result = run_plain(attempt, "en", SlowInput("\n".join(script) + "\n"), out)
    assert result.reason == "time_up"
    assert [q.tries for q in result.questions] == [1, 0, 0, 0]
    lines = out.getvalue().splitlines()
    assert "Time is up: your answers so far are submitted." in lines
    assert lines[-1] == f"Score: {result.points:g}/4 ({round(result.fraction * 100)}%)"
    assert result.points == result.questions[0].points


@pytest.mark.parametrize(
    ("question_id", "line", "expected"),
    [
        ("single", "5", "Please type a number from 1 to 4."),
        ("multiple", "1,,9", "Please type numbers from 1 to 4, separated by commas."),
        ("tf", "maybe", "Please type 1 (true) or 2 (false)."),
        ("order", "1,2,3", "Please type each number from 1 to 5 once, in your order."),
        (
            "match",
            "1-z",
            "Please type pairs like 1-b: a number from 1 to 3 and a letter from a to d.",
        ),
        ("short", "   ", "Please type an answer."),
    ],
)
def test_lines_that_are_not_answers_say_what_to_type(
    question_id: str, line: str, expected: str
) -> None:
    attempt = start_attempt(CATALOG, "kinds", seed=1)
    slot = next(s for s in attempt.slots if s.key == question_id)
    response = read_response(slot, line, "en")
    assert getattr(response, "message", None) == expected


def test_lines_map_shown_positions_to_file_order() -> None:
    attempt = start_attempt(CATALOG, "kinds", seed=1)
    by_key = {s.key: s for s in attempt.slots}
    multiple = by_key["multiple"]
    assert read_response(multiple, "2, 1", "en") == sorted(multiple.order[:2])
    assert read_response(multiple, "-", "en") == []
    match = by_key["match"]
    assert read_response(match, "1-b; 3 c", "en") == [match.order[1], None, match.order[2]]
    assert read_response(by_key["tf"], "benar", "id") is True
    assert read_response(by_key["tf"], "F", "en") is False


def test_unknown_quiz_is_a_one_line_error(capsys: Any) -> None:
    assert main(["take", "no-such-quiz", "--plain"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    # The bundled quizzes grow; the message names them all, on one line.
    assert len(err) == 1
    assert err[0].startswith('No quiz with the id "no-such-quiz"; the quizzes are: ')
    assert "tour" in err[0] and "final-exam" in err[0]


def test_a_mistyped_quiz_id_is_offered_the_close_one(capsys: Any) -> None:
    assert main(["take", "tuor", "--plain"]) == 2
    (err,) = capsys.readouterr().err.strip().splitlines()
    assert err.startswith('No quiz with the id "tuor"; did you mean "tour"? The quizzes are: ')
    assert main(["--lang", "id", "take", "final", "--plain"]) == 2
    (err,) = capsys.readouterr().err.strip().splitlines()
    assert 'maksud Anda "final-exam"?' in err


def test_runs_as_a_real_command() -> None:
    slots = tour_slots(12, "exam")
    script = "".join(right_line(s) + "\n" for s in slots)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizapp",
            "take",
            "tour",
            "--plain",
            "--seed",
            "12",
            "--mode",
            "exam",
            "--lang",
            "en",
        ],
        input=script,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "Score: 7/7 (100%)"
    assert done.stderr == ""


def test_a_users_own_quiz_is_found_by_id_in_the_data_dir(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (quizzes / "mine.toml").write_text(
        '[quiz]\nid = "mine"\ntitle = "Mine"\n\n'
        '[[questions]]\nid = "q"\ntype = "numeric"\nprompt = "How many?"\nanswer = 1500\n',
        encoding="utf-8",
    )
    out = take(
        ["mine", "--plain", "--data-dir", str(tmp_path), "--seed", "1"],
        ["1.500", "Rp1.500"],
        monkeypatch,
        capsys,
    )
    assert (
        '"1.500" could be read as 1.5 or as 1500; please type it again as one of those.'
        in "\n".join(out)
    )
    assert out[-1] == "Score: 1/1 (100%)"


def test_every_ui_string_speaks_both_languages() -> None:
    from quizapp import i18n

    keys = [k for k in i18n.catalog("en").messages if k.startswith(("plain.", "engine."))]
    assert keys
    for key in keys:
        assert key in i18n.catalog("id").messages, key


BUNDLED = load_catalog([bundled_quizzes_dir()])


@pytest.mark.parametrize("quiz_id", sorted(BUNDLED.quizzes))
@pytest.mark.parametrize(("mode", "lang"), [("exam", "en"), ("practice", "id")])
def test_every_bundled_quiz_can_be_aced(
    quiz_id: str, mode: str, lang: str, tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    slots = start_attempt(BUNDLED, quiz_id, mode=mode, seed=21).slots
    out = take(
        [quiz_id, "--plain", "--seed", "21", "--mode", mode, "--lang", lang],
        [right_line(s) for s in slots],
        monkeypatch,
        capsys,
        data_dir=tmp_path,
    )
    total = sum(s.question.points for s in slots)
    word = "Score" if lang == "en" else "Skor"
    assert out[-1] == f"{word}: {format_number(total, lang)}/{format_number(total, lang)} (100%)"


def test_right_numbers_are_written_in_the_readers_style_with_their_unit() -> None:
    from quizapp.loading import load_quiz_text
    from quizapp.plain import describe_right

    # As the content writes them: the unit after the figure, "Rp" before it, touching.
    quiz = load_quiz_text(
        '[quiz]\nid = "n"\ntitle = "N"\n'
        '[[questions]]\nid = "rmb"\ntype = "numeric"\nprompt = "p"\n'
        'answer = 158_273_000_000\nunit = "RMB"\n'
        '[[questions]]\nid = "rp"\ntype = "numeric"\nprompt = "p"\n'
        'answer = 14_700_000_000_000\nunit = "Rp"\n'
    ).quiz
    assert quiz is not None
    rmb, rp = quiz.question("rmb"), quiz.question("rp")
    assert describe_right(rmb, None, "id", "id") == "158,273 miliar RMB"
    assert describe_right(rmb, None, "en", "en") == "158.273 billion RMB"
    assert describe_right(rp, None, "id", "id") == "Rp14,7 triliun"
    assert describe_right(rp, None, "en", "en") == "Rp14.7 trillion"
    delegates = CATALOG.quizzes["tour"].question("delegates")
    assert describe_right(delegates, None, "id", "id") == "147 orang"
    investment = CATALOG.quizzes["kinds"].question("investment")
    assert describe_right(investment, None, "en", "en") == "14.7 trillion rupiah (within 1%)"


def test_a_relative_tolerance_is_a_cldr_percentage_in_the_readers_language() -> None:
    from quizapp.loading import load_quiz_text
    from quizapp.plain import describe_right

    quiz = load_quiz_text(
        '[quiz]\nid = "n"\ntitle = "N"\n'
        '[[questions]]\nid = "g"\ntype = "numeric"\nprompt = "p"\n'
        'answer = 9.81\ntolerance = "0.5%"\n'
    ).quiz
    assert quiz is not None
    g = quiz.question("g")
    assert describe_right(g, None, "id", "id").endswith("0,5%)")
    assert describe_right(g, None, "en", "en").endswith("0.5%)")


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 6), st.text(max_size=25) | st.from_regex(r"[0-9a-e ,;-]{0,12}", fullmatch=True)
)
def test_any_typed_line_is_an_answer_or_says_what_to_type(index: int, line: str) -> None:
    attempt = start_attempt(CATALOG, "tour", seed=index)
    slot = attempt.slots[index]
    response = read_response(slot, line, "en")
    if isinstance(response, Invalid):
        assert response.message.endswith(".")
    else:
        graded = grade(slot.question, response)
        # Only a number can still be unreadable (ambiguous or not a number).
        assert isinstance(graded, Grade) or slot.question.type == "numeric"


def test_a_data_dir_before_the_command_is_where_the_quiz_is_found(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (quizzes / "mine.toml").write_text(
        '[quiz]\nid = "mine"\ntitle = "Mine"\n\n'
        '[[questions]]\nid = "q"\ntype = "numeric"\nprompt = "How many?"\nanswer = 7\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("7\n"))
    argv = ["--data-dir", str(tmp_path), "take", "mine", "--plain"]
    argv += ["--learner", "Sari", "--new-learner"]
    assert main(argv) == 0
    assert "How many?" in capsys.readouterr().out
    assert (tmp_path / "scores.sqlite3").exists()
