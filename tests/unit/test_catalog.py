"""Quizzes loaded together: ids unique across files, includes resolved into pools."""

from __future__ import annotations

from pathlib import Path

from quizapp.loading import load_catalog


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
