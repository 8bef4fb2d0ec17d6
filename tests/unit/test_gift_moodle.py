"""GIFT as Moodle reads it (issue 12), and GIFT import's limits (issue 13).

Moodle's rules are written here from its source, not from our code:
- `question/format/gift/format.php`: a weight is read only when it matches
  `/^%\\-*([0-9]{1,2})\\.?([0-9]*)%/`; numeric and short answers give the credit of the
  first answer that matches.
- `question/format.php` + `lib/questionlib.php` `match_grade_options(..., 'error')`: every
  fraction must be within 0.00001 of one of `question_bank::fraction_options_full()`,
  or the whole import stops.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from quizapp.authoring.convert import gift_to_toml, toml_to_gift
from quizapp.authoring.gift import GiftError, read_gift
from quizapp.cli import main
from quizapp.loading import load_quiz_text

MOODLE_RAW = [0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
              0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05]  # fmt: skip
MOODLE_FULL = [0.0, 1.0, *MOODLE_RAW, *(-f for f in MOODLE_RAW), -1.0]
MOODLE_WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")


def moodle_accepts(fraction: float) -> bool:
    return any(abs(fraction - g) < 0.00001 for g in MOODLE_FULL)


def moodle_fractions(gift: str) -> list[float]:
    """Every answer fraction Moodle's importer would read from the answer blocks."""
    fractions = []
    for block in re.findall(r"\{([^{}]*)\}", gift):
        for piece in re.split(r"(?<!\\)[=~]", block.lstrip("#"))[1:]:
            piece = piece.strip()
            if MOODLE_WEIGHT.match(piece):
                fractions.append(float(piece[1 : piece.index("%", 1)]) / 100)
    return fractions


def quiz_text(questions: str, title: str = "Weights") -> str:
    return f'[quiz]\nid = "w"\ntitle = "{title}"\n\n{questions}'


ODD_WEIGHTS = quiz_text("""
[[questions]]
id = "single-37"
type = "single"
prompt = "Pick"
choices = [{ text = "a", correct = true }, { text = "b", weight = 0.37 }, { text = "c" }]

[[questions]]
id = "eleven"
type = "multiple"
prompt = "All of them"
choices = [
  { text = "1", correct = true }, { text = "2", correct = true }, { text = "3", correct = true },
  { text = "4", correct = true }, { text = "5", correct = true }, { text = "6", correct = true },
  { text = "7", correct = true }, { text = "8", correct = true }, { text = "9", correct = true },
  { text = "10", correct = true }, { text = "11", correct = true }, { text = "none" },
]

[[questions]]
id = "short-45"
type = "short_answer"
prompt = "Say it"
answers = [{ text = "nearly", weight = 0.45 }, "exactly"]

[[questions]]
id = "numeric-first-match"
type = "numeric"
prompt = "When was Grant born?"
answers = [{ value = 1822, tolerance = 2, weight = 0.5 }, { value = 1822 }]

[[questions]]
id = "plain"
type = "true_false"
prompt = "The sky is green."
answer = false
""")


def test_every_exported_weight_is_one_moodle_accepts_and_each_change_is_said() -> None:
    out = toml_to_gift(ODD_WEIGHTS)
    fractions = moodle_fractions(out.text)
    assert fractions and all(moodle_accepts(f) for f in fractions), fractions
    notes = "\n".join(out.notes)
    assert 'question "single-37": choice 2 is worth 37%' in notes and "written as 40%" in notes
    assert 'question "eleven": choice 1 is worth 9.091%' in notes and "written as 10%" in notes
    assert 'question "short-45": the answer "nearly" is worth 45%' in notes
    assert "written as 40%" in notes or "written as 50%" in notes
    assert 'question "plain"' not in notes and 'question "numeric-first-match"' not in notes


def test_random_weights_always_export_to_moodle_grades() -> None:
    rng = random.Random(13)
    for _ in range(200):
        w = round(rng.uniform(0.01, 0.99), rng.choice([2, 3, 6]))
        text = quiz_text(f"""
[[questions]]
id = "q"
type = "short_answer"
prompt = "P"
answers = ["right", {{ text = "close", weight = {w} }}]
""")
        out = toml_to_gift(text)
        assert all(moodle_accepts(f) for f in moodle_fractions(out.text)), (w, out.text)
        assert bool(out.notes) == (not moodle_accepts(w))


def test_answers_go_best_first_so_moodle_first_match_agrees() -> None:
    gift = toml_to_gift(ODD_WEIGHTS).text
    block = gift[gift.index("Grant") :]
    assert block.index("=%100%1822") < block.index("=%50%1822:2")
    short = gift[gift.index("Say it") :]
    assert short.index("=%100%exactly") < short.index("nearly")


def test_a_negative_weight_on_a_single_choice_question() -> None:
    text = quiz_text("""
[[questions]]
id = "neg"
type = "single"
prompt = "Pick"
choices = [{ text = "a", correct = true }, { text = "b", weight = -0.5 }, { text = "c" }]
""")
    out = toml_to_gift(text)
    # quizapp gives 0 for b (a single-choice question never scores below 0): Moodle must too.
    assert "~b" in out.text and "%-50%" not in out.text
    assert "never scores below 0" in "\n".join(out.notes)
    back = gift_to_toml("::S::Pick{=a ~%-50%b ~c}", quiz_id="s")
    assert "takes off 50% in Moodle" in "\n".join(back.notes)
    quiz = load_quiz_text(back.text).quiz
    assert quiz is not None and quiz.questions[0].choices[1].weight is None  # type: ignore[union-attr]


def test_a_quiz_of_includes_only_is_a_located_error_not_an_empty_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "only.toml"
    src.write_text(
        '[quiz]\nid = "only"\ntitle = "Only"\ninclude = [{ quiz = "tour" }]\n', encoding="utf-8"
    )
    dest = tmp_path / "only.gift"
    assert main(["convert", str(src), str(dest)]) == 1
    err = capsys.readouterr().err
    assert f"{src}: line 4: nothing to write" in err and "tour" in err
    assert not dest.exists()


def test_first_match_and_unreadable_weights_on_import_are_warned() -> None:
    notes = "\n".join(gift_to_toml("::Q7::Born?{#=%50%1822:2 =1822:0}", quiz_id="g").notes)
    assert "Moodle grades by the first value that matches" in notes
    assert "gets 50% in Moodle, 100% in quizapp" in notes
    # Best first: Moodle and quizapp agree, nothing to say.
    assert not gift_to_toml("::Q7::Born?{#=1822:0 =%50%1822:2}", quiz_id="g").notes
    notes = "\n".join(gift_to_toml("::C::Capital?{=%50%*is =Paris}", quiz_id="c").notes)
    assert 'Moodle grades by the first answer that matches: "Paris"' in notes
    assert not gift_to_toml("::C::Capital?{=Paris =%50%*is}", quiz_id="c").notes
    notes = "\n".join(gift_to_toml("::W::Say{=%100.0%yes =no}", quiz_id="w").notes)
    assert 'Moodle does not read "%100.0%" as a weight' in notes
    notes = "\n".join(gift_to_toml("::W::Say{=yes =%37%almost}", quiz_id="w").notes)
    assert "Moodle refuses a whole import with the weight %37%" in notes


def test_the_title_written_as_a_comment_is_read_back(tmp_path: Path) -> None:
    gift = toml_to_gift(quiz_text(ODD_WEIGHTS.split("\n", 3)[3], title="Grant & the tomb")).text
    assert gift.startswith("// Grant & the tomb\n// quiz: w\n")
    assert read_gift(gift).title == "Grant & the tomb"
    back = load_quiz_text(gift_to_toml(gift, quiz_id="w2").text).quiz
    assert back is not None and back.quiz.title == "Grant & the tomb"
    given = load_quiz_text(gift_to_toml(gift, quiz_id="w2", title="Mine").text).quiz
    assert given is not None and given.quiz.title == "Mine"
    src, dest = tmp_path / "bank.gift", tmp_path / "bank.toml"
    src.write_text(gift, encoding="utf-8")
    assert main(["convert", str(src), str(dest)]) == 0
    assert 'title = "Grant & the tomb"' in dest.read_text(encoding="utf-8")


# -- import limits (issue 13) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("gift", "message"),
    [
        ("::N::Big?{#1e999}", 'the number "1e999" is too large'),
        ("::N::Wide?{#-1e308..1e308}", 'the range "-1e308..1e308" is too wide'),
        ("::N::Wide?{#1e308:1e308}", 'the range "1e308:1e308" is too wide'),
        ("::N::Digits?{#" + "1" * 5000 + "x}", "is not a number"),
        ("::N::Digits?{#" + "9" * 400 + "}", "is too large"),
    ],
)
def test_numbers_are_bounded_with_a_located_message(gift: str, message: str) -> None:
    with pytest.raises(GiftError) as err:
        gift_to_toml(gift, quiz_id="n")
    (error,) = err.value.errors
    assert error.startswith('line 1, question 1 ("N"): ') and message in error
    assert len(error) < 300  # a 5,000-digit number is not repeated whole


def test_the_size_limit_applies_to_what_convert_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    gift = "".join(f"::Q{i}::Question {i}?{{=yes ~no}}\n\n" for i in range(200))
    with pytest.raises(GiftError, match=r"would be 0\.0 MB.*at most 0 MB"):
        gift_to_toml(gift, quiz_id="big", max_bytes=10_000)
    monkeypatch.setattr("quizapp.authoring.convert.MAX_FILE_BYTES", 10_000)
    src, dest = tmp_path / "big.gift", tmp_path / "big.toml"
    src.write_text(gift, encoding="utf-8")
    assert main(["convert", str(src), str(dest)]) == 1
    assert "split the GIFT file" in capsys.readouterr().err
    assert not dest.exists()


def test_hostile_lines_are_read_in_linear_time() -> None:
    """Not a timing: the shapes that were quadratic (issue 13) at a size that would take
    minutes if they still were; the benchmark (benchmarks/gift.py) measures the ratio."""
    n = 400_000
    for source in (
        "// " + "[tag:" * (n // 5) + "\n::Q::A?{=a ~b}\n",
        "// " + "[id:" * (n // 4) + "\n::Q::A?{=a ~b}\n",
        "[html]::Q::" + "<pre>" * (n // 5) + "?{=a ~b}\n",
        "[html]::Q::" + "<" * n + "?{=a ~b}\n",
        "[html]::Q::" + "<script" * (n // 7) + "?{=a ~b}\n",
        "::Q::A?{#" + "1" * n + "x}\n",
        "::Same::A?{=a ~b}\n\n" * 20_000,
    ):
        read_gift(source)  # each took minutes before; the suite's timeout would catch it
