"""Reading learning modules for display: titles, key points and their lesson text.

The content model belongs to `quizapp.model.content`; this module is the one place the
TUI reaches into it, so the screens only see `(id, heading, markdown)` triples.
"""

from __future__ import annotations

from typing import Any

from quizapp.model import localize


def module_title(module: Any, lang: str, fallback: str = "") -> str:
    """The module's title in `lang`."""
    info = getattr(module, "module", module)
    return localize(getattr(info, "title", None), lang) or fallback


def key_points(module: Any, lang: str) -> list[tuple[str, str, str]]:
    """Each key point as (id, heading, Markdown lesson) in `lang`."""
    points = getattr(module, "key_points", None) or getattr(module, "points", None) or []
    found = []
    for point in points:
        body = next(
            (getattr(point, name) for name in ("lesson", "text", "body") if hasattr(point, name)),
            None,
        )
        found.append(
            (
                str(point.id),
                localize(getattr(point, "heading", None), lang) or str(point.id),
                localize(body, lang),
            )
        )
    return found


def key_point_heading(content: Any, source: str | None, lang: str) -> str | None:
    """The heading of the key point a question cites as `module#point`, if it exists."""
    if not source or "#" not in source:
        return None
    module_id, point_id = source.split("#", 1)
    module = content.get(module_id)
    if module is None:
        return None
    for pid, heading, _body in key_points(module, lang):
        if pid == point_id:
            return heading
    return None
