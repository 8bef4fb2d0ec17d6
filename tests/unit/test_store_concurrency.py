"""Two processes on one store at once (an SQLite file, or a PostgreSQL database): no
"database is locked", no serialisation failure let through, nothing lost or doubled."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from quizapp.store import open_store

WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from quizapp.store import open_store

    target, name, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    while not go.exists():
        time.sleep(0.001)
    # Both open a database that does not exist yet: they race to create and migrate it.
    store = open_store(target)
    shared = store.learner("Shared")  # the same learner, made by whichever comes first
    own = store.learner(name)
    version = store.quiz_version("tour", "a" * 64, "Tour", {"q0": ["facts"]})
    for n in range(ATTEMPTS):
        learner = shared if n % 2 else own
        keys = [f"q{i}" for i in range(ANSWERS)]
        attempt = store.start_attempt(learner.id, version.id, "exam", n, keys)
        for key in keys:
            store.record_answer(attempt.id, key, [name, n, key], credit=1, points=1)
            # A reader in the middle of the writes, as the home screen would be.
            store.due_count(learner.id)
            time.sleep(0.002)  # a (very fast) learner: the other process gets its turns
        store.finish_attempt(attempt.id, score=ANSWERS, max_score=ANSWERS, passed=True)
    store.close()
    print("done", name)
    """
)
ATTEMPTS, ANSWERS = 8, 25


def test_two_processes_write_at_once_and_lose_nothing(tmp_path: Path, store_target: str) -> None:
    go = tmp_path / "go"
    code = WORKER.replace("ATTEMPTS", str(ATTEMPTS)).replace("ANSWERS", str(ANSWERS))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, store_target, name, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Ayu", "Budi")
    ]
    time.sleep(0.3)  # let both start Python and wait at the line
    go.touch()
    results = [p.communicate(timeout=240) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.startswith("done")

    with open_store(store_target) as store:
        names = sorted(learner.name for learner in store.learners())
        assert names == ["Ayu", "Budi", "Shared"]
        rows = store.query("SELECT count(*), count(DISTINCT response) FROM answers")[0]
        assert tuple(rows) == (2 * ATTEMPTS * ANSWERS, 2 * ATTEMPTS * ANSWERS)
        # The writes really did interleave (commit order switches between the processes).
        writers = [
            json.loads(r[0])[0] for r in store.query("SELECT response FROM answers ORDER BY id")
        ]
        switches = sum(1 for a, b in itertools.pairwise(writers) if a != b)
        assert switches >= 10, switches
        statuses = store.query("SELECT status, count(*) FROM attempts GROUP BY status")
        assert {r[0]: r[1] for r in statuses} == {"submitted": 2 * ATTEMPTS}
        shared = store.learner("Shared")
        (summary,) = store.quiz_summaries(shared.id)
        assert summary.attempts == ATTEMPTS  # half of each process's attempts
        card = store.review_card(shared.id, "tour", "q0")
        assert card is not None and card.reviews == ATTEMPTS


ANSWERER = textwrap.dedent(
    """
    import sys
    from quizapp.store import open_store

    store = open_store(sys.argv[1])
    learner = store.learner("Ayu")
    version = store.quiz_version("tour", "a" * 64, "Tour")
    keys = [f"q{i}" for i in range(10_000)]
    attempt = store.start_attempt(learner.id, version.id, "exam", 1, keys)
    for key in keys:
        store.record_answer(attempt.id, key, key, credit=1, points=1, record={"k": key})
        print(key, flush=True)  # acknowledged: the learner sees it saved
    """
)


def test_kill_9_in_an_answer_loop_loses_nothing_acknowledged(store_target: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", ANSWERER, store_target],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    acknowledged = [proc.stdout.readline().strip() for _ in range(60)]
    proc.kill()  # SIGKILL: no close, no rollback, most likely inside a transaction
    proc.wait(timeout=30)
    # What it printed before it died was acknowledged too (read or not: a busy machine
    # lets it run on while this reads the first 60).
    acknowledged += proc.stdout.read().split()
    with open_store(store_target) as store:
        stored = [r[0] for r in store.query("SELECT question_key FROM answers ORDER BY id")]
        logged = store.query("SELECT count(*) FROM answer_log")[0][0]
    assert acknowledged == [f"q{i}" for i in range(len(acknowledged))], (
        proc.stderr.read() if proc.stderr else ""
    )
    assert stored[: len(acknowledged)] == acknowledged
    # At most the one answer in flight when it died is there unacknowledged; none twice.
    assert len(stored) - len(acknowledged) in (0, 1) and len(set(stored)) == len(stored)
    assert logged == len(stored)
