"""The operating system's reasons, in the interface language.

`OSError.strerror` is the C library's English ("No such file or directory"); a dialog in
Bahasa Indonesia says it in Indonesian. The wordings are the catalog's (`app.os_<ENAME>`,
e.g. `app.os_ENOENT`); reasons without one are shown as the system gives them.
"""

from __future__ import annotations

import errno

from quizapp.i18n import explain
from quizapp.tui.i18n import has, t


def os_reason(exc: OSError, lang: str) -> str:
    """Why `exc` happened, in `lang` (the system's own words when the catalog has none)."""
    from quizapp.fileio import RefusedPath

    if isinstance(exc, RefusedPath):  # quizapp's own refusal ("a named pipe, not ..."): file.*
        return explain(exc.reason, lang)
    name = errno.errorcode.get(exc.errno, "") if exc.errno is not None else ""
    if name and has(f"os_{name}"):
        return t(f"os_{name}", lang)
    return str(exc.strerror or exc)
