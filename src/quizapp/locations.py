"""Every path quizapp reads or writes, in one place.

Nothing here touches the disk at import time; callers ask when they need a path.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

APP_NAME = "quizapp"
DATA_DIR_ENV = "QUIZAPP_DATA_DIR"
CACHE_DIR_ENV = "QUIZAPP_CACHE_DIR"
DATABASE_URL_ENV = "QUIZAPP_DATABASE_URL"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")

# The package is always a folder on disk (wheel or editable install); importlib.resources
# would cost the app's start-up a few ms of imports (zipfile and the resource readers).
_PACKAGE_DIR = Path(__file__).resolve().parent
# In a source checkout (editable install) the banks sit at the repo's top level;
# a built wheel carries them inside the package, under _bundled/.
_REPO_ROOT = _PACKAGE_DIR.parent.parent


def _bundled(name: str) -> Path:
    inside = _PACKAGE_DIR / "_bundled" / name
    if inside.is_dir():
        return inside
    return _REPO_ROOT / name


def bundled_quizzes_dir() -> Path:
    """The quiz banks shipped with quizapp."""
    return _bundled("quizzes")


def bundled_content_dir() -> Path:
    """The learning modules shipped with quizapp."""
    return _bundled("content")


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where scores and the user's own quizzes live: `--data-dir`, `$QUIZAPP_DATA_DIR`,
    or the platform's user data folder."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    # Deferred: platformdirs is only needed when no override is given.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """What quizapp can rebuild (the validated catalog): `$QUIZAPP_CACHE_DIR`, or the
    platform's user cache folder. Shared by every data folder: entries are keyed by
    each file's own path."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def user_quizzes_dir(base: Path | None = None) -> Path:
    """The user's own quiz files, loaded beside the bundled ones."""
    return (base or data_dir()) / "quizzes"


def database_path(base: Path | None = None) -> Path:
    """The SQLite score store."""
    return (base or data_dir()) / "scores.sqlite3"


def is_postgres_url(target: object) -> bool:
    """Whether a `--database` value names a PostgreSQL server rather than an SQLite file."""
    return isinstance(target, str) and target.startswith(_POSTGRES_SCHEMES)


def database_target(base: Path | None = None, override: str | None = None) -> Path | str:
    """The score store: `--database`, `$QUIZAPP_DATABASE_URL`, or the SQLite file in the
    data folder. A `postgresql://` URL is returned as is; anything else is an SQLite path."""
    value = override or os.environ.get(DATABASE_URL_ENV)
    if not value:
        return database_path(base)
    if is_postgres_url(value):
        return value
    return Path(value).expanduser()


def class_database_target(base: Path, name: str, override: str | None = None) -> Path | str:
    """Where a class's records are: on PostgreSQL (or a database named outright) the one
    store, where classes are rows, so every serve host on it shares the class; otherwise
    the class's own SQLite file in its folder."""
    if override or os.environ.get(DATABASE_URL_ENV):
        return database_target(base, override)
    return class_database_path(base, name)


def describe_target(target: Path | str) -> str:
    """A store's name for messages: the path, or the URL with its password masked."""
    if not is_postgres_url(target):
        return str(target)
    # By hand rather than with urlsplit, which raises on a mistyped URL (a `[` in the
    # host, a port that is not a number): a bad URL must still be named, never crash.
    url = str(target)
    scheme, _, rest = url.partition("://")
    ends = [i for i in (rest.find(c) for c in "/?#") if i >= 0]
    authority, tail = rest[: min(ends, default=len(rest))], rest[min(ends, default=len(rest)) :]
    tail = re.sub(r"(?i)(\bpassword=)[^&#]*", r"\1***", tail)  # also a query parameter
    userinfo, at, host = authority.rpartition("@")
    if at and ":" in userinfo:
        authority = f"{userinfo.split(':', 1)[0]}:***@{host}"
    return f"{scheme}://{authority}{tail}"


def kept_quizzes_dir(base: Path | None = None) -> Path:
    """What reports need of each quiz version taken (its questions' prompts, options and
    right answers), kept when an attempt starts: a quiz taken by path, or since changed,
    is still described in reports and exports."""
    return (base or data_dir()) / "quiz-versions"


def removed_learners_dir(base: Path | None = None) -> Path:
    """Where a removed learner's results are kept (an export file each), never deleted."""
    return (base or data_dir()) / "removed-learners"


def settings_path(base: Path | None = None) -> Path:
    """The app's own settings: the current learner, language and theme."""
    return (base or data_dir()) / "settings.json"


def class_dir(base: Path, name: str) -> Path:
    """A class's own folder (`quizapp serve --class NAME`): its score store, apart from
    the trainer's own. `name` is a checked class name (letters, digits, `-`, `_`)."""
    return base / "classes" / name


def class_database_path(base: Path, name: str) -> Path:
    """The score store of one class."""
    return database_path(class_dir(base, name))
