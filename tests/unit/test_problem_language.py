"""A loader's problem keeps its catalog key and fields, so it is said in its reader's
language when shown (`Problem.text`, `Problem.render`), while its English stays what
`str()` and the JSON of `quizapp validate` read."""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

from quizapp.loading import load_quiz_text
from quizapp.loading.cache import CatalogCache, _Unpickler
from quizapp.loading.content import load_module
from quizapp.loading.problems import Problem, Sentence, sentence

BAD = textwrap.dedent(
    """\
    [quiz]
    id = "q"
    title = { id = "Kuis", en = "Quiz" }
    languages = ["id", "en"]
    pass_mark = 70

    [[questions]]
    id = "a"
    type = "single"
    prompt = { id = "Ibu kota?", en = "Capital?" }
    choices = [
      { text = { id = "Jakarta", en = "Jakarta" }, correct = true },
      { text = { id = "Bandung", en = "Bandung" }, correct = true },
    ]

    [[questions]]
    id = "b"
    type = "single"
    promt = { id = "x", en = "x" }
    choices = [{ text = { id = "y", en = "y" }, correct = true }]
    """
)


def _problems() -> dict[str, Problem]:
    result = load_quiz_text(BAD, "bad.toml")
    return {p.message.key: p for p in result.problems if isinstance(p.message, Sentence)}


def test_a_problem_is_said_in_the_readers_language_and_stays_english_as_text() -> None:
    problems = _problems()
    assert set(problems) >= {"single_needs_one", "must_be_less_than_equal", "unknown_field_meant"}
    two = problems["single_needs_one"]
    assert two.message == "a single-answer question needs exactly one correct choice, found 2"
    assert two.text("en") == two.message
    assert two.text("id") == "soal satu jawaban memerlukan tepat satu pilihan benar, ditemukan 2"
    assert str(two).endswith('question 1 ("a"), field choices: ' + two.message)
    assert two.render("id").endswith('soal 1 ("a"), isian choices: ' + two.text("id"))
    # A hint nested in a sentence is said in the same language.
    mark = problems["must_be_less_than_equal"]
    assert mark.message == "must be at most 1, got 70; write a fraction: 0.7 for 70%"
    assert mark.text("id") == "harus paling banyak 1, tertulis 70; tulis pecahan: 0.7 untuk 70%"
    typo = problems["unknown_field_meant"].text("id")
    assert typo == 'isian "promt" tidak dikenal; maksud Anda "prompt"?'


def test_a_language_without_the_message_falls_back_to_english() -> None:
    problem = Problem("f.toml", sentence("no_such_file"))
    assert problem.text("zz") == "no such file"
    assert Problem("f.toml", "a validator's own words").text("id") == "a validator's own words"


def test_a_warning_and_a_list_of_languages_are_said_in_indonesian() -> None:
    text = BAD.replace('prompt = { id = "Ibu kota?", en = "Capital?" }', 'prompt = "TODO: x"')
    text = text.replace('{ id = "Bandung", en = "Bandung" }', '{ xy = "Bandung" }')
    said = {p.text("id") for p in load_quiz_text(text, "bad.toml").problems}
    assert "ini masih teks pengganti dari templat; tulis soalnya" in said
    assert 'terjemahan "id" dan "en" tidak ada' in said
    english = {p.message for p in load_quiz_text(text, "bad.toml").problems}
    assert 'the "id" and "en" translations are missing' in english


def test_a_module_problem_names_its_point_in_indonesian() -> None:
    broken = Path(__file__).parent.parent / "data" / "content" / "broken-module.toml"
    said = [p.text("id") for p in load_module(broken).problems]
    assert 'di poin "first": "dat" bukan jenis fakta; pakai salah satu dari ' in said[1]


def test_a_cached_problem_keeps_its_key(tmp_path: Path) -> None:
    problem = _problems()["single_needs_one"]
    data = pickle.dumps(problem)
    back = _Unpickler(io.BytesIO(data)).load()
    assert back == problem and back.text("id") == problem.text("id")

    bank = tmp_path / "bad.toml"
    bank.write_text(BAD, encoding="utf-8")
    first = CatalogCache(tmp_path / "cache")
    first.quiz(bank)
    first.save()
    again = CatalogCache(tmp_path / "cache")
    result = again.quiz(bank)
    assert not again.loaded
    assert {p.text("id") for p in result.problems} == {p.text("id") for p in _problems().values()}


def test_the_loader_reads_no_catalog_for_a_valid_file() -> None:
    """Messages are made only for problems: importing the loader and loading a valid
    file import no gettext machinery and read no catalog. (`quizapp.i18n` itself may be
    imported: the layers below take `Message` from it, a key and fields, nothing read.)"""
    code = textwrap.dedent(
        """\
        import sys
        import quizapp.loading
        from quizapp.loading import load_quiz
        from quizapp.locations import bundled_quizzes_dir
        assert load_quiz(bundled_quizzes_dir() / "tour.toml").ok
        found = sorted(m for m in ("gettext", "babel") if m in sys.modules)
        i18n = sys.modules.get("quizapp.i18n")
        if i18n is not None and i18n.catalog.cache_info().currsize:
            found.append("a catalog read")
        print(found)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
