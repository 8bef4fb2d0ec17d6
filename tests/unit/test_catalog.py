"""Quizzes loaded together: ids unique across files, includes resolved into pools."""

from __future__ import annotations

from pathlib import Path

from quizapp.loading import check_sources, load_catalog


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def quiz(qid: str, extra: str = "", questions: int = 2, tag: str = "a") -> str:
    body = f'[quiz]\nid = "{qid}"\ntitle = "{qid}"\n{extra}\n'
    for i in range(questions):
        body += (
            f'\n[[questions]]\nid = "q{i}"\ntype = "true_false"\nprompt = "p{i}"\n'
            f'answer = true\ntags = ["{tag if i % 2 == 0 else "b"}"]\n'
        )
    return body


def test_final_exam_pool_draws_from_included_quizzes(tmp_path):
    write(tmp_path, "one.toml", quiz("one"))
    write(tmp_path, "two.toml", quiz("two", questions=3))
    write(
        tmp_path,
        "final.toml",
        '[quiz]\nid = "final"\ntitle = "Final"\ndraw = 4\n'
        '[[quiz.include]]\nquiz = "one"\n[[quiz.include]]\nquiz = "two"\ntags = ["a"]\n',
    )
    catalog = load_catalog([tmp_path])
    assert catalog.ok, [str(p) for p in catalog.problems]
    keys = [e.key for e in catalog.pool("final")]
    assert keys == ["one/q0", "one/q1", "two/q0", "two/q2"]
    assert catalog.hashes["final"] and catalog.paths["one"].name == "one.toml"


def test_cross_file_problems_are_located(tmp_path):
    write(tmp_path, "a.toml", quiz("same"))
    dup = write(tmp_path, "b.toml", quiz("same"))
    final = write(
        tmp_path,
        "final.toml",
        '[quiz]\nid = "final"\ntitle = "F"\ndraw = 9\n'
        '[[quiz.include]]\nquiz = "missing"\n\n[[quiz.include]]\nquiz = "same"\ndraw = 5\n',
    )
    catalog = load_catalog([tmp_path])
    found = sorted(str(p) for p in catalog.problems)
    assert not catalog.ok
    assert f'{dup}:2:1: [quiz], field id: the quiz id "same" is already used by' in found[0]
    assert any(
        m.startswith(f"{final}:6:1:") and 'no quiz with the id "missing" was found' in m
        for m in found
    )
    assert any(
        m.startswith(f"{final}:10:1:") and 'draw is 5 but "same" offers 2 questions' in m
        for m in found
    )


def test_pool_draw_above_pool_size(tmp_path):
    write(tmp_path, "one.toml", quiz("one"))
    write(
        tmp_path,
        "final.toml",
        '[quiz]\nid = "final"\ntitle = "F"\ndraw = 3\n[[quiz.include]]\nquiz = "one"\n',
    )
    (problem,) = load_catalog([tmp_path]).problems
    assert problem.message == "draw is 3 but the pool has 2 questions"
    assert problem.line == 4


# -- [quiz] module and sources against the loaded learning modules ----------------------


def modules(*ids: str) -> dict:
    """Loaded modules by id: the bundled module under each id, each with its key points."""
    from quizapp.loading.content import load_modules
    from quizapp.locations import bundled_content_dir

    (bundled,) = load_modules([bundled_content_dir()]).modules.values()
    return dict.fromkeys(ids, bundled)


def cited(module: str, source: str) -> str:
    return (
        f'[quiz]\nid = "q"\ntitle = "Q"\nmodule = "{module}"\n\n'
        f'[[questions]]\nid = "a"\ntype = "true_false"\nprompt = "P"\nanswer = true\n'
        f'source = "{source}"\n'
    )


def test_a_quiz_module_that_is_loaded_passes(tmp_path):
    write(tmp_path, "q.toml", cited("alibaba-2019", "alibaba-2019#delegates"))
    catalog = load_catalog([tmp_path])
    assert check_sources(catalog, modules("alibaba-2019")) == []


def test_a_misspelt_quiz_module_is_placed_on_its_line_with_a_suggestion(tmp_path):
    path = write(tmp_path, "q.toml", cited("alibaba-2109", "alibaba-2019#delegates"))
    (problem,) = check_sources(load_catalog([tmp_path]), modules("alibaba-2019"))
    assert problem.severity == "error"
    assert (problem.line, problem.column, problem.field) == (4, 1, "quiz.module")
    assert str(problem) == (
        f'{path}:4:1: [quiz], field module: no content module "alibaba-2109" was found; '
        'did you mean "alibaba-2019"?'
    )


def test_a_quiz_module_like_none_loaded_lists_the_loaded_ones(tmp_path):
    write(tmp_path, "q.toml", cited("nowhere", "alibaba-2019#delegates"))
    (problem,) = check_sources(load_catalog([tmp_path]), modules("alibaba-2019", "b-2020"))
    assert (
        problem.message == 'no content module "nowhere" was found (modules: alibaba-2019, b-2020)'
    )
    # No mismatch warning on top: the one typo is reported once.


def test_a_source_in_another_loaded_module_is_a_warning_at_the_source(tmp_path):
    path = write(tmp_path, "q.toml", cited("other-2020", "alibaba-2019#delegates"))
    catalog = load_catalog([tmp_path])
    (problem,) = check_sources(catalog, modules("alibaba-2019", "other-2020"))
    assert problem.severity == "warning"
    assert (problem.line, problem.field, problem.question_id) == (11, "source", "a")
    assert str(problem) == (
        f'{path}:11:1: warning: question 1 ("a"), field source: this cites the module '
        '"alibaba-2019" but the quiz is on "other-2020" ([quiz] module); '
        "check which one is meant"
    )


def test_a_source_whose_module_is_not_loaded_suggests_the_close_one(tmp_path):
    write(tmp_path, "q.toml", cited("alibaba-2019", "alibaba-2109#delegates"))
    (problem,) = check_sources(load_catalog([tmp_path]), modules("alibaba-2019"))
    assert problem.severity == "error" and problem.line == 11
    assert problem.message == (
        'no content module "alibaba-2109" was found; did you mean "alibaba-2019"?'
    )


def test_a_quiz_without_a_module_may_cite_any_loaded_module(tmp_path):
    text = cited("x", "alibaba-2019#delegates").replace('module = "x"\n', "")
    write(tmp_path, "q.toml", text)
    assert check_sources(load_catalog([tmp_path]), modules("alibaba-2019")) == []
