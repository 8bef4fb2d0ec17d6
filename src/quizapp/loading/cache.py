"""The validated catalog kept between runs, so a start whose files are unchanged skips
parsing and validating them.

One file in the cache folder (`locations.cache_dir()`) holds, per quiz or module file,
what loading it gave (`LoadResult`, `ModuleResult`: the models or the problems), under
the file's path, size, mtime and the SHA-256 of its bytes. Each start still reads every
file and hashes it (a millisecond for the bundled banks): a file is taken from the cache
only when all four match, so an edit that keeps the size and the mtime is still seen.
An edited, added or removed file is loaded alone; the rest come from the cache.

The cache is never trusted: a file that is missing, unreadable, truncated, written by
another quizapp version or format, or by code whose models or loader differ, is ignored
whole and rebuilt; one that cannot be written is left as it was. Neither is an error.
Unpickling may construct only the dataclasses a catalog is made of (never call a
function, never follow a dotted name), so a doctored cache file cannot run code. The
most it can do is hand the app a catalog that skipped validation; the folder is the
user's own, and whoever can write there can as well edit their quiz files or their
shell's start-up files. (A signing key kept beside the file would be readable by the
same someone, so it would add nothing.)

`quizapp validate` and `lint` never use it: they always read the files.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from quizapp import __version__
from quizapp.loading.catalog import Catalog, catalog_of, quiz_files
from quizapp.loading.problems import Sentence
from quizapp.loading.results import (
    MAX_FILE_BYTES,
    LoadResult,
    ModuleResult,
    ModuleSet,
    gc_paused,  # the collector paused as the loader does: objects that all live on
    module_set_of,
)

CACHE_FILE = "catalog.pickle"
FORMAT = 1
"""The layout of the cache file; a change of layout bumps it."""

_CODE_FOLDERS = ("model", "loading")
"""Where the code that makes a cached result lives: an edit there (a new field, a new
rule) makes earlier results stale, even within one quizapp version."""

_ALLOWED_MODULES = frozenset(
    {
        "quizapp.model.quiz",
        "quizapp.model.content",
        "quizapp.model.text",
        "quizapp.loading.results",
        "quizapp.loading.problems",
    }
)
"""Where the classes a cache file may name are defined."""

_ALLOWED_BUILTINS = frozenset({"frozenset", "set", "complex"})

_Result = TypeVar("_Result", LoadResult, ModuleResult)


def _stamp() -> tuple[Any, ...]:
    """What a cache file must have been written by: this format, this quizapp, this
    Python, and the same model and loader source files (size and mtime of each)."""
    package = Path(__file__).resolve().parent.parent
    files: list[tuple[str, int, int]] = []
    for folder in _CODE_FOLDERS:
        with contextlib.suppress(OSError), os.scandir(package / folder) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    files.append((f"{folder}/{entry.name}", info.st_size, info.st_mtime_ns))
    return (FORMAT, __version__, sys.version_info[:2], tuple(sorted(files)))


class _Unpickler(pickle.Unpickler):
    """Reads only the catalog's own data classes; any other global is refused.

    A pickle runs code by calling what it names, so it may name only dataclasses
    defined in the catalog's modules (whose construction sets fields and nothing else)
    and a problem's `Sentence` (a string that keeps its key and fields): never a
    function, and never a dotted name, which would reach any attribute of an allowed
    module or class (its imports, its methods) and from there anything.
    """

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _ALLOWED_BUILTINS:
            return super().find_class(module, name)
        if module == Sentence.__module__ and name == Sentence.__name__:
            return Sentence
        if module in _ALLOWED_MODULES and "." not in name:
            found = getattr(sys.modules.get(module), name, None)
            if (
                isinstance(found, type)
                and found.__module__ == module
                and dataclasses.is_dataclass(found)
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} has no place in a catalog cache")


_Entry = tuple[str, int, int, str, Any]
"""(the name the file was loaded as, size, mtime in ns, SHA-256, the result)."""


_Loaders = tuple[Callable[[str | Path], _Result], Callable[[bytes, str], _Result]]
"""How to load one file: by its path, and from bytes already read."""


def _quiz_loaders() -> _Loaders[LoadResult]:
    # Imported on a miss only: a warm start needs neither the parser's helpers nor the rules.
    from quizapp.loading.loader import load_quiz, load_quiz_bytes

    return load_quiz, load_quiz_bytes


def _module_loaders() -> _Loaders[ModuleResult]:
    from quizapp.loading.content import load_module, load_module_bytes

    return load_module, load_module_bytes


class CatalogCache:
    """The cache file of one folder: look files up, then `save()` what changed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / CACHE_FILE
        self._entries: dict[tuple[str, str], _Entry] | None = None
        self._seen: set[tuple[str, str]] = set()
        self._changed = False
        self.loaded: list[str] = []
        """The files read and validated this run (not taken from the cache)."""
        self.trusted = False
        """Whether a cache file was found and accepted."""

    # -- reading ----------------------------------------------------------------------

    def _read(self) -> dict[tuple[str, str], _Entry]:
        if self._entries is None:
            self._entries = self._load_file()
            self.trusted = bool(self._entries)
        return self._entries

    def _load_file(self) -> dict[tuple[str, str], _Entry]:
        try:
            with open(self.path, "rb") as file:
                data = file.read()
        except OSError:
            return {}
        try:
            unpickler = _Unpickler(io.BytesIO(data))
            if unpickler.load() != _stamp():
                return {}
            with gc_paused():
                entries = unpickler.load()
        except Exception:
            # Truncated, garbled, or naming what no longer exists: start afresh.
            return {}
        return entries if isinstance(entries, dict) else {}

    def quiz(self, path: str | Path) -> LoadResult:
        """What `load_quiz(path)` gives, from the cache when the file is unchanged."""
        return self._lookup("quiz", path, _quiz_loaders)

    def module(self, path: str | Path) -> ModuleResult:
        """What `load_module(path)` gives, from the cache when the file is unchanged."""
        return self._lookup("module", path, _module_loaders)

    def _lookup(
        self,
        kind: str,
        path: str | Path,
        loaders: Callable[[], _Loaders[_Result]],
    ) -> _Result:
        name = str(path)
        try:
            info = os.stat(name)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                raise OSError
            with open(name, "rb") as file:
                data = file.read()
        except OSError:
            # Missing, a folder, too large, unreadable: the loader says which, uncached.
            self.loaded.append(name)
            return loaders()[0](path)
        key = (kind, os.path.abspath(name))
        self._seen.add(key)
        digest = hashlib.sha256(data).hexdigest()
        entry = self._read().get(key)
        if entry is not None and entry[:4] == (name, info.st_size, info.st_mtime_ns, digest):
            result: _Result = entry[4]
            return result
        self.loaded.append(name)
        result = loaders()[1](data, name)
        self._read()[key] = (name, info.st_size, info.st_mtime_ns, digest, result)
        self._changed = True
        return result

    # -- writing ----------------------------------------------------------------------

    def save(self) -> None:
        """Write the cache if anything changed; a folder that cannot be written is left
        alone (the next start loads the files again), never an error."""
        entries = self._read()
        gone = [key for key in entries if key not in self._seen and not os.path.exists(key[1])]
        for key in gone:
            del entries[key]
        if not (self._changed or gone):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=".tmp", dir=self.folder)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as file:
                pickler = pickle.Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)
                pickler.dump(_stamp())
                pickler.dump(entries)
            # Whole or not at all: another process may be reading it.
            os.replace(tmp, self.path)
        except Exception:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return
        self._changed = False


def load_cached(
    quiz_paths: Sequence[str | Path],
    content_paths: Sequence[str | Path],
    cache: CatalogCache,
) -> tuple[Catalog, ModuleSet]:
    """The catalog and the modules under the paths, as `load_catalog` and `load_modules`
    give them, unchanged files taken from `cache`. Call `cache.save()` after."""
    catalog = catalog_of([cache.quiz(p) for p in quiz_files(quiz_paths)])
    modules = module_set_of([cache.module(p) for p in quiz_files(content_paths)])
    return catalog, modules


def load_catalog_cached(paths: Sequence[str | Path], folder: Path | None = None) -> Catalog:
    """`load_catalog(paths)` through the cache in `folder` (default: the user's cache
    folder), which is then saved: for commands that load the catalog and go on."""
    if folder is None:
        from quizapp.locations import cache_dir

        folder = cache_dir()
    cache = CatalogCache(folder)
    catalog = catalog_of([cache.quiz(p) for p in quiz_files(paths)])
    cache.save()
    return catalog
