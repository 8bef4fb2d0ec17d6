"""From a quiz definition to the records a report needs, and responses described in words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from quizapp.model import Quiz, choice_weights, localize
from quizapp.model.content import tag_label
from quizapp.model.text import Text
from quizapp.reports.i18n import tr
from quizapp.reports.records import QuestionRecord, QuizVersionRecord


def _per_language(languages: list[str], render: Any) -> Text:
    """A translatable text built by calling `render(lang)` for each of the quiz's languages."""
    texts = {lang: render(lang) for lang in languages}
    if len(set(texts.values())) == 1:
        return next(iter(texts.values()))
    return texts


def right_answer(question: Any, languages: list[str]) -> Text:
    """The right answer of any question type, in words, per language."""
    kind = question.type

    def render(lang: str) -> str:
        if kind == "single":
            weights = choice_weights(question)
            best = max(range(len(weights)), key=weights.__getitem__)
            return localize(question.choices[best].text, lang)
        if kind == "multiple":
            return "; ".join(localize(c.text, lang) for c in question.choices if c.correct)
        if kind == "true_false":
            return tr(lang, "true" if question.answer else "false")
        if kind == "short_answer":
            return " / ".join(a.text for a in question.answers if a.weight >= 1) or (
                question.answers[0].text
            )
        if kind == "numeric":
            # Imported here: the engine package loads the whole engine; only numeric
            # questions need its number writer.
            from quizapp.engine.numbers import format_with_unit

            unit = localize(question.unit, lang)
            parts = []
            for v in question.accepted():
                # As the learner would write it: 14,7 triliun, not 1.47e+13.
                text = format_with_unit(v.value, unit, lang)
                if v.tolerance.value:
                    text += f" ± {v.tolerance}"
                parts.append(text)
            return " / ".join(parts)
        if kind == "ordering":
            return " → ".join(localize(item, lang) for item in question.items)
        if kind == "matching":
            return "; ".join(
                f"{localize(p.left, lang)} → {localize(p.right, lang)}" for p in question.pairs
            )
        return ""

    return _per_language(languages, render)


def question_record(key: str, question: Any, languages: list[str]) -> QuestionRecord:
    """What a report keeps of a question."""
    options: list[Text] = []
    lefts: list[Text] = []
    if question.type in ("single", "multiple"):
        options = [c.text for c in question.choices]
    elif question.type == "ordering":
        options = list(question.items)
    elif question.type == "matching":
        options = [p.right for p in question.pairs] + list(question.distractors)
        lefts = [p.left for p in question.pairs]
    return QuestionRecord(
        key=key,
        type=question.type,
        prompt=question.prompt,
        points=question.points,
        tags=list(question.tags),
        options=options,
        lefts=lefts,
        right_answer=right_answer(question, languages),
        level=question.level or "",
    )


def quiz_version_record(
    quiz: Quiz,
    sha256: str,
    pool: list[tuple[str, Any]] | None = None,
    modules: Mapping[str, Any] | None = None,
) -> QuizVersionRecord:
    """A quiz version with its questions; `pool` is (key, question) for a quiz with
    includes (`Catalog.pool`), else the quiz's own questions are used. `modules` (the
    loaded learning modules) name the questions' tags."""
    entries = pool if pool is not None else [(q.id, q) for q in quiz.questions]
    languages = list(quiz.languages)
    return QuizVersionRecord(
        quiz_id=quiz.id,
        sha256=sha256,
        title=quiz.quiz.title,
        languages=languages,
        pass_mark=quiz.quiz.pass_mark,
        grading=quiz.quiz.grading,
        questions=[question_record(k, q, languages) for k, q in entries],
        tag_names=_tag_names({t for _, q in entries for t in q.tags}, modules or {}, languages),
    )


def _tag_names(
    tags: set[str], modules: Mapping[str, Any], languages: list[str]
) -> dict[str, dict[str, str]]:
    """Each tag a module names, in every language of the quiz."""
    names: dict[str, dict[str, str]] = {}
    for tag in sorted(tags):
        by_lang = {lang: tag_label(modules, tag, lang) for lang in languages}
        if all(by_lang.values()):
            names[tag] = by_lang  # type: ignore[assignment]
    return names


def describe_response(question: QuestionRecord | None, response: Any, lang: str) -> str:
    """A response in words, using the question's options; raw JSON when it does not fit."""
    if response is None:
        return "—"
    if question is None:
        return _raw(response)

    def option(i: Any, items: list[Text]) -> str:
        if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(items):
            return localize(items[i], lang)
        return "?"

    kind = question.type
    try:
        if kind == "single":
            return option(response, question.options)
        if kind == "multiple":
            return "; ".join(option(i, question.options) for i in response) or "—"
        if kind == "true_false":
            return tr(lang, "true" if response else "false")
        if kind in ("short_answer", "numeric"):
            return str(response)
        if kind == "ordering":
            return " → ".join(option(i, question.options) for i in response)
        if kind == "matching":
            return "; ".join(
                f"{localize(left, lang)} → {option(i, question.options) if i is not None else '—'}"
                for left, i in zip(question.lefts, response, strict=False)
            )
    except TypeError:
        pass
    return _raw(response)


def _raw(response: Any) -> str:
    import json

    return json.dumps(response, ensure_ascii=False)


def catalog_describer(catalog: Any, modules: Mapping[str, Any] | None = None) -> Any:
    """A `describe(quiz_id, sha256)` for `StoreReader.versions`: the version's questions
    when the catalog holds the quiz file with that very hash, its tags named by `modules`."""

    def describe(quiz_id: str, sha256: str) -> QuizVersionRecord | None:
        quiz = catalog.get(quiz_id)
        if quiz is None or catalog.hashes.get(quiz_id) != sha256:
            return None
        pool = [(e.key, e.question) for e in catalog.pool(quiz_id)]
        return quiz_version_record(quiz, sha256, pool, modules)

    return describe
