"""Write `v3.sqlite3`: `v2.sqlite3` as the v3 step left it, for the migration test.

The v3 DDL is copied here, not imported, so the fixture stays what v3 shipped. Run it
only to remake the fixture: `python tests/data/store/make_v3.py`.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

V3_DDL = "ALTER TABLE attempts ADD COLUMN flagged TEXT;"

if __name__ == "__main__":
    here = Path(__file__).parent
    shutil.copy(here / "v2.sqlite3", here / "v3.sqlite3")
    con = sqlite3.connect(here / "v3.sqlite3")
    con.executescript(V3_DDL)
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.execute("VACUUM")
    con.close()
