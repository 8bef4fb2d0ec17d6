"""The bundled quizzes and module ship inside the wheel, so `quizapp` works from anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.slow
def test_wheel_carries_the_bundled_quizzes_and_content(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = tmp_path.glob("quizapp-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for quiz in (ROOT / "quizzes").glob("*.toml"):
        assert f"quizapp/_bundled/quizzes/{quiz.name}" in names
    assert "quizapp/_bundled/quizzes/quiz.schema.json" in names
    for module in (ROOT / "content").glob("*.toml"):
        assert f"quizapp/_bundled/content/{module.name}" in names
