"""The validated-catalog cache: what it reuses, what it re-reads, and that a cache file
it cannot trust is ignored and rebuilt, never an error."""

from __future__ import annotations

import io
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from quizapp.cli import main
from quizapp.loading import load_catalog
from quizapp.loading.cache import CACHE_FILE, CatalogCache, _Unpickler, load_cached
from quizapp.loading.content import load_modules
from quizapp.locations import bundled_content_dir, bundled_quizzes_dir

ROOT = Path(__file__).parent.parent.parent
BAD = ROOT / "tests" / "data" / "bad"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    """A folder of quiz files (the bundled ones, and a broken one) and a module folder."""
    quizzes = tmp_path / "quizzes"
    shutil.copytree(bundled_quizzes_dir(), quizzes)
    shutil.copy(BAD / "missing-choices.toml", quizzes / "broken.toml")
    shutil.copytree(bundled_content_dir(), tmp_path / "content")
    return tmp_path


def load(bank: Path, folder: Path) -> tuple[Any, Any, CatalogCache]:
    cache = CatalogCache(folder)
    catalog, modules = load_cached([bank / "quizzes"], [bank / "content"], cache)
    cache.save()
    return catalog, modules, cache


def assert_same_as_uncached(bank: Path, catalog: Any, modules: Any) -> None:
    """The catalog and modules equal what reading every file gives, problems included."""
    fresh = load_catalog([bank / "quizzes"])
    assert catalog.quizzes == fresh.quizzes
    assert catalog.problems == fresh.problems
    assert catalog.hashes == fresh.hashes
    assert catalog.paths == fresh.paths
    assert [r.path for r in catalog.results] == [r.path for r in fresh.results]
    fresh_modules = load_modules([bank / "content"])
    assert modules.modules == fresh_modules.modules
    assert modules.problems == fresh_modules.problems


def test_second_start_reads_every_file_from_the_cache(bank: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    catalog, modules, first = load(bank, folder)
    assert not first.trusted
    assert len(first.loaded) == len(catalog.results) + len(modules.results)
    assert (folder / CACHE_FILE).is_file()

    catalog, modules, second = load(bank, folder)
    assert second.trusted
    assert second.loaded == []
    assert "tour" in catalog.quizzes
    # The broken file's problems come back from the cache too, located as before.
    assert any(p.file.endswith("broken.toml") for p in catalog.problems)
    assert_same_as_uncached(bank, catalog, modules)


def test_the_warm_path_never_imports_pydantic_or_the_loaders(bank: Path, tmp_path: Path) -> None:
    # Only the models and the result types are needed to read a catalog back: the
    # parser's helpers, the rules and pydantic are for files that changed.
    load(bank, tmp_path / "cache")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from quizapp.loading.cache import CatalogCache, load_cached\n"
        f"cache = CatalogCache(Path({str(tmp_path / 'cache')!r}))\n"
        f"catalog, modules = load_cached([Path({str(bank / 'quizzes')!r})], "
        f"[Path({str(bank / 'content')!r})], cache)\n"
        "assert cache.loaded == [], cache.loaded\n"
        "assert 'tour' in catalog.quizzes and modules.modules\n"
        "heavy = ('pydantic', 'tomli', 'quizapp.loading.loader', 'quizapp.loading.rules',\n"
        "         'quizapp.loading.content', 'quizapp.loading.locate')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_an_edited_file_alone_is_read_again(bank: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load(bank, folder)
    tour = bank / "quizzes" / "tour.toml"
    tour.write_text(tour.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    catalog, modules, cache = load(bank, folder)
    assert cache.loaded == [str(tour)]
    assert_same_as_uncached(bank, catalog, modules)


def test_an_edit_keeping_size_and_mtime_is_still_seen(bank: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    catalog, _, _ = load(bank, folder)
    tour = bank / "quizzes" / "tour.toml"
    before = tour.stat()
    text = tour.read_text(encoding="utf-8")
    title = catalog.quizzes["tour"].quiz.title
    old = title["en"] if isinstance(title, dict) else title
    new = old[::-1] if old[::-1] != old else old.upper()
    assert len(new.encode()) == len(old.encode())
    tour.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(tour, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (tour.stat().st_size, tour.stat().st_mtime_ns) == (
        before.st_size,
        before.st_mtime_ns,
    )

    catalog, modules, cache = load(bank, folder)
    assert cache.loaded == [str(tour)]
    title = catalog.quizzes["tour"].quiz.title
    assert (title["en"] if isinstance(title, dict) else title) == new
    assert_same_as_uncached(bank, catalog, modules)


def test_an_edited_module_alone_is_read_again(bank: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load(bank, folder)
    module = next((bank / "content").glob("*.toml"))
    module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    catalog, modules, cache = load(bank, folder)
    assert cache.loaded == [str(module)]
    assert_same_as_uncached(bank, catalog, modules)


def test_added_and_removed_files(bank: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load(bank, folder)
    added = bank / "quizzes" / "extra.toml"
    added.write_text(
        (bank / "quizzes" / "tour.toml")
        .read_text(encoding="utf-8")
        .replace('id = "tour"', 'id = "tour-again"', 1),
        encoding="utf-8",
    )
    catalog, modules, cache = load(bank, folder)
    assert cache.loaded == [str(added)]
    assert "tour-again" in catalog.quizzes
    assert_same_as_uncached(bank, catalog, modules)

    added.unlink()
    (bank / "quizzes" / "broken.toml").unlink()
    catalog, modules, cache = load(bank, folder)
    assert cache.loaded == []
    assert "tour-again" not in catalog.quizzes
    assert not any(p.file.endswith("broken.toml") for p in catalog.problems)
    assert_same_as_uncached(bank, catalog, modules)
    # The removed files' entries are dropped from the cache file, not kept forever.
    with open(folder / CACHE_FILE, "rb") as file:
        unpickler = pickle.Unpickler(file)
        unpickler.load()
        entries = unpickler.load()
    assert not any(path.endswith(("extra.toml", "broken.toml")) for _, path in entries)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: os.urandom(len(data)), id="garbage"),
        pytest.param(lambda data: data[:40] + b"\x00" * 64 + data[104:], id="garbled"),
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(bank: Path, tmp_path: Path, damage: Any) -> None:
    folder = tmp_path / "cache"
    load(bank, folder)
    path = folder / CACHE_FILE
    path.write_bytes(damage(path.read_bytes()))

    catalog, modules, cache = load(bank, folder)
    assert len(cache.loaded) == len(catalog.results) + len(modules.results)
    assert_same_as_uncached(bank, catalog, modules)
    # Rebuilt: the start after reads it again.
    _, _, again = load(bank, folder)
    assert again.trusted and again.loaded == []


def test_a_cache_from_another_version_is_ignored(
    bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    import quizapp.loading.cache as cache_module

    monkeypatch.setattr(cache_module, "__version__", "0.0.1-older")
    load(bank, folder)
    monkeypatch.undo()

    catalog, modules, cache = load(bank, folder)
    assert not cache.trusted
    assert len(cache.loaded) == len(catalog.results) + len(modules.results)
    assert_same_as_uncached(bank, catalog, modules)


def test_a_cache_of_another_format_is_ignored(
    bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    import quizapp.loading.cache as cache_module

    monkeypatch.setattr(cache_module, "FORMAT", cache_module.FORMAT + 1)
    load(bank, folder)
    monkeypatch.undo()
    _, _, cache = load(bank, folder)
    assert not cache.trusted and cache.loaded


def test_a_cache_naming_other_code_is_refused_not_run(bank: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load(bank, folder)
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self) -> Any:
            return (os.system, (f"touch {marker}",))

    with open(folder / CACHE_FILE, "rb") as file:
        stamp = pickle.Unpickler(file).load()
    with open(folder / CACHE_FILE, "wb") as file:
        pickle.dump(stamp, file)
        pickle.dump(Evil(), file)

    catalog, modules, cache = load(bank, folder)
    assert not marker.exists()
    assert not cache.trusted
    assert_same_as_uncached(bank, catalog, modules)


def _string(text: str) -> bytes:
    return b"\x8c" + bytes([len(text)]) + text.encode()  # SHORT_BINUNICODE


def _global(module: str, name: str) -> bytes:
    return _string(module) + _string(name) + b"\x93"  # STACK_GLOBAL: dotted names too


def _payload(reach: str, target: Path) -> bytes:
    """A protocol-4 pickle that makes the folder `target` through what the catalog's own
    modules hold."""
    call = _string(str(target)) + b"\x85R"  # TUPLE1, REDUCE: call with the path
    if reach == "method":  # a method of an allowed class: _Name.real(_Name("os", "mkdir"))
        body = (
            _global("quizapp.model.deferred", "_Name.real")
            + _global("quizapp.model.deferred", "_Name")
            + _string("os")
            + _string("mkdir")
            + b"\x86R\x85R"
            + call
        )
    else:  # a name an allowed module imported: pathlib.Path.mkdir
        body = (
            _global("quizapp.loading.loader", "FsPath.mkdir")
            + _global("quizapp.loading.loader", "FsPath")
            + call
            + b"\x85R"
        )
    return b"\x80\x04" + body + b"."


@pytest.mark.parametrize("reach", ["method", "import"])
def test_a_cache_reaching_code_through_allowed_modules_is_refused_not_run(
    bank: Path, tmp_path: Path, reach: str
) -> None:
    # The payload does run when unpickled without restriction.
    proof = tmp_path / "proof"
    pickle.loads(_payload(reach, proof))
    assert proof.is_dir()

    folder = tmp_path / "cache"
    load(bank, folder)
    marker = tmp_path / "ran"
    with open(folder / CACHE_FILE, "rb") as file:
        stamp = pickle.Unpickler(file).load()
    with open(folder / CACHE_FILE, "wb") as file:
        pickle.dump(stamp, file)
        file.write(_payload(reach, marker))

    catalog, modules, cache = load(bank, folder)
    assert not marker.exists()
    assert not cache.trusted
    assert_same_as_uncached(bank, catalog, modules)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("quizapp.loading.loader", "load_quiz"),  # a function
        ("quizapp.loading.loader", "gc"),  # a module it imported
        ("quizapp.loading.loader", "FsPath"),  # a class it imported (pathlib's)
        ("quizapp.model.quiz", "Quiz.question"),  # a method
        ("quizapp.model.deferred", "_Name"),  # a class outside the catalog's modules
        ("os", "system"),
    ],
)
def test_only_the_catalogs_own_data_classes_may_be_named(module: str, name: str) -> None:
    with pytest.raises(pickle.UnpicklingError, match="no place in a catalog cache"):
        _Unpickler(io.BytesIO(b"")).find_class(module, name)
    assert _Unpickler(io.BytesIO(b"")).find_class("quizapp.model.quiz", "Quiz").__name__ == "Quiz"


def test_an_unreadable_cache_file_is_ignored(bank: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    (folder / CACHE_FILE).mkdir(parents=True)  # a folder where the file should be
    catalog, modules, cache = load(bank, folder)
    assert not cache.trusted
    assert_same_as_uncached(bank, catalog, modules)


def test_a_read_only_cache_folder_is_never_an_error(bank: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        probe = folder / "probe"
        try:
            probe.touch()
        except PermissionError:
            enforced = True
        else:
            enforced = False  # root: permissions are not enforced
            probe.unlink()
        catalog, modules, _cache = load(bank, folder)
        assert_same_as_uncached(bank, catalog, modules)
        if enforced:
            assert not (folder / CACHE_FILE).exists()
            _, _, again = load(bank, folder)
            assert again.loaded  # nothing could be kept: every file is read again
    finally:
        folder.chmod(0o700)


def test_a_cache_folder_that_cannot_be_made_is_never_an_error(
    bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whoever runs the tests (root ignores permissions): writing fails, as in a
    # read-only folder, and nothing is left behind.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    catalog, modules, _cache = load(bank, blocker / "cache")
    assert_same_as_uncached(bank, catalog, modules)

    folder = tmp_path / "cache"
    folder.mkdir()

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    catalog, modules, _cache = load(bank, folder)
    assert_same_as_uncached(bank, catalog, modules)
    assert list(folder.iterdir()) == []


# -- the app and `take` give the same quizzes with and without the cache ------------------


def run_take(argv: list[str], lines: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["take", *argv]) == 0
    return out.getvalue()


def test_take_gives_the_same_attempt_with_and_without_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("QUIZAPP_CACHE_DIR", str(folder))
    argv = ["tour", "--plain", "--mode", "exam", "--seed", "7", "--lang", "en"]
    answers = ["1"] * 40
    runs = []
    for n in range(3):
        monkeypatch.setenv("QUIZAPP_DATA_DIR", str(tmp_path / f"data-{n}"))
        runs.append(run_take(argv, answers, monkeypatch))
        if n == 0:
            assert (folder / CACHE_FILE).is_file()  # written by the first run
    assert runs[0] == runs[1] == runs[2]
    assert "Score" in runs[0]


def test_take_of_a_file_goes_through_the_cache_and_sees_its_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZAPP_CACHE_DIR", str(tmp_path / "cache"))
    own = tmp_path / "mine" / "tour.toml"
    own.parent.mkdir()
    text = (bundled_quizzes_dir() / "tour.toml").read_text(encoding="utf-8")
    own.write_text(text.replace('id = "tour"', 'id = "my-tour"', 1), encoding="utf-8")
    argv = [str(own), "--plain", "--mode", "exam", "--seed", "3", "--lang", "en"]
    first = run_take(argv, ["1"] * 40, monkeypatch)
    own.write_text(text.replace('id = "tour"', 'id = "my-tour"', 1) + "\n", encoding="utf-8")
    second = run_take(argv, ["1"] * 40, monkeypatch)
    assert first == second
    own.write_text('[quiz]\nid = "my-tour"\n', encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["take", *argv]) != 0


async def test_the_app_lists_the_same_catalog_cold_and_warm(tmp_path: Path) -> None:
    from quizapp.tui.app import make_app

    quizzes = [bundled_quizzes_dir()]
    expected = load_catalog(quizzes)
    modules = load_modules([bundled_content_dir()])
    seen = []
    for _ in range(2):
        app = make_app(data_dir=tmp_path / "data", lang="en", animations=False)
        assert app.settings.cache_dir is not None
        async with app.run_test() as pilot:
            for _ in range(200):
                if app.ready:
                    break
                await pilot.pause(0.02)
            assert app.ready
            assert app.catalog is not None
            assert app.catalog.quizzes == expected.quizzes
            assert app.catalog.problems == expected.problems
            assert dict(app.content) == modules.modules
            seen.append(list(app._cache.loaded) if app._cache else None)
    cold, warm = seen
    assert cold and warm == []
