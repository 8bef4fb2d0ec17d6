"""The core never imports textual: each core module is imported alone in a fresh process."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import quizapp

CORE_PACKAGES = (
    "model",
    "loading",
    "engine",
    "store",
    "reports",
    "authoring",
    "commands",
    "classroom",
)


def _core_modules() -> list[str]:
    names = ["quizapp.cli", "quizapp.locations"]
    for info in pkgutil.walk_packages(quizapp.__path__, "quizapp."):
        top = info.name.split(".")[1]
        if top in CORE_PACKAGES:
            names.append(info.name)
    return names


@pytest.mark.parametrize("module", _core_modules())
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"{module} imports textual: {out}"
