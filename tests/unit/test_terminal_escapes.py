"""No control character from data reaches a terminal raw (issue 13, terminal escapes).

A quiz with terminal sequences in every text field (tests/data/escapes/escapes.toml), a
learner name, a file name and a received export file carrying them go through every
output path: plain mode, validate, report in every format to a terminal, export, class
reports. Each output is checked for any raw C0/C1 character but newline and tab. A test
also runs every registered command with hostile output, so a command added later is
checked without being listed here.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from quizapp import cli
from quizapp.cli import main
from quizapp.model.terminal import TerminalStream, visible

ROOT = Path(__file__).parent.parent.parent
ESCAPES = ROOT / "tests" / "data" / "escapes" / "escapes.toml"
PAYLOAD = "\x1b]2;PWNED\x07\x1b]52;c;SGFja2Vk\x07\x1b[2J\x9b31m\x7f\r\b"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def assert_clean(text: str, where: str) -> None:
    found = RAW.search(text)
    assert found is None, (
        f"{where}: raw {found.group()!r} in {text[max(0, found.start() - 60) : found.end() + 20]!r}"
    )


class Tty(io.TextIOWrapper):
    """A stream that says it is a terminal and keeps what was written, bytes included."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", write_through=True)

    def isatty(self) -> bool:
        return True

    def text(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


def run_cli(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "", tty: bool = True
) -> tuple[int, str, str]:
    """Run the command line with a terminal (or a pipe) on stdout and stderr."""
    out = Tty() if tty else io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = Tty()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out.flush()
    # `report`'s progress line on a terminal: the program's own carriage returns, no data.
    progress = re.sub(r"\r(?:Building the report… +\d+%| {30}\r)", "", err.text())
    return code, out.buffer.getvalue().decode("utf-8"), progress  # type: ignore[attr-defined]


# -- the sanitizer ---------------------------------------------------------------------


def test_visible_shows_every_control_and_keeps_the_rest() -> None:
    every = "".join(chr(c) for c in range(0x100))
    shown = visible(every)
    assert_clean(shown, "visible")
    assert "\n" in shown and "\t" in shown
    assert visible("a\x1bb") == "a␛b"
    assert visible("line\r\nnext") == "line\nnext"
    assert visible("\x9b") == "\\x9b"
    assert visible("ü ✓ 日本 [b]") == "ü ✓ 日本 [b]"  # printable text untouched
    assert visible("bad \udcff byte") == "bad \ufffd byte"
    assert visible(visible(every)) == shown


def test_the_stream_wrapper_covers_text_and_bytes() -> None:
    raw = Tty()
    stream = TerminalStream.wrap(raw)
    assert TerminalStream.wrap(stream) is stream
    stream.write("text " + PAYLOAD + "\n")
    stream.buffer.write(("bytes " + PAYLOAD).encode())
    assert_clean(raw.text(), "wrapped stream")
    assert "␛]2;PWNED" in raw.text()


# -- every command, present and future --------------------------------------------------


def _commands() -> list[str]:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", _commands())
def test_every_command_writes_through_the_sanitizer(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a command prints (text or bytes, stdout or stderr) passes `visible`: the
    streams are wrapped around every command, so a new one is covered too."""

    def hostile_run(args: Any) -> int:
        print("message", PAYLOAD, file=sys.stderr)
        sys.stdout.write("report " + PAYLOAD + "\n")
        sys.stdout.buffer.write(("bytes " + PAYLOAD).encode())
        return 0

    parser = cli.build_parser()
    namespace = argparse.Namespace(
        command=command, run=hostile_run, data_dir=None, lang=None, database=None
    )
    monkeypatch.setattr(parser, "parse_args", lambda argv=None: namespace)
    monkeypatch.setattr(cli, "build_parser", lambda lang="en": parser)
    code, out, err = run_cli([command], monkeypatch)
    assert code == 0
    assert "PWNED" in out and "PWNED" in err
    assert_clean(out, f"{command} stdout")
    assert_clean(err, f"{command} stderr")


def test_nothing_writes_around_the_sanitizer() -> None:
    """The original streams and file descriptors 1 and 2 are not written to directly."""
    around = re.compile(r"sys\.__std(out|err)__|os\.write\(\s*[12]\b|open\(\s*[12]\b|/dev/tty")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "src" / "quizapp").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if around.search(line)
    ]
    assert offenders == []


# -- each output path with the hostile quiz ---------------------------------------------


@pytest.mark.parametrize("mode", ["practice", "exam"])
def test_plain_mode_shows_every_field_visibly(
    mode: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Wrong answers and skips, so every feedback, right answer and explanation is shown.
    lines = ["2", "2", "2", "wrong", "7", "2,1", "1-b, 2-a", "1", "1"] if mode == "practice" else []
    lines += [":list", ":go 99999", "\x1b]2;typed\x07", ":flag", ":submit"]
    argv = [
        "take",
        str(ESCAPES),
        "--plain",
        "--mode",
        mode,
        "--seed",
        "3",
        "--learner",
        "Ana",
        "--new-learner",
    ]
    code, out, err = run_cli(argv, monkeypatch, "\n".join(lines) + "\n", tty=False)
    assert code == 0, err
    assert_clean(out, "take --plain stdout")
    assert_clean(err, "take --plain stderr")
    for label in ("Title", "Single", "Right choice", "Explanation", "Band"):
        assert f"{label} ␛]2;PWNED␇␛]52;c;SGFja2Vk␇␛[2J\\x9b31m␡␍␈" in out, label
    if mode == "practice":
        assert "Said false ␛]2;PWNED" in out or "Said true ␛]2;PWNED" in out


def test_validate_shows_bad_values_and_file_names_visibly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bad = tmp_path / "evil\x1b]2;name\x07.toml"
    bad.write_text(
        '[quiz]\nid = "e"\ntitle = "t"\n"\\u001b]2;key\\u0007" = 1\n\n'
        '[[questions]]\nid = "q"\ntype = "\\u001b[2Jsingle"\n'
        'prompt = "p \\u001b]52;c;eA==\\u0007"\n'
        'choices = "\\u001b]2;choices\\u0007"\n',
        encoding="utf-8",
    )
    for fmt in ("text", "json"):
        code, out, err = run_cli(["validate", "--format", fmt, str(bad)], monkeypatch)
        assert code == 1
        assert ("\\u001b]2;name" if fmt == "json" else "␛]2;name") in out + err
        assert_clean(out, f"validate --format {fmt} stdout")
        assert_clean(err, f"validate --format {fmt} stderr")


def _taken(monkeypatch: pytest.MonkeyPatch, data: Path, learner: str) -> None:
    argv = ["--data-dir", str(data), "take", str(ESCAPES), "--plain", "--seed", "1"]
    argv += ["--learner", learner, "--new-learner"]
    code, _, err = run_cli(argv, monkeypatch, "1\n" * 12, tty=False)
    assert code == 0, err


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "html"])
def test_reports_to_a_terminal_and_class_files(
    fmt: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    (data / "quizzes").mkdir(parents=True)
    (data / "quizzes" / "escapes.toml").write_bytes(ESCAPES.read_bytes())
    _taken(monkeypatch, data, "Ana")
    base = ["--data-dir", str(data)]
    report = [*base, "report", "--learner", "Ana", "--format", fmt, "-o", "-"]
    code, out, err = run_cli(report, monkeypatch)
    assert code == 0, err
    assert "PWNED" in out
    assert_clean(out, f"report {fmt} to a terminal")
    assert_clean(err, f"report {fmt} stderr")
    code, piped, err = run_cli(report, monkeypatch, tty=False)
    assert code == 0, err
    if fmt != "json":  # a terminal may show these files: no raw ESC even in a file
        assert_clean(piped.replace("\r\n", "\n"), f"report {fmt} to a pipe")  # CSV's CR LF

    # export keeps data exactly; a hostile name in a received file is shown visibly.
    exported = tmp_path / "ana.json"
    export_argv = [*base, "export", "--learner", "Ana", "-o", str(exported)]
    code, out, err = run_cli(export_argv, monkeypatch)
    assert code == 0, err
    assert_clean(out + err, "export messages")
    export = json.loads(exported.read_text(encoding="utf-8"))
    assert export["quiz_versions"][0]["title"] == "Title " + PAYLOAD  # exact in the file
    export["learner"]["name"] = "Evil " + PAYLOAD
    received = tmp_path / "evil\x1b]2;file\x07.json"
    received.write_text(json.dumps(export), encoding="utf-8")
    junk = tmp_path / "junk\x1b[2J.json"
    junk.write_text('{"\\u001b]2;x\\u0007": 1}', encoding="utf-8")
    code, out, err = run_cli(
        ["report", "--class", str(received), str(junk), "--format", fmt, "-o", "-"], monkeypatch
    )
    assert code == 0, err
    assert "Evil" in out and "junk␛[2J" in err
    assert_clean(out, f"class report {fmt}")
    assert_clean(err, f"class report {fmt} stderr")


def test_a_hostile_learner_name_is_shown_visibly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Whether the name is refused or taken, what is printed shows it visibly."""
    data = tmp_path / "data"
    argv = ["--data-dir", str(data), "take", str(ESCAPES), "--plain", "--seed", "1"]
    hostile = [*argv, "--learner", "Evil\x1b]2;x\x07", "--new-learner"]
    _code, out, err = run_cli(hostile, monkeypatch, "1\n")
    assert_clean(out, "take stdout")
    assert_clean(err, "take stderr")
    report = ["--data-dir", str(data), "report", "--learner", "Evil\x1b]2;x\x07", "-o", "-"]
    for fmt in ("md", "csv"):
        _code, out, err = run_cli([*report, "--format", fmt], monkeypatch)
        assert_clean(out + err, f"report {fmt} of a hostile name")
