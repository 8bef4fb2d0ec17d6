"""Salvage what can still be read from a damaged score database into a new one.

The damaged file is only ever read (and it has been moved aside first, see
`errors.move_aside`). Two ways in, SQLite's own first:

1. the `sqlite3` command line's `.recover`, when it is installed: it walks every page it
   can still parse, whatever the damaged b-tree pages say, and writes the rows as SQL,
   which is run into a scratch database;
2. otherwise (or when that fails), row by row: each table is read forward in key order
   until the first damaged page, then backward from its end, and for rowid tables the
   gap between is probed a slice at a time.

The rows found are copied into a fresh `Store` table by table, one row at a time: a row
the new file refuses (its learner or attempt was lost) is counted, not forced.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from quizapp.i18n import Message, Said

# Parents before children, so that foreign keys find their rows.
TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("learners", ("id",)),
    ("quiz_versions", ("id",)),
    ("attempts", ("id",)),
    ("answers", ("id",)),
    ("answer_log", ("attempt_id", "seq")),
    ("question_tags", ("quiz_version_id", "question_key", "tag")),
    ("review_cards", ("learner_id", "quiz_id", "question_id")),
)
_ROWID_TABLES = {"learners", "quiz_versions", "attempts", "answers"}
_PROBE = 64
"""Rows probed at a time across a damaged stretch of a rowid table."""


_METHODS = {
    "row by row": Message("store.method_rows"),
    "nothing readable": Message("store.method_nothing"),
}
"""The recovery methods that are words (`sqlite3 .recover` is a command, shown as it is)."""


_COUNTED = {
    "learners": "store.learners_n",
    "attempts": "store.attempts_n",
    "answers": "store.answers_n",
}
"""The tables the summary counts, and their messages (written out: a translator's tools
and the catalog's tests find a key only as a whole string)."""


@dataclass
class Recovery:
    """What was salvaged: rows copied and rows found but refused, per table."""

    method: str = ""
    """"sqlite3 .recover" or "row by row"."""
    copied: dict[str, int] = field(default_factory=dict)
    refused: dict[str, int] = field(default_factory=dict)

    def summary(self) -> Said:
        """One sentence for the learner: its English, carrying the catalog's message
        (`store.recovered`) to word in the reader's language (`quizapp.i18n.explain`)."""
        counts = {
            table: Message(key, n=self.copied.get(table, 0)) for table, key in _COUNTED.items()
        }
        method = _METHODS.get(self.method)
        return Said(Message("store.recovered", **counts, method=method or self.method))


def _connect_ro(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    con.execute("PRAGMA query_only = ON")
    return con


def _via_cli(damaged: Path, scratch: Path) -> bool:
    """Run the `sqlite3` command line's `.recover` on a copy of `damaged` (it opens its
    input for writing) into `scratch`; True when it recovered rows. Some builds lack what
    `.recover` needs (it then says "sql error"): the row-by-row way takes over."""
    cli = shutil.which("sqlite3")
    if cli is None:
        return False
    copy = scratch.with_name("damaged-copy.sqlite3")
    try:
        for suffix in ("", "-wal"):
            if Path(f"{damaged}{suffix}").exists():
                shutil.copyfile(f"{damaged}{suffix}", f"{copy}{suffix}")
        done = subprocess.run(
            [cli, str(copy), ".recover"], capture_output=True, timeout=300, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    script = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0 or "sql error" in script or "INSERT INTO" not in script:
        return False
    con = sqlite3.connect(scratch)
    try:
        con.executescript(script)
    except sqlite3.Error:
        return False
    finally:
        con.close()
    return True


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
    except sqlite3.Error:
        return []


def _scan(con: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Rows of `sql` until the first error."""
    rows: list[Any] = []
    try:
        for row in con.execute(sql, params):
            rows.append(row)
    except sqlite3.Error:
        pass
    return rows


def _rows(con: sqlite3.Connection, table: str, key: tuple[str, ...], cols: list[str]) -> list[Any]:
    """Every row of `table` that can be read, each once."""
    select = f"SELECT {', '.join(cols)} FROM {table}"
    order = ", ".join(key)
    desc = ", ".join(f"{k} DESC" for k in key)
    found: dict[tuple[Any, ...], Any] = {}
    index = [cols.index(k) for k in key]

    def keep(rows: list[Any]) -> None:
        for row in rows:
            found.setdefault(tuple(row[i] for i in index), row)

    keep(_scan(con, f"{select} ORDER BY {order}"))
    keep(_scan(con, f"{select} ORDER BY {desc}"))
    if table in _ROWID_TABLES:
        # Probe the rowids between what the two scans reached, a slice at a time.
        try:
            (top,) = con.execute(f"SELECT max(rowid) FROM {table}").fetchone()
        except sqlite3.Error:
            top = max((k[0] for k in found), default=0)
        start = 0
        while top and start <= top:
            keep(
                _scan(
                    con,
                    f"{select} WHERE rowid >= ? AND rowid < ? ORDER BY rowid",
                    (start, start + _PROBE),
                )
            )
            start += _PROBE
    return list(found.values())


def recover(damaged: Path, target: Path) -> Recovery:
    """Copy what can be read of `damaged` (already moved aside) into a new store at
    `target`. `damaged` is opened read-only and never written."""
    from quizapp.store.store import Store

    result = Recovery()
    with tempfile.TemporaryDirectory(prefix="quizapp-recover-") as tmp:
        scratch = Path(tmp) / "recovered.sqlite3"
        if _via_cli(damaged, scratch):
            source, result.method = sqlite3.connect(scratch), "sqlite3 .recover"
        else:
            try:
                source = _connect_ro(damaged)
            except sqlite3.Error:
                result.method = "nothing readable"
                Store(target).close()
                return result
            result.method = "row by row"
        try:
            with Store(target) as store:
                _copy(source, store._con, result)
        finally:
            source.close()
    return result


def _insert(con: sqlite3.Connection, table: str, cols: list[str], row: Any) -> bool:
    try:
        con.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            row,
        )
    except sqlite3.Error:
        return False
    return True


def _copy(source: sqlite3.Connection, con: sqlite3.Connection, result: Recovery) -> None:
    """Every readable row of `source` into the new store `con`, parents first; rows whose
    parent was lost get a stand-in parent (see `_stand_ins`) and a second try."""
    con.execute("PRAGMA foreign_keys = ON")
    waiting: dict[str, tuple[list[str], list[Any]]] = {}
    for table, key in TABLES:
        theirs = _columns(source, table)
        ours = _columns(con, table)
        cols = [c for c in ours if c in theirs]
        if not cols or not all(k in cols for k in key):
            continue
        refused: list[Any] = []
        con.execute("BEGIN IMMEDIATE")
        copied = 0
        for row in _rows(source, table, key, cols):
            if _insert(con, table, cols, row):
                copied += 1
            else:
                refused.append(row)
        if table == "attempts" and "lease_owner" in cols:
            con.execute("UPDATE attempts SET lease_owner = NULL")
        con.execute("COMMIT")
        result.copied[table] = copied
        waiting[table] = (cols, refused)
    if not any(rows for _, rows in waiting.values()):
        result.refused = {t: 0 for t in waiting}
        return
    con.execute("BEGIN IMMEDIATE")
    _stand_ins(source, con, waiting)
    for table, (cols, rows) in waiting.items():
        again = [row for row in rows if _insert(con, table, cols, row)]
        result.copied[table] = result.copied.get(table, 0) + len(again)
        result.refused[table] = len(rows) - len(again)
    con.execute("COMMIT")


def _stand_ins(
    source: sqlite3.Connection,
    con: sqlite3.Connection,
    waiting: dict[str, tuple[list[str], list[Any]]],
) -> None:
    """Parents for rows whose own were on a damaged page: a learner "Recovered learner N",
    a quiz version "recovered", and an abandoned attempt holding the answers found (its
    learner and quiz version read from an index when the index survived). Abandoned
    attempts are never resumed and give no score; their answers still count."""

    def missing(table: str, ids: set[Any]) -> set[Any]:
        have = {r[0] for r in con.execute(f"SELECT id FROM {table}")}
        return {i for i in ids if i is not None and i not in have}

    def column(table: str, name: str) -> list[Any]:
        cols, rows = waiting.get(table, ([], []))
        return [row[cols.index(name)] for row in rows] if name in cols else []

    # What an index still knows of a lost attempt (covering, so the table is not read).
    known = {
        r[0]: r[1:]
        for r in _scan(
            source,
            "SELECT id, learner_id, quiz_version_id FROM attempts INDEXED BY attempts_history",
        )
    }
    learners = set(column("attempts", "learner_id")) | set(column("review_cards", "learner_id"))
    learners |= {v[0] for v in known.values()}
    versions = set(column("attempts", "quiz_version_id"))
    versions |= set(column("question_tags", "quiz_version_id"))
    versions |= {v[1] for v in known.values()}
    for i in sorted(missing("learners", learners)):
        con.execute(
            "INSERT INTO learners (id, name, language, created_ms) VALUES (?, ?, 'en', 0)",
            (i, f"Recovered learner {i}"),
        )
    for i in sorted(missing("quiz_versions", versions)):
        con.execute(
            "INSERT INTO quiz_versions (id, quiz_id, sha256, title, first_seen_ms) "
            "VALUES (?, 'recovered', ?, 'Recovered answers', 0)",
            (i, f"recovered-{i}"),
        )
    cols, rows = waiting.get("answers", ([], []))
    by_attempt: dict[Any, list[Any]] = {}
    if "attempt_id" in cols:
        for row in rows:
            by_attempt.setdefault(row[cols.index("attempt_id")], []).append(row)
    lost = missing("attempts", set(by_attempt) | set(column("answer_log", "attempt_id")))
    if not lost:
        return
    fallback_learner = _one(con, "SELECT min(id) FROM learners") or _new(
        con, "INSERT INTO learners (name, language, created_ms) VALUES ('Recovered', 'en', 0)"
    )
    fallback_version = _one(con, "SELECT min(id) FROM quiz_versions") or _new(
        con,
        "INSERT INTO quiz_versions (quiz_id, sha256, title, first_seen_ms) "
        "VALUES ('recovered', 'recovered', 'Recovered answers', 0)",
    )
    for attempt_id in sorted(lost):
        answers = by_attempt.get(attempt_id, [])
        keys = [r[cols.index("question_key")] for r in answers] if answers else []
        times = [r[cols.index("answered_ms")] for r in answers] if answers else [0]
        learner, version = known.get(attempt_id, (fallback_learner, fallback_version))
        con.execute(
            "INSERT INTO attempts (id, learner_id, quiz_version_id, mode, seed, question_order, "
            "started_ms, finished_ms, status) VALUES (?, ?, ?, 'exam', 0, ?, ?, ?, 'abandoned')",
            (attempt_id, learner, version, json.dumps(keys), min(times), max(times)),
        )


def _one(con: sqlite3.Connection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    return row[0] if row else None


def _new(con: sqlite3.Connection, sql: str) -> int:
    return int(con.execute(sql).lastrowid or 0)


def rescue(path: Path) -> tuple[Path, Recovery]:
    """Move a damaged database aside (nothing deleted) and recover what it still holds
    into a new one at `path`. Returns where the damaged file went and what was saved."""
    from quizapp.store.errors import move_aside

    moved = move_aside(path)
    return moved, recover(moved, path)
