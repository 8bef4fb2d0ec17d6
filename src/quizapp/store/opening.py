"""Open the score store named by a `--database` value: an SQLite path or a
`postgresql://` URL (`locations.database_target` resolves it).

Placeholder by pgtools until pgcore's PostgreSQL backend lands: it keeps the name
`open_store` so every caller (the commands, the app, class mode) already goes through it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from quizapp.store.errors import StoreError


def open_store(target: str | os.PathLike[str], **kwargs: Any) -> Any:
    """The store at `target`; `kwargs` as `Store` takes them (clock, lease_timeout...)."""
    from quizapp.locations import is_postgres_url

    if is_postgres_url(target):
        raise StoreError(Path(), "This quizapp cannot open a PostgreSQL store yet.")
    from quizapp.store.store import Store

    return Store(target, **kwargs)
