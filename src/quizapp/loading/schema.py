"""The JSON Schemas of the quiz and module formats, for editor completion (Taplo, Even
Better TOML)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import itertools
import json
from functools import cache
from typing import Any

from quizapp.model import content, quiz
from quizapp.model.content import ContentModule
from quizapp.model.deferred import adapter
from quizapp.model.quiz import Quiz

SCHEMA_FILE = "quiz.schema.json"
CONTENT_SCHEMA_FILE = "content.schema.json"


def quiz_schema() -> dict[str, Any]:
    """The schema, generated from the pydantic models so it can never drift from them."""
    schema = _described(adapter(Quiz).json_schema(), "Quiz")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "quizapp quiz file"
    return schema


def quiz_schema_text() -> str:
    return json.dumps(quiz_schema(), indent=2, ensure_ascii=False) + "\n"


def content_schema() -> dict[str, Any]:
    """The learning-module schema, generated from its pydantic models."""
    schema = _described(adapter(ContentModule).json_schema(), "ContentModule")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "quizapp learning module"
    return schema


def content_schema_text() -> str:
    return json.dumps(content_schema(), indent=2, ensure_ascii=False) + "\n"


# -- field descriptions ---------------------------------------------------------------
# The models document each field with a docstring under it. pydantic can read those
# itself (`use_attribute_docstrings`), but it does so by parsing the models' source
# every time they are imported, a tenth of the app's start-up; only the schema needs
# them, so they are read here.


def _described(schema: dict[str, Any], root: str) -> dict[str, Any]:
    """The schema with each model field's docstring as its description."""
    docs = _field_docs()
    tables = [(root, schema), *schema.get("$defs", {}).items()]
    for name, table in tables:
        for field, prop in table.get("properties", {}).items():
            doc = docs.get(name, {}).get(field)
            if doc:
                prop["description"] = doc
    return schema


@cache
def _field_docs() -> dict[str, dict[str, str]]:
    """Each model's field docstrings, by model name and field name."""
    models = {
        obj.__name__: obj
        for module in (quiz, content)
        for obj in vars(module).values()
        if isinstance(obj, type) and dataclasses.is_dataclass(obj)
    }
    docs: dict[str, dict[str, str]] = {}
    for name, cls in models.items():
        # Inherited fields (the question base) are documented where they are declared.
        for base in reversed(cls.__mro__):
            if base.__name__ in models:
                docs.setdefault(name, {}).update(_attribute_docstrings(base))
    return docs


def _class_tree(cls: type) -> ast.Module:
    try:
        return ast.parse(inspect.cleandoc("\n" + inspect.getsource(cls)))
    except SystemError:
        # CPython 3.11.7's AST builder failed once with "AST constructor recursion depth
        # mismatch" (seen in one full test run, in a worker that had run many other
        # tests; the fault is inside CPython, not in the source read): try once more.
        return ast.parse(inspect.cleandoc("\n" + inspect.getsource(cls)))


def _attribute_docstrings(cls: type) -> dict[str, str]:
    """`field: type` followed by a string literal, in the class's own source."""
    tree = _class_tree(cls)
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    found: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            found[node.target.id] = inspect.cleandoc(after.value.value)
    return found
