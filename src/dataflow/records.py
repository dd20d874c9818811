"""Records: dataclasses that cost less to declare, and frozen ones that cost less to make.

:func:`record` is ``@dataclass`` with the methods dataclasses would write made another way.

- On Python 3.11, dataclasses compiles source text for each method it writes: about 1 ms for
  a frozen record of ten fields, and the 21 dataclasses a check imports took 15-20 ms of
  starting it, more than checking a small map. Here ``__repr__``, ``__eq__``, ``__hash__``,
  the orderings, and a frozen record's ``__setattr__`` and ``__delattr__`` are functions
  shared by every record, which read the fields through :func:`operator.attrgetter`.
- A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (the
  class's own refuses). A check of a large map makes hundreds of thousands of findings,
  transfers and verdicts of twenty fields or so, and that way of setting them took about half
  of their making. A frozen record's ``__init__`` (the one method still compiled, as its
  speed matters) sets each slot through its descriptor, which is what ``object.__setattr__``
  ends up doing, in one step instead of two.
- A frozen record with slots and more than a few fields is filled faster still: its
  ``__init__`` gives the new record for a moment the class of an open twin, a class laid out
  as the record is (the same slots, on ``object``) that refuses nothing, sets every field by
  plain assignment, which the interpreter does fastest, and gives the record its class back.
  A finding of nineteen fields is made in half the time (measured on Python 3.11). An
  instance of a subclass (whose layout may differ) is filled through the descriptors.

They behave as dataclasses' own: tests/test_records.py holds every record of the package
against a dataclass declared from the same fields.
"""

from __future__ import annotations

import abc
import dataclasses
import inspect
import reprlib
import sys
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, overload

__all__ = ["record"]

C = TypeVar("C", bound=type)


@overload
def record(cls: C, /) -> C: ...
@overload
def record(*, frozen: bool = ..., slots: bool = ..., order: bool = ...) -> Callable[[C], C]: ...


def record(cls: Any = None, /, *, frozen: bool = False, slots: bool = False,
           order: bool = False) -> Any:
    """``@dataclasses.dataclass(frozen=..., slots=..., order=...)``, with its methods made
    without compiling each (see the module's documentation).

    A frozen record whose fields are all set by position, without default factories,
    ``init=False`` or ``__post_init__``, gets its ``__init__`` here too; dataclasses writes
    the others' ``__init__`` and, if frozen, the ways they refuse a change.
    """

    def declare(cls: C) -> C:
        own_init = frozen and _positional(cls)
        undocumented = not cls.__dict__.get("__doc__")
        made = dataclasses.dataclass(cls, init=not own_init, repr=False, eq=False,
                                     frozen=frozen and not own_init, slots=slots)
        fields = dataclasses.fields(made)
        compared = _values([f.name for f in fields if f.compare])
        own = cls.__dict__
        methods: dict[str, Any] = {}
        if own_init:
            methods["__init__"] = _init(made, fields, slots)
            methods.update(_frozen(made, fields, slots))
        if "__repr__" not in own:
            methods["__repr__"] = _repr([f.name for f in fields if f.repr])
        if "__eq__" not in own:
            methods["__eq__"] = _compare(compared, _EQUAL)
        explicit_hash = own.get("__hash__", dataclasses.MISSING)
        if explicit_hash is dataclasses.MISSING or (explicit_hash is None and "__eq__" in own):
            # dataclasses' rule: equal by value and not frozen means not hashable
            methods["__hash__"] = _hash(_values([
                f.name for f in fields if (f.compare if f.hash is None else f.hash)])
            ) if frozen else None
        if order:
            for name, test in _ORDER.items():
                if name in own:
                    raise TypeError(f"Cannot overwrite attribute {name} in class "
                                    f"{cls.__name__}. Consider using functools.total_ordering")
                methods[name] = _compare(compared, test)
        for name, method in methods.items():
            if callable(method):
                method.__name__, method.__qualname__ = name, f"{made.__qualname__}.{name}"
                method.__module__ = made.__module__
            setattr(made, name, method)
        if own_init and undocumented:  # dataclasses' text, from the signature it now has
            made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
        # what the record is, for dataclasses' checks of classes that inherit from it
        params = made.__dataclass_params__  # type: ignore[attr-defined]
        params.init, params.repr, params.eq = True, True, True
        params.order, params.frozen = order, frozen
        abc.update_abstractmethods(made)  # an abstract method of a base may now be defined
        return made

    return declare if cls is None else declare(cls)


#: Methods a frozen record's own ``__init__`` comes with: a class that writes one of them
#: itself gets dataclasses' ``__init__`` (which keeps its own, or refuses it, as dataclasses
#: does).
_MADE_WITH_INIT = ("__init__", "__setattr__", "__delattr__", "__getstate__", "__setstate__")


def _positional(cls: type) -> bool:
    """Whether every field of ``cls`` (as declared in its body, before dataclasses reads
    it) is set by position in ``__init__``, from the argument or its plain default, with
    nothing else that dataclasses' ``__init__`` would do."""
    if (hasattr(cls, "__post_init__") or any(name in cls.__dict__ for name in _MADE_WITH_INIT)
            or any(dataclasses.is_dataclass(base) for base in cls.__mro__[1:])):
        return False
    annotations = inspect.get_annotations(cls)
    if "self" in annotations or any("KW_ONLY" in str(kind) or "InitVar" in str(kind)
                                    for kind in annotations.values()):
        return False
    for name in annotations:
        declared = cls.__dict__.get(name)
        if isinstance(declared, dataclasses.Field) and (
                declared.default_factory is not dataclasses.MISSING or not declared.init
                or declared.kw_only is True):
            return False
    return True


def _init(cls: type, fields: tuple[dataclasses.Field, ...], slots: bool) -> Any:
    """An ``__init__`` with the dataclass's signature that sets each field directly."""
    names = [f.name for f in fields]
    first_default = next((i for i, f in enumerate(fields)
                          if f.default is not dataclasses.MISSING), len(fields))
    late = [f.name for f in fields[first_default:] if f.default is dataclasses.MISSING]
    if late:  # as dataclasses refuses it (its own __init__ is not written here)
        raise TypeError(f"non-default argument {late[0]!r} follows default argument")
    if slots:  # each slot's own setter, the step object.__setattr__ would end with
        setters = [getattr(cls, name).__set__ for name in names]
        lines = [f"__set_{i}(self, {name})" for i, name in enumerate(names)]
        twin = _open_twin(cls) if len(names) > _FEW_FIELDS else None
        if twin is not None:  # the record is filled as its open twin (the module's docs)
            setters += [cls, twin, object.__setattr__]
            mine, as_twin, change = (f"__set_{i}" for i in range(len(names), len(setters)))
            lines = [f"if self.__class__ is {mine}:",
                     f" {change}(self, '__class__', {as_twin})",
                     *(f" self.{name} = {name}" for name in names),
                     f" self.__class__ = {mine}",
                     "else:  # a subclass's instance", *(f" {line}" for line in lines)]
    else:
        setters = [object.__setattr__]
        lines = [f"__set_0(self, {name!r}, {name})" for name in names]
    body = "".join(f"  {line}\n" for line in lines)
    # made inside a function of the setters, in the class's module: its annotations resolve
    # there (typing.get_type_hints), and no field's name can hide a setter
    source = (f"def __make__({', '.join(f'__set_{i}' for i in range(len(setters)))}):\n"
              f" def __init__(self, {', '.join(names)}):\n{body or '  pass'}\n"
              " return __init__\n")
    module = sys.modules.get(cls.__module__)
    namespace: dict[str, Any] = {}
    exec(source, vars(module) if module else {}, namespace)
    init = namespace["__make__"](*setters)
    defaults = tuple(f.default for f in fields if f.default is not dataclasses.MISSING)
    init.__defaults__ = defaults or None
    init.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
    return init


#: Up to this many fields, setting each through its descriptor is as fast as changing the
#: record's class twice (measured on Python 3.11).
_FEW_FIELDS = 4


def _open_twin(cls: type) -> type | None:
    """A class laid out as ``cls`` (the same slots, on ``object``), whose instances take their
    fields by plain assignment and can be given ``cls`` as their class; None when ``cls`` has
    other bases or Python refuses the change of class."""
    if cls.__bases__ != (object,) or type(cls) is not type:
        return None
    twin = type(cls.__name__, (), {"__slots__": cls.__dict__["__slots__"],
                                   "__module__": cls.__module__,
                                   "__qualname__": f"{cls.__qualname__} (being made)"})
    probe = object.__new__(twin)
    try:
        probe.__class__ = cls
    except TypeError:
        return None
    return twin


def _frozen(cls: type, fields: tuple[dataclasses.Field, ...], slots: bool) -> dict[str, Any]:
    """The methods that refuse to change a frozen record (and, with slots, let pickle make
    one), as dataclasses writes them."""
    names = frozenset(f.name for f in fields)

    def refuse_setting(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def refuse_deleting(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    methods = {"__setattr__": refuse_setting, "__delattr__": refuse_deleting}
    if slots and "__getstate__" not in cls.__dict__:
        ordered = [f.name for f in fields]

        def state(self: Any) -> list[Any]:
            return [getattr(self, name) for name in ordered]

        def restore(self: Any, values: list[Any]) -> None:
            for name, value in zip(ordered, values, strict=False):  # as dataclasses
                object.__setattr__(self, name, value)

        methods.update(__getstate__=state, __setstate__=restore)
    return methods


def _values(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function of a record giving these fields' values as a tuple."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda item: (one(item),)
    return attrgetter(*names) if names else lambda item: ()


def _repr(names: list[str]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def represent(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return represent


_EQUAL: Callable[[Any, Any], bool] = lambda a, b: a == b  # noqa: E731
_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "__lt__": lambda a, b: a < b, "__le__": lambda a, b: a <= b,
    "__gt__": lambda a, b: a > b, "__ge__": lambda a, b: a >= b}


def _compare(values: Callable[[Any], tuple[Any, ...]],
             test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return test(values(self), values(other))
        return NotImplemented

    return compare


def _hash(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def hashed(self: Any) -> int:
        return hash(values(self))

    return hashed
