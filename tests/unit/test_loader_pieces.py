"""Reading a quiz in pieces gives the same quiz as reading it whole, or leaves it to that."""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.loading import load_quiz_bytes, load_quiz_text
from quizapp.loading import loader as loader_module
from quizapp.loading.loader import _load_valid_in_pieces, _load_whole
from quizapp.loading.pieces import question_pieces
from quizapp.locations import bundled_quizzes_dir

BUNDLED = sorted(bundled_quizzes_dir().glob("*.toml"))


@pytest.fixture
def one_question_per_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut at every question, so that small files are read in many pieces."""
    monkeypatch.setattr(
        loader_module, "question_pieces", functools.partial(question_pieces, piece_chars=1)
    )


def whole(text: str):
    return _load_whole(text, "t.toml", "")


def test_pieces_put_back_together_are_the_file():
    text = (bundled_quizzes_dir() / "hangzhou-training.toml").read_text("utf-8")
    for size in (1, 500, 10**9):
        pieces = list(question_pieces(text, size))
        assert "".join(pieces) == text
        assert all(p.startswith("[[questions]]") for p in pieces[1:])
    assert len(list(question_pieces(text, 1))) == text.count("\n[[questions]]") + 1
    assert len(list(question_pieces(text, 10**9))) == 2


def test_bytes_are_cut_where_text_is():
    text = (bundled_quizzes_dir() / "tour.toml").read_text("utf-8")
    by_text = [p.encode() for p in question_pieces(text, 100)]
    assert list(question_pieces(text.encode(), 100)) == by_text


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
@pytest.mark.usefixtures("one_question_per_piece")
def test_every_bundled_quiz_reads_the_same_in_pieces(path):
    data = path.read_bytes()
    in_pieces = _load_valid_in_pieces(data)
    read_whole = whole(data.decode("utf-8-sig"))
    assert read_whole.ok
    assert in_pieces is not None
    assert in_pieces == read_whole.quiz


TOUR = (bundled_quizzes_dir() / "tour.toml").read_text("utf-8")
HEADER, _, QUESTIONS = TOUR.partition("\n[[questions]]")
QUESTIONS = "[[questions]]" + QUESTIONS


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(QUESTIONS + "\n" + HEADER, id="quiz-table-after-the-questions"),
        pytest.param(QUESTIONS.replace("\n", "\r\n") + "\r\n" + HEADER, id="crlf"),
        pytest.param(
            QUESTIONS + "\n[quiz]" + HEADER.partition("[quiz]")[2],
            id="a-question-on-the-first-line",
        ),
        pytest.param(
            TOUR.replace("[[questions]]", "[[ questions ]]", 1), id="a-mark-written-with-spaces"
        ),
        pytest.param(
            TOUR.replace("answer = 147\n", 'answer = 147\nhint = """\n[[questions]]\n"""\n', 1),
            id="a-questions-line-inside-a-multi-line-string",
        ),
        pytest.param(
            HEADER + "\n" + QUESTIONS.replace("[[questions]]", "[[questions]]  # next", 1),
            id="a-comment-after-the-mark",
        ),
    ],
)
@pytest.mark.usefixtures("one_question_per_piece")
def test_unusual_layouts_load_as_they_would_whole(text):
    expected = whole(text)
    assert expected.ok, expected.problems
    assert load_quiz_text(text, "t.toml").quiz == expected.quiz
    assert load_quiz_bytes(text.encode(), "t.toml").quiz == expected.quiz


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TOUR.encode(), id="read-in-pieces"),
        pytest.param(b"\xef\xbb\xbf" + TOUR.encode(), id="with-a-byte-order-mark"),
        pytest.param(
            TOUR.replace("answer = 147", "answer = true", 1).encode(), id="a-problem-midway"
        ),
        pytest.param(
            TOUR.replace("answer = 147", "answer = 147\n# \x00", 1).encode(),
            id="a-syntax-error-midway",
        ),
    ],
)
@pytest.mark.usefixtures("one_question_per_piece")
def test_the_hash_is_of_the_whole_file_however_it_was_read(data: bytes):
    # The fast path hashes the pieces as it cuts them; whatever stops it, or not, the
    # hash is the file's.
    import hashlib

    assert load_quiz_bytes(data, "t.toml").sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.usefixtures("one_question_per_piece")
def test_a_table_after_the_questions_is_left_to_the_whole_read():
    text = TOUR + '\n[extra]\nnote = "x"\n'
    assert _load_valid_in_pieces(text) is None
    result = load_quiz_text(text, "t.toml")
    assert not result.ok
    assert any('unknown field "extra"' in str(p) for p in result.problems)


@pytest.mark.usefixtures("one_question_per_piece")
def test_a_string_cut_in_two_is_never_read_in_pieces():
    # Each piece would read: the first ends in an open string, so neither is trusted.
    text = TOUR.replace('tags = ["', 'tags = ["""\n[[questions]]\n""", "', 1)
    assert _load_valid_in_pieces(text) is None
    assert load_quiz_text(text, "t.toml").ok == whole(text).ok


@pytest.mark.usefixtures("one_question_per_piece")
def test_bad_utf8_in_a_later_piece_is_located():
    data = TOUR.encode()
    at = data.rindex(b"[[questions]]") + len(b"[[questions]]\n")
    data = data[:at] + b"# \xff\n" + data[at:]
    (problem,) = load_quiz_bytes(data, "t.toml").problems
    assert "not valid UTF-8" in problem.message
    assert problem.line == data[:at].count(b"\n") + 1


@pytest.mark.usefixtures("one_question_per_piece")
def test_an_id_used_again_in_a_later_piece_is_left_to_the_whole_read():
    # The fast path asks whether any id repeats only once every piece is read.
    ids = re.findall(r'\nid = "([^"]+)"', QUESTIONS)
    first, last = ids[0], ids[-1]
    text = TOUR.replace(f'\nid = "{last}"', f'\nid = "{first}"')
    assert _load_valid_in_pieces(text) is None
    (problem,) = load_quiz_text(text, "t.toml").problems
    assert problem.message.key == "id_used"
    assert problem.line == text.count("\n", 0, text.rindex(f'id = "{first}"')) + 1


@pytest.mark.usefixtures("one_question_per_piece")
def test_a_problem_in_a_later_piece_is_placed_in_the_whole_file():
    text = TOUR.replace('id = "two-days"', 'id = "two-days"\npromt = "x"', 1)
    (problem,) = load_quiz_text(text, "t.toml").problems
    assert 'unknown field "promt"' in problem.message
    assert problem.line == text[: text.index("promt")].count("\n") + 1


LAST_PROMPT = 'en = "Match each name with its role."'


@pytest.mark.parametrize(
    "written",
    [
        pytest.param('en = "TODO: Match each name with its role."', id="as-is"),
        pytest.param('en = "\\u0054ODO: Match each name with its role."', id="u-escape"),
        pytest.param(
            'en = """TO\\\n  DO: Match each name with its role."""', id="line-ending-backslash"
        ),
    ],
)
@pytest.mark.usefixtures("one_question_per_piece")
def test_a_placeholder_in_a_later_piece_is_not_read_as_clean(written):
    # The same file without the placeholder takes the fast path, so this is that path's
    # test: the warning must not be lost to it.
    assert _load_valid_in_pieces(TOUR) is not None
    text = TOUR.replace(LAST_PROMPT, written, 1)
    assert text != TOUR
    assert _load_valid_in_pieces(text) is None
    assert _load_valid_in_pieces(text.encode()) is None
    for result in (load_quiz_text(text, "t.toml"), load_quiz_bytes(text.encode(), "t.toml")):
        assert result.ok and result.quiz is not None
        (problem,) = result.problems
        assert problem.severity == "warning"
        assert problem.field == "prompt.en" and problem.question == 7
        assert problem.line == text[: text.index(written)].count("\n") + 1


def test_the_cheap_scan_lets_files_without_a_mark_skip_the_walk():
    from quizapp.loading.rules import may_hold_placeholders

    assert not may_hold_placeholders(TOUR) and not may_hold_placeholders(TOUR.encode())
    assert may_hold_placeholders('prompt = "\\U00000054ODO: x"')
    assert may_hold_placeholders('prompt = """TO\\  \r\nDO: x"""')


def _plain_scan(source: str) -> bool:
    """What `may_hold_placeholders` answers, as the plain substring searches it stands for."""
    from quizapp.loading.rules import _ESCAPES

    return "TODO" in source or any(e in source for e in _ESCAPES)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["T", "O", "D", "D" * 70, "TODO", "\\", "\\" * 70, "u", "U", "\n", "\r", " ", "\t", "é"]
        ),
        max_size=60,
    )
)
def test_the_scan_answers_as_the_plain_searches(parts: list[str]):
    # Runs of 70 pass the scan's limit of places looked at (`rules._LOOKS`).
    from quizapp.loading.rules import may_hold_placeholders

    source = "".join(parts)
    assert may_hold_placeholders(source) == _plain_scan(source)
    assert may_hold_placeholders(source.encode()) == _plain_scan(source)


MUTATIONS = [
    b"\n[[questions]]\n",
    b"[[questions]]",
    b"\n[quiz]\n",
    b'"""',
    b"'''",
    b"[",
    b"]",
    b"\n",
    b'"',
    b"\r\n",
    b"\xff",
    b"#",
    b'id = "x"\n',
    b"TODO: ",
    b"TODO(id): ",
    b'"TODO: x"',
    b"\\u0054ODO: ",
    b'"\\u200b"',
    b'"!!!"',
    b'  "',
    b'time_limit = "99999h"\n',
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(TOUR.encode())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data[at:at] = draw(st.sampled_from(MUTATIONS))
        else:
            del data[at : at + draw(st.integers(1, 30))]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_whatever_reads_in_pieces_reads_the_same_whole(data: bytes):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            loader_module, "question_pieces", functools.partial(question_pieces, piece_chars=1)
        )
        in_pieces = _load_valid_in_pieces(data)
    if in_pieces is None:
        return
    read_whole = whole(data.decode("utf-8-sig"))
    # Clean in pieces means clean whole: no error, and no warning either.
    assert read_whole.problems == ()
    assert read_whole.quiz == in_pieces


def test_texts_are_checked_without_a_python_call_each():
    from quizapp.model.text import is_text_validator, native_text_schema

    found: list[object] = []

    def walk(schema: object) -> None:
        if isinstance(schema, dict):
            function = schema.get("function")
            if isinstance(function, dict) and is_text_validator(function.get("function")):
                found.append(schema)
            for value in schema.values():
                walk(value)
        elif isinstance(schema, list):
            for item in schema:
                walk(item)

    schema = loader_module._question_adapter().core_schema
    walk(schema)
    assert found  # the thorough path's validator explains each text it refuses
    found.clear()
    walk(loader_module._native_texts(schema, native_text_schema(frozenset({"id", "en"}))))
    assert not found


TRANSLATED = """[quiz]
id = "t"
title = { id = "Judul", en = "Title" }
languages = ["id", "en"]

[[questions]]
id = "q1"
type = "true_false"
prompt = { en = "First in English", id = "Pertama" }
answer = true
explanation = "the same in every language"

[[questions]]
id = "q2"
type = "ordering"
prompt = { id = "Urutkan", en = "Order" }
items = [{ en = "a", id = "a" }, "b", { id = "c", en = "C" }]
"""


@pytest.mark.usefixtures("one_question_per_piece")
def test_translation_tables_keep_the_authors_order_in_pieces():
    quiz = _load_valid_in_pieces(TRANSLATED)
    assert quiz is not None
    assert repr(quiz) == repr(whole(TRANSLATED).quiz)
    assert list(quiz.questions[0].prompt) == ["en", "id"]
    assert list(quiz.questions[1].items[0]) == ["en", "id"]


@pytest.mark.parametrize(
    "new",
    [
        '{ id = "c" }',  # a language missing
        '{ id = "c", en = "C", fr = "C" }',  # one too many
        '{ id = "c", en = 3 }',  # not a string
        "{}",  # empty
        "3",  # not a text at all
    ],
)
@pytest.mark.usefixtures("one_question_per_piece")
def test_a_text_the_fast_path_refuses_is_explained_whole(new: str):
    text = TRANSLATED.replace('{ id = "c", en = "C" }', new)
    assert text != TRANSLATED
    assert _load_valid_in_pieces(text) is None
    result = load_quiz_text(text, "t.toml")
    assert result.problems
    assert all(p.line is not None for p in result.problems)
