"""Write `v4.sqlite3`: `v3.sqlite3` at schema version 4, for the migration test.

PLACEHOLDER until the hardening branch (issue 13) lands its v4 step (the attempt
lease) and its own `v4.sqlite3`: on this branch step 4 is empty, so the fixture is v3
with its version number raised. MERGE: take that branch's make_v4.py and v4.sqlite3.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

if __name__ == "__main__":
    here = Path(__file__).parent
    shutil.copy(here / "v3.sqlite3", here / "v4.sqlite3")
    con = sqlite3.connect(here / "v4.sqlite3")
    con.execute("PRAGMA user_version = 4")
    con.commit()
    con.close()
