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


@pytest.mark.slow
def test_wheel_carries_the_message_catalog_and_it_speaks(tmp_path):
    """Every language's `.po` and compiled `.mo` ship, and an installed wheel finds them
    (the lookup reads the `.mo` with the standard library; no Babel needed for that)."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = tmp_path.glob("quizapp-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    locale = ROOT / "src" / "quizapp" / "locale"
    pos = sorted(locale.glob("*/LC_MESSAGES/quizapp.po"))
    assert {p.parts[-3] for p in pos} >= {"en", "id"}
    for po in pos:
        lang = po.parts[-3]
        assert f"quizapp/locale/{lang}/LC_MESSAGES/quizapp.po" in names
        assert f"quizapp/locale/{lang}/LC_MESSAGES/quizapp.mo" in names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    # The unpacked wheel first on the path: it, not the editable source, answers.
    code = (
        f"import sys; sys.path.insert(0, {str(target)!r}); import quizapp.i18n as i; "
        f"assert i.__file__.startswith({str(target)!r}), i.__file__; "
        "print(i.t('app.quit', 'id'), i.t('app.questions_n', 'en', n=1), *sorted(i.languages()))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["Keluar", "1", "question", "en", "id"]
