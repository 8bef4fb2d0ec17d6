"""The JSON Schemas of the quiz and module formats, for editor completion (Taplo, Even
Better TOML)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from quizapp.model.content import ContentModule
from quizapp.model.quiz import Quiz

SCHEMA_FILE = "quiz.schema.json"
CONTENT_SCHEMA_FILE = "content.schema.json"


def quiz_schema() -> dict[str, Any]:
    """The schema, generated from the pydantic models so it can never drift from them."""
    schema = TypeAdapter(Quiz).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "quizapp quiz file"
    return schema


def quiz_schema_text() -> str:
    return json.dumps(quiz_schema(), indent=2, ensure_ascii=False) + "\n"


def content_schema() -> dict[str, Any]:
    """The learning-module schema, generated from its pydantic models."""
    schema = TypeAdapter(ContentModule).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "quizapp learning module"
    return schema


def content_schema_text() -> str:
    return json.dumps(content_schema(), indent=2, ensure_ascii=False) + "\n"
