"""pydantic for the models, brought in only when something validates.

The models are frozen, slotted stdlib dataclasses; pydantic validates them as it does its
own (it reads `__pydantic_config__`). Their constraints are written with pydantic's names
(`Field`, `Strict`, `BeforeValidator`, ...) imported from here, which until `realize()`
only record what was asked for. So importing the models, and reading a cached catalog of
them, never imports pydantic nor builds a validator: together most of a cold start.

`realize()` runs before the first schema is built (`adapter()` calls it): it imports
pydantic and puts the real objects in place of the records in every model module, so
the annotations pydantic evaluates there read exactly as if pydantic had been imported
at the top.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import operator
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, dataclass_transform, overload

if TYPE_CHECKING:
    from pydantic import TypeAdapter

_T = TypeVar("_T")

MODEL_MODULES = ("quizapp.model.text", "quizapp.model.quiz", "quizapp.model.content")
"""The modules whose names `realize()` swaps; each imports its pydantic names from here."""


class _Name:
    """A pydantic callable, by module and name; calling it records the call."""

    __slots__ = ("module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Deferred:
        return Deferred(self, args, kwargs)

    def __repr__(self) -> str:
        return f"{self.module}.{self.name}"

    def real(self) -> Any:
        return getattr(importlib.import_module(self.module), self.name)


class Deferred:
    """A call of a pydantic callable, made for real on first use."""

    __slots__ = ("_real", "args", "kwargs", "target")

    def __init__(self, target: _Name, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.target = target
        self.args = args
        self.kwargs = kwargs
        self._real: Any = _UNMADE

    def __repr__(self) -> str:
        return f"{self.target!r}(*{self.args!r}, **{self.kwargs!r})"

    def real(self) -> Any:
        if self._real is _UNMADE:
            self._real = self.target.real()(*self.args, **self.kwargs)
        return self._real

    # A validator or a JSON schema (what `Text` is made of) hooks into pydantic by these
    # two methods, so a model elsewhere may use `Text` as imported, unrealized. Field
    # and Strict are read by pydantic itself and need `realize()`.

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        hook = getattr(self.real(), "__get_pydantic_core_schema__", None)
        if hook is not None:
            return hook(source, handler)
        if hasattr(self.real(), "__get_pydantic_json_schema__"):
            return handler(source)
        # Without this pydantic would silently drop the constraint: fail loudly instead.
        raise RuntimeError(
            f"{self!r} reached pydantic unrealized: build schemas through "
            "quizapp.model.deferred.adapter()"
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        hook = getattr(self.real(), "__get_pydantic_json_schema__", None)
        return hook(schema, handler) if hook is not None else handler(schema)


_UNMADE: Any = object()


if TYPE_CHECKING:
    # To a type checker the records are what `realize()` puts in their place, so the
    # models are checked as if pydantic were imported at the top.
    from pydantic import AfterValidator as AfterValidator
    from pydantic import BeforeValidator as BeforeValidator
    from pydantic import ConfigDict as ConfigDict
    from pydantic import Field as Field
    from pydantic import PlainValidator as PlainValidator
    from pydantic import Strict as Strict
    from pydantic import WithJsonSchema as WithJsonSchema
    from pydantic_core import PydanticCustomError as PydanticCustomError
else:
    Field = _Name("pydantic", "Field")
    Strict = _Name("pydantic", "Strict")
    BeforeValidator = _Name("pydantic", "BeforeValidator")
    AfterValidator = _Name("pydantic", "AfterValidator")
    PlainValidator = _Name("pydantic", "PlainValidator")
    WithJsonSchema = _Name("pydantic", "WithJsonSchema")
    ConfigDict = dict
    """pydantic's `ConfigDict` is a TypedDict: a plain dict at run time."""

    def PydanticCustomError(  # named as the class it stands for
        kind: str, message: str, context: dict[str, Any] | None = None
    ) -> Exception:
        """pydantic-core's error, made when raised: only validators raise it, and while they
        run pydantic is loaded."""
        from pydantic_core import PydanticCustomError as error

        return error(kind, message, context)


@overload
@dataclass_transform(field_specifiers=(dataclasses.field, Field))
def dataclass(cls: type[_T], /) -> type[_T]: ...
@overload
def dataclass(
    cls: None = None, /, *, config: ConfigDict | None = None, **options: bool
) -> Callable[[type[_T]], type[_T]]: ...
def dataclass(
    cls: type | None = None, /, *, config: ConfigDict | None = None, **options: bool
) -> Any:
    """`pydantic.dataclasses.dataclass`, as a stdlib dataclass pydantic validates on demand.

    A default written `Field(default_factory=...)` becomes the stdlib's `field(...)`;
    `config` is kept as `__pydantic_config__`, where pydantic reads it.
    """

    def wrap(cls: type) -> type:
        for name in inspect.get_annotations(cls):
            value = cls.__dict__.get(name)
            if isinstance(value, Deferred) and value.target is Field:
                setattr(cls, name, _stdlib_field(value))
        cls.__pydantic_config__ = dict(config or {})  # type: ignore[attr-defined]  # read by pydantic, unknown to type
        if not options.get("frozen"):
            return dataclasses.dataclass(cls, **options)
        # Frozen: the stdlib would compile six methods per class at every start (a
        # third of importing the models); these shared ones do the same work.
        options.update(frozen=False, init=False, repr=False, eq=False)
        made: type = dataclasses.dataclass(cls, **options)
        _freeze(made)
        return made

    return wrap if cls is None else wrap(cls)


def _freeze(cls: Any) -> None:
    """Give a dataclass the methods `frozen=True` (with `eq` and `init`) would."""
    fields = dataclasses.fields(cls)
    names = tuple(f.name for f in fields)
    cls.__init__ = _init(cls.__name__, [f for f in fields if f.init])
    cls.__repr__ = _repr(names)
    cls.__eq__ = _eq(names)
    cls.__hash__ = _hash(names)
    cls.__setattr__ = _frozen_setattr
    cls.__delattr__ = _frozen_delattr
    cls.__getstate__ = _getstate(names)
    cls.__setstate__ = _setstate(cls, names)


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _init(owner: str, fields: list[Any]) -> Callable[..., None]:
    positional = tuple(f for f in fields if not f.kw_only)
    keyword = tuple(f for f in fields if f.kw_only)
    missing = dataclasses.MISSING
    set_field = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(positional):
            raise TypeError(
                f"{owner}.__init__() takes {len(positional) + 1} positional arguments "
                f"but {len(args) + 1} were given"
            )
        for field, value in zip(positional, args, strict=False):
            if field.name in kwargs:
                raise TypeError(f"{owner}.__init__() got multiple values for {field.name!r}")
            set_field(self, field.name, value)
        for field in (*positional[len(args) :], *keyword):
            if field.name in kwargs:
                value = kwargs.pop(field.name)
            elif field.default is not missing:
                value = field.default
            elif field.default_factory is not missing:
                value = field.default_factory()
            else:
                raise TypeError(f"{owner}.__init__() missing required argument {field.name!r}")
            set_field(self, field.name, value)
        if kwargs:
            raise TypeError(
                f"{owner}.__init__() got an unexpected keyword argument {next(iter(kwargs))!r}"
            )

    return __init__


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__qualname__}({shown})"

    return __repr__


def _eq(names: tuple[str, ...]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in names)

    return __eq__


def _hash(names: tuple[str, ...]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(tuple(getattr(self, name) for name in names))

    return __hash__


def _getstate(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    def __getstate__(self: Any) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in names])

    return __getstate__


def _setstate(cls: Any, names: tuple[str, ...]) -> Callable[[Any, Any], None]:
    """A frozen, slotted dataclass's `__setstate__`, for reading the cache back.

    A cached catalog can be tens of thousands of these objects, and a loop over the
    fields per object costs as much as the rest of reading it. So once a class has been
    read back `_COMPILE_AFTER` times, one straight run of slot stores is compiled for it
    (each a slot's own setter, which skips the frozen `__setattr__`) and put in place.
    Compiling costs a tenth of a millisecond per class: more than a small catalog (the
    bundled one, on every warm start) spends in the loop.
    """
    setters: list[Callable[[Any, Any], None]] = []
    count = len(names)
    calls = 0

    def __setstate__(self: Any, state: Any) -> None:
        nonlocal calls
        calls += 1
        if calls > _COMPILE_AFTER:
            fast = _straight_setstate(names, setters)
            cls.__setstate__ = fast
            fast(self, state)
            return
        if not setters:
            # Made whole, then put in place at once: two threads reading back at the
            # same moment each put the same list, never one of twice its length.
            setters[:] = [_slot_setter(cls, name) for name in names]
        if len(state) != count:
            raise ValueError(f"expected {count} fields, got {len(state)}")
        for setter, value in zip(setters, state, strict=True):
            setter(self, value)

    return __setstate__


_COMPILE_AFTER = 200
"""Objects of one class read back by the loop before its straight run is compiled."""


def _slot_setter(cls: Any, name: str) -> Callable[[Any, Any], None]:
    slot = inspect.getattr_static(cls, name, None)
    if isinstance(slot, types.MemberDescriptorType):
        setter: Callable[[Any, Any], None] = slot.__set__
        return setter
    # Not slotted: past the frozen __setattr__ all the same.
    return lambda self, value: object.__setattr__(self, name, value)


def _straight_setstate(names: tuple[str, ...], setters: list[Any]) -> Callable[[Any, Any], None]:
    # Only the number of fields enters the code, as in the dataclasses module's own.
    stores = "".join(f"    set{i}(self, state[{i}])\n" for i in range(len(names)))
    count = len(names)
    source = (
        "def __setstate__(self, state):\n"
        f"    if len(state) != {count}:\n"
        f"        raise ValueError(f'expected {count} fields, got {{len(state)}}')\n"
        f"{stores}"
    )
    namespace: dict[str, Any] = {f"set{i}": s for i, s in enumerate(setters)}
    exec(source, namespace)
    made: Callable[[Any, Any], None] = namespace["__setstate__"]
    return made


def _stdlib_field(call: Deferred) -> Any:
    unknown = set(call.kwargs) - {"default", "default_factory"}
    if call.args or unknown:
        raise TypeError(f"a field default takes only default or default_factory, not {unknown}")
    return dataclasses.field(**call.kwargs)


# -- making it real ------------------------------------------------------------------------

_realized = False


def realize() -> None:
    """Import pydantic and swap every record in the model modules for the real object.

    Idempotent and cheap after the first call. Thread-safe enough: the swap only
    replaces module globals by equivalent objects, once.
    """
    global _realized
    if _realized:
        return
    for name in MODEL_MODULES:
        namespace = importlib.import_module(name).__dict__
        for key, value in list(namespace.items()):
            if isinstance(value, _Name):
                namespace[key] = value.real()
            else:
                real = _resolve(value)
                if real is not value:
                    namespace[key] = real
    _realized = True


@overload
def adapter(tp: type[_T]) -> TypeAdapter[_T]: ...
@overload
def adapter(tp: Any) -> TypeAdapter[Any]: ...  # a union or an annotated alias
def adapter(tp: Any) -> TypeAdapter[Any]:
    """`pydantic.TypeAdapter(tp)` of a model type, the models made real first."""
    from pydantic import TypeAdapter

    return TypeAdapter(real(tp))


def real(tp: Any) -> Any:
    """A model type as pydantic must see it: made real (an alias imported elsewhere
    before `realize()` still holds the records)."""
    realize()
    return _resolve(tp)


def _resolve(tp: Any) -> Any:
    """`tp` with every `Deferred` in it (Annotated metadata, union members, list items)
    made real; `tp` itself when it holds none."""
    if isinstance(tp, Deferred):
        return tp.real()
    if isinstance(tp, type) or not (hasattr(tp, "__origin__") or isinstance(tp, types.UnionType)):
        return tp
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, metadata = tp.__origin__, tp.__metadata__
        real_base, real_meta = _resolve(base), tuple(_resolve(m) for m in metadata)
        if real_base is base and all(a is b for a, b in zip(real_meta, metadata, strict=True)):
            return tp
        return typing.Annotated[(real_base, *real_meta)]
    args = typing.get_args(tp)
    real_args = tuple(_resolve(a) for a in args)
    if all(a is b for a, b in zip(real_args, args, strict=True)):
        return tp
    if isinstance(tp, types.UnionType):
        return functools.reduce(operator.or_, real_args)
    if origin is typing.Union:
        return typing.Union[real_args]  # noqa: UP007 - rebuilding a typing.Union as it was
    if isinstance(tp, types.GenericAlias):
        return types.GenericAlias(origin, real_args)
    copy: Callable[[tuple[Any, ...]], Any] = tp.copy_with
    return copy(real_args)


class LazyPattern:
    """A regular expression compiled on first use, not at import: a module-level pattern
    of the models or the loader would otherwise cost a cached start its compile."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: Any, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            import re

            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)
