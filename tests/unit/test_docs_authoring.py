"""Every TOML example in docs/authoring.md validates, so the guide stays true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp.loading import load_quiz_text

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
# A question-only example is checked inside this minimal quiz.
HEADER = '[quiz]\nid = "doc-example"\ntitle = "Example"\n\n'


def _examples() -> list[tuple[int, str]]:
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r"^```toml\n(.*?)^```", text, re.S | re.M):
        found.append((text.count("\n", 0, match.start()) + 1, match.group(1)))
    return found


def test_the_guide_has_an_example_of_every_question_type() -> None:
    examples = "\n".join(body for _, body in _examples())
    for kind in ("single", "multiple", "true_false", "short_answer", "numeric", "ordering"):
        assert f'type = "{kind}"' in examples
    assert 'type = "matching"' in examples
    assert len(_examples()) >= 12


@pytest.mark.parametrize(("line", "body"), _examples(), ids=lambda v: str(v)[:20])
def test_every_toml_example_validates(line: int, body: str) -> None:
    source = body if "[quiz]" in body else HEADER + body
    result = load_quiz_text(source, f"docs/authoring.md:{line}")
    assert result.ok, [str(p) for p in result.problems]
