"""The position scanner: every key path of a TOML file, and never an exception."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quizapp.loading.locate import locate_keys, nearest

DOC = '''\
[quiz]
id = "x"  # comment [not a table]
title.en = "T"

[[questions]]
id = "a"
choices = [
  { text = "A, with ] and }", correct = true },
  { text = """multi
line""", feedback = { en = 'it' } },
]

[[questions]]
id = "b"

[[questions.extra]]
k = 1

[[questions]]
id = "c"
'''


def test_keys_tables_and_array_elements_are_located():
    pos = locate_keys(DOC)
    assert pos[("quiz",)] == (1, 1)
    assert pos[("quiz", "id")] == (2, 1)
    assert pos[("quiz", "title", "en")] == (3, 7)
    assert pos[("questions", 0)] == (5, 1)
    assert pos[("questions", 0, "choices", 0)] == (8, 3)
    assert pos[("questions", 0, "choices", 0, "correct")] == (8, 31)
    assert pos[("questions", 0, "choices", 1, "feedback", "en")] == (10, 23)
    assert pos[("questions", 1, "id")] == (14, 1)
    assert pos[("questions", 1, "extra", 0, "k")] == (17, 1)
    assert pos[("questions", 2, "id")] == (20, 1)


def test_nearest_falls_back_to_the_closest_ancestor():
    pos = locate_keys(DOC)
    assert nearest(pos, ("questions", 1, "prompt")) == ((13, 1), ("questions", 1))
    assert nearest(pos, ("nothing",)) == (None, ())


@given(st.text(max_size=300))
def test_scanner_never_raises(text: str):
    assert isinstance(locate_keys(text), dict)
