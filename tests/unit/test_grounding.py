"""Every bundled question is grounded in the module: it cites an existing key point, its
numeric, date and name answers are facts of that point (rules in
`quizapp.loading.grounding`), and together the quizzes ask about every fact."""

from __future__ import annotations

from collections import Counter

import pytest

from quizapp.loading import load_catalog, load_quiz_text
from quizapp.loading.catalog import check_sources
from quizapp.loading.content import load_modules
from quizapp.loading.grounding import cited_point, facts_asked, reads_as_date, ungrounded
from quizapp.locations import bundled_content_dir, bundled_quizzes_dir
from quizapp.model.quiz import QUESTION_TYPES

FOCUSED = ("hangzhou-training", "alibaba-reach", "figures-tokopedia")


@pytest.fixture(scope="module")
def modules():
    loaded = load_modules([bundled_content_dir()])
    assert loaded.ok
    return loaded.modules


@pytest.fixture(scope="module")
def catalog():
    loaded = load_catalog([bundled_quizzes_dir()])
    assert loaded.ok, [str(p) for p in loaded.problems]
    return loaded


def _hand_written(catalog):
    return {qid: q for qid, q in catalog.quizzes.items() if not q.quiz.generated}


def _asked(quizzes, modules) -> set[str]:
    asked: set[str] = set()
    for quiz in quizzes:
        for question in quiz.questions:
            point = cited_point(question, modules)
            if point is not None:
                asked |= facts_asked(question, point, quiz.languages)
    return asked


class TestBundledQuizzes:
    def test_every_question_cites_an_existing_key_point(self, catalog, modules) -> None:
        assert check_sources(catalog, modules) == []
        for quiz in catalog.quizzes.values():
            for question in quiz.questions:
                assert question.source, f"{quiz.id}/{question.id} has no source"
                assert cited_point(question, modules) is not None

    def test_every_answer_is_a_fact_of_the_point_it_cites(self, catalog, modules) -> None:
        found = [
            (quiz.id, *problem)
            for quiz in catalog.quizzes.values()
            for problem in ungrounded(quiz, modules)
        ]
        assert found == []

    def test_hand_written_quizzes_ask_every_fact(self, catalog, modules) -> None:
        # A learner who takes every quiz, generated bank aside, meets every fact.
        facts = {f.id for m in modules.values() for _, f in m.facts()}
        missing = facts - _asked(_hand_written(catalog).values(), modules)
        assert missing == set()

    def test_all_quizzes_ask_every_fact(self, catalog, modules) -> None:
        facts = {f.id for m in modules.values() for _, f in m.facts()}
        assert facts - _asked(catalog.quizzes.values(), modules) == set()

    def test_every_key_point_is_cited_by_a_hand_written_question(self, catalog, modules):
        cited = {q.source for quiz in _hand_written(catalog).values() for q in quiz.questions}
        points = {f"{m.id}#{p.id}" for m in modules.values() for p in m.points}
        assert points - cited == set()


class TestHandWrittenQuizzes:
    def test_sixty_questions_of_every_type(self, catalog) -> None:
        focused = [catalog.quizzes[qid] for qid in FOCUSED]
        types = Counter(q.type for quiz in focused for q in quiz.questions)
        assert sum(types.values()) >= 60
        assert set(types) == set(QUESTION_TYPES)

    def test_every_question_is_bilingual_tagged_and_explained(self, catalog) -> None:
        for quiz in _hand_written(catalog).values():
            assert quiz.languages == ["id", "en"]
            for q in quiz.questions:
                for text in (q.prompt, q.explanation):
                    assert isinstance(text, dict) and set(text) == {"id", "en"}, q.id
                    assert text["id"].strip() and text["en"].strip()
                    assert text["id"] != text["en"], q.id
                assert q.tags, q.id

    def test_every_quiz_has_grade_bands_and_the_schema_line(self, catalog) -> None:
        for quiz_id, quiz in catalog.quizzes.items():
            assert quiz.quiz.feedback, quiz_id
            first = catalog.paths[quiz_id].read_text(encoding="utf-8").splitlines()[0]
            assert first == "#:schema ./quiz.schema.json"

    def test_final_exam_draws_from_every_focused_quiz(self, catalog) -> None:
        exam = catalog.quizzes["final-exam"]
        assert [inc.quiz for inc in exam.quiz.include] == list(FOCUSED)
        assert all(inc.draw for inc in exam.quiz.include)
        pool = catalog.pool("final-exam")
        assert {entry.quiz_id for entry in pool} == set(FOCUSED)
        assert len(pool) == sum(len(catalog.quizzes[q].questions) for q in FOCUSED)


QUIZ_HEAD = '[quiz]\nid = "g"\ntitle = "G"\nlanguages = ["id", "en"]\n'


def _problems(question: str, modules) -> list[tuple[str, str]]:
    result = load_quiz_text(QUIZ_HEAD + question)
    assert result.quiz is not None, result.problems
    return list(ungrounded(result.quiz, modules))


class TestTheRulesCatchWrongAnswers:
    def test_numeric_answer_not_a_fact(self, modules) -> None:
        question = (
            '[[questions]]\nid = "n"\ntype = "numeric"\nprompt = "?"\n'
            'answer = 147_000\nsource = "alibaba-2019#delegates"\n'
        )
        assert _problems(question, modules) == [
            ("n", "147000 is not a number fact of alibaba-2019#delegates")
        ]

    def test_numeric_fact_of_another_point(self, modules) -> None:
        question = (
            '[[questions]]\nid = "n"\ntype = "numeric"\nprompt = "?"\n'
            'answer = 147\nsource = "alibaba-2019#tokopedia"\n'
        )
        assert len(_problems(question, modules)) == 1

    def test_partial_credit_values_may_be_anything(self, modules) -> None:
        question = (
            '[[questions]]\nid = "n"\ntype = "numeric"\nprompt = "?"\n'
            "answers = [{ value = 14_700_000_000_000 }, { value = 147e12, weight = 0.1 }]\n"
            'source = "alibaba-2019#tokopedia"\n'
        )
        assert _problems(question, modules) == []

    def test_name_answer_not_a_fact(self, modules) -> None:
        question = (
            '[[questions]]\nid = "s"\ntype = "short_answer"\nprompt = "?"\n'
            'answers = ["J&T", "JNE"]\nsource = "alibaba-2019#coordinator"\n'
        )
        assert _problems(question, modules) == [
            ("s", '"JNE" is not a name fact of alibaba-2019#coordinator')
        ]

    def test_date_choice_not_a_fact(self, modules) -> None:
        question = (
            '[[questions]]\nid = "d"\ntype = "single"\nprompt = "?"\n'
            'choices = [{ text = { id = "Juli 2017", en = "July 2017" }, correct = true },'
            ' { text = { id = "Agustus 2017", en = "August 2017" } }]\n'
            'source = "alibaba-2019#tokopedia"\n'
        )
        assert _problems(question, modules) == [
            ("d", '"Juli 2017" is not a date fact of alibaba-2019#tokopedia')
        ]

    def test_date_translated_wrongly(self, modules) -> None:
        question = (
            '[[questions]]\nid = "d"\ntype = "single"\nprompt = "?"\n'
            'choices = [{ text = { id = "Agustus 2017", en = "July 2017" }, correct = true },'
            ' { text = "2016" }]\nsource = "alibaba-2019#tokopedia"\n'
        )
        assert len(_problems(question, modules)) == 1

    def test_single_answers_that_are_not_dates_are_not_date_questions(self, modules) -> None:
        question = (
            '[[questions]]\nid = "c"\ntype = "single"\nprompt = "?"\n'
            'choices = [{ text = "Hangzhou", correct = true }, { text = "2019" }]\n'
            'source = "alibaba-2019#venue"\n'
        )
        assert _problems(question, modules) == []

    def test_coverage_needs_the_exact_list(self, modules) -> None:
        question = (
            '[[questions]]\nid = "m"\ntype = "multiple"\nprompt = "?"\n'
            'choices = [{ text = "Walmart", correct = true }, { text = "Amazon", correct = true },'
            ' { text = "Lazada" }]\nsource = "alibaba-2019#rivals"\n'
        )
        quiz = load_quiz_text(QUIZ_HEAD + question).quiz
        point = modules["alibaba-2019"].point("rivals")
        assert facts_asked(quiz.questions[0], point, ["id", "en"]) == set()


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2017", "en", True),
        ("Agustus 2017", "id", True),
        ("August 2017", "id", False),
        ("28–29 January 2019", "en", True),
        ("28 January – 1 February 2019", "en", True),
        ("Rp14,7 triliun", "id", False),
        ("147", "en", False),
        ("Walmart", "en", False),
    ],
)
def test_reads_as_date(text: str, lang: str, expected: bool) -> None:
    assert reads_as_date(text, lang) is expected
