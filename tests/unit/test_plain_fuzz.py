"""Plain mode under any input (issue 13): bytes and lines from hypothesis, 0 tracebacks.

Every example runs a whole attempt (a random quiz of every question type, a random mode)
over a byte stream that is not necessarily UTF-8, recording into a real store, and must
end with a result; what it printed carries no raw control character.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.engine import start_attempt
from quizapp.loading import load_catalog
from quizapp.plain import read_response, run_plain
from quizapp.store import Store
from quizapp.store.recorder import StoreRecorder

ROOT = Path(__file__).parent.parent.parent
CATALOG = load_catalog([ROOT / "tests" / "data" / "engine", ROOT / "quizzes" / "tour.toml"])
QUIZZES = sorted(CATALOG.quizzes)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

COMMANDS = [":skip", ":flag", ":back", ":list", ":submit", ":help", ":go", ":goto", ":jump"]
line_text = st.one_of(
    st.sampled_from(["", " ", "1", "2", "-", "1,2", "2,1", "1-a, 2-b", "t", "f", "3,14"]),
    st.sampled_from(COMMANDS).map(lambda c: c + " "),
    st.builds(lambda c, n: f"{c} {n}", st.sampled_from([":go", ":goto"]), st.integers()),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(st.sampled_from("0123456789")).map(lambda d: d * 700),  # thousands of digits
    st.text(max_size=40),
)
line_bytes = st.one_of(
    line_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=40),  # invalid UTF-8, NUL, ESC, lone CR
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    quiz=st.sampled_from(QUIZZES),
    mode=st.sampled_from(["practice", "exam"]),
    seed=st.integers(0, 2**32),
    lines=st.lists(line_bytes, max_size=40),
    ending=st.sampled_from([b"", b"\n", b"\r\n"]),
)
def test_plain_mode_survives_any_input(
    quiz: str, mode: str, seed: int, lines: list[bytes], ending: bytes
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"\n".join(lines) + ending), encoding="utf-8")
    stdout = io.StringIO()
    with Store(":memory:") as store:
        recorder = StoreRecorder(store, store.learner("Fuzz"))
        attempt = start_attempt(CATALOG, quiz, mode=mode, seed=seed, recorder=recorder)
        result = run_plain(attempt, "en", stdin, stdout, title="T")
        (stored,) = store.attempts(recorder.learner.id)
        assert stored.status in ("submitted", "timed_out")
        # The stored score is the sum of the answers' points, and what was printed.
        assert abs(stored.score - sum(a.points for a in store.answers(stored.id))) < 1e-9
        assert abs(stored.score - result.points) < 1e-9
    assert RAW.search(stdout.getvalue()) is None


@given(st.sampled_from("123456789"), st.integers(4301, 6000))
@settings(max_examples=20, deadline=None)
def test_numbers_of_thousands_of_digits_are_out_of_range(digit: str, n: int) -> None:
    digits = digit * n
    attempt = start_attempt(CATALOG, "tour", mode="exam", seed=1)
    for slot in attempt.slots:
        response = read_response(slot, digits, "en")
        if slot.question.type in ("single", "multiple", "ordering"):
            assert "from 1 to" in response.message
    stdout = io.StringIO()
    result = run_plain(attempt, "en", io.StringIO(f":go {digits}\n{digits}\n"), stdout)
    assert "Please type :go and a question number from 1 to" in stdout.getvalue()
    assert result.points == 0
