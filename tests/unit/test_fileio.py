"""One function writes every file, one reads every input file (issue 13: output paths,
files that are not files). Each writing command is tried against the same hostile
targets: an existing file, a symbolic link, a device, a named pipe, a folder, and `-`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from report_samples import attempt, export_for, simple_version

from quizapp.cli import main
from quizapp.fileio import (
    OutputExistsError,
    RefusedPath,
    TooLargeError,
    read_regular,
    write_output,
)
from quizapp.reports.export import dump_export

QUIZ = """[quiz]
id = "tiny"
title = "Tiny"

[[questions]]
id = "sky"
type = "true_false"
prompt = "The sky is green."
answer = false
"""


# -- the write function ---------------------------------------------------------------------


def test_write_refuses_a_link_even_with_force(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(victim)
    for force in (False, True):
        with pytest.raises(RefusedPath, match="symbolic link"):
            write_output(link, b"evil", force=force)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert link.is_symlink()
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere" / "file")
    with pytest.raises(RefusedPath, match="symbolic link"):
        write_output(dangling, b"evil", force=True)
    assert not (tmp_path / "nowhere").exists()


def test_write_never_replaces_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    targets = [(fifo, "named pipe"), (folder, "folder")]
    device = _device(tmp_path)
    if device is not None:
        targets.append((device, "device"))
    for target, kind in targets:
        with pytest.raises(RefusedPath, match=kind):
            write_output(target, b"x", force=True)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert device is None or stat.S_ISCHR(device.lstat().st_mode)


def _device(tmp_path: Path) -> Path | None:
    """A private copy of /dev/null's node, so a regression replaces it, not the system's;
    None where nodes cannot be made (not root)."""
    node = tmp_path / "null-device"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        return None
    return node


def test_write_is_atomic_and_durable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr("quizapp.fileio.os.fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    target = tmp_path / "out.txt"
    write_output(target, "first")
    assert len(synced) == 2  # the file, then its folder (the rename)
    with pytest.raises(OutputExistsError):
        write_output(target, "second")
    write_output(target, "second", force=True)
    assert target.read_text(encoding="utf-8") == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_dash_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    sink = io.BytesIO()
    assert write_output("-", "hello", stdout=sink) is None
    assert sink.getvalue() == b"hello"
    monkeypatch.chdir(tmp_path)
    assert not (tmp_path / "-").exists()


# -- the read function ----------------------------------------------------------------------


def test_read_refuses_pipes_devices_and_loops_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # no writer: an ordinary open would block for ever
    with pytest.raises(RefusedPath, match="named pipe"):
        read_regular(fifo, 100)
    with pytest.raises(RefusedPath, match="character device"):
        read_regular("/dev/zero", 100)  # st_size is 0: only the type check stops it
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OSError, match="symbolic links"):
        read_regular(loop, 100)


def test_read_limit_counts_bytes(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_bytes(b"x" * 101)
    with pytest.raises(TooLargeError):
        read_regular(f, 100)
    assert read_regular(f, 101) == b"x" * 101
    assert read_regular(f) == b"x" * 101


# -- every command that writes --------------------------------------------------------------


def _quiz(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(QUIZ, encoding="utf-8")
    return path


def _gift(tmp_path: Path) -> Path:
    path = tmp_path / "bank.gift"
    path.write_text("::Q::Sky is green?{F}\n", encoding="utf-8")
    return path


def _export(tmp_path: Path) -> Path:
    version = simple_version()
    path = tmp_path / "learner.json"
    path.write_text(
        dump_export(export_for("Ana", [attempt("Ana", version, [1, 0, 1])], [version])),
        encoding="utf-8",
    )
    return path


def _commands(tmp_path: Path) -> dict[str, object]:
    """Each writing command, as a function of its output path (extension given)."""
    return {
        "schema": lambda out: ["schema", "-o", out],
        "convert-to-toml": lambda out: ["convert", str(_gift(tmp_path)), out],
        "convert-to-gift": lambda out: ["convert", str(_quiz(tmp_path)), out],
        "report": lambda out: ["report", "--class", str(_export(tmp_path)), "-o", out],
        "new": lambda out: ["new", "fresh", "--title", "Fresh", "--types", "single", "-o", out],
    }


SUFFIX = {
    "schema": ".json",
    "convert-to-toml": ".toml",
    "convert-to-gift": ".gift",
    "report": ".md",
    "new": ".toml",
}


@pytest.mark.parametrize("command", list(SUFFIX))
def test_every_writing_command_refuses_links_devices_and_existing_files(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _commands(tmp_path)[command]
    out = tmp_path / "outputs"
    out.mkdir()
    suffix = SUFFIX[command]

    existing = out / f"existing{suffix}"
    existing.write_text("mine", encoding="utf-8")
    assert main(args(str(existing))) == 1  # type: ignore[operator]
    assert existing.read_text(encoding="utf-8") == "mine"
    assert main([*args(str(existing)), "--force"]) == 0  # type: ignore[operator]
    assert existing.read_text(encoding="utf-8") != "mine"

    victim = out / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    link = out / f"link{suffix}"
    link.symlink_to(victim)
    fifo = out / f"pipe{suffix}"
    os.mkfifo(fifo)
    device = _device(out)  # `report --force` once replaced a device node with a file
    for target in (link, fifo, *([device] if device else [])):
        for force in ([], ["--force"]):
            assert main([*args(str(target)), *force]) == 1  # type: ignore[operator]
    assert victim.read_text(encoding="utf-8") == "keep"
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert device is None or stat.S_ISCHR(device.lstat().st_mode)
    err = capsys.readouterr().err
    assert "symbolic link" in err and "named pipe" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", list(SUFFIX))
def test_dash_means_stdout_for_every_command(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    args = _commands(tmp_path)[command]
    monkeypatch.chdir(tmp_path)
    argv = args("-")  # type: ignore[operator]
    if command == "report":
        argv += ["--format", "md"]
    assert main(argv) == 0
    assert not (tmp_path / "-").exists()
    assert capsys.readouterr().out.strip()


def test_export_dash_is_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    data = tmp_path / "data"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(":submit\ny\n" * 3))
    main(
        [
            "--data-dir",
            str(data),
            "take",
            str(_quiz(tmp_path)),
            "--plain",
            "--learner",
            "Ana",
            "--new-learner",
        ]
    )
    capsys.readouterr()
    assert main(["export", "--learner", "Ana", "-o", "-", "--data-dir", str(data)]) == 0
    assert '"quizapp-learner-export"' in capsys.readouterr().out
    assert not (tmp_path / "-").exists()


def test_convert_leaves_a_foreign_schema_beside_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`convert X.gift DIR/Y.toml` silently overwrote DIR/quiz.schema.json."""
    folder = tmp_path / "dir"
    folder.mkdir()
    theirs = folder / "quiz.schema.json"
    theirs.write_text('{"title": "the team\'s own schema"}', encoding="utf-8")
    assert main(["convert", str(_gift(tmp_path)), str(folder / "y.toml")]) == 0
    assert theirs.read_text(encoding="utf-8") == '{"title": "the team\'s own schema"}'
    assert "left" in capsys.readouterr().out


def test_build_never_writes_through_a_link(tmp_path: Path) -> None:
    out = tmp_path / "banks"
    assert main(["build", "-o", str(out)]) == 0
    bank = next(out.glob("*.toml"))
    victim = tmp_path / "victim.toml"
    victim.write_text("keep", encoding="utf-8")
    bank.unlink()
    bank.symlink_to(victim)
    assert main(["build", "-o", str(out)]) == 1
    assert victim.read_text(encoding="utf-8") == "keep"


# -- every command that reads quiz files ----------------------------------------------------


def test_validate_and_take_skip_what_is_not_a_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    quiz = _quiz(tmp_path)
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "zero.toml").symlink_to("/dev/zero")
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "pipe.toml: skipped: this is a named pipe" in out
    assert "zero.toml: skipped: this is a character device" in out
    assert "loop.toml: skipped: this is a loop of symbolic links" in out
    for name in ("pipe.toml", "zero.toml"):
        assert main(["validate", str(tmp_path / name)]) == 1
    assert "skipped" in capsys.readouterr().out
    # A quiz that includes another reads the files beside it: each non-file is one line.
    including = tmp_path / "including.toml"
    including.write_text(
        '[quiz]\nid = "including"\ntitle = "I"\ninclude = [{ quiz = "tiny" }]\n', encoding="utf-8"
    )
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(":submit\ny\n"))
    main(["--data-dir", str(tmp_path / "d"), "take", str(including), "--plain"])
    err = capsys.readouterr().err
    assert "pipe.toml: skipped: this is a named pipe" in err and "Traceback" not in err
    assert "loop.toml: skipped: this is a loop of symbolic links" in err
    (tmp_path / "including.toml").unlink()
    # A quiz without includes is taken without reading the files beside it.

    monkeypatch.setattr(sys, "stdin", io.StringIO(":submit\ny\n"))
    code = main(["--data-dir", str(tmp_path / "d"), "take", str(quiz), "--plain"])
    captured = capsys.readouterr()
    assert code in (0, 1)
    assert "Traceback" not in captured.err
    assert "pipe.toml" not in captured.err
    pipe = str(tmp_path / "pipe.toml")
    assert main(["--data-dir", str(tmp_path / "d"), "take", pipe, "--plain"]) != 0
    assert "named pipe" in capsys.readouterr().err
