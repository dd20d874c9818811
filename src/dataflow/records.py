"""Frozen records made by the hundred thousand: an ``__init__`` that sets their slots directly.

A frozen dataclass's generated ``__init__`` sets each field through ``object.__setattr__``
(the class's own ``__setattr__`` refuses); a check of a large map makes hundreds of thousands
of findings, transfers and verdicts of twenty fields or so, and that way of setting them takes
about half of their making. :func:`quick_init` gives such a class an ``__init__`` with the
same signature and the same result that sets each slot through its descriptor, which is what
``object.__setattr__`` ends up doing, in one step instead of two.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

__all__ = ["quick_init"]

C = TypeVar("C", bound=type)


def quick_init(cls: C) -> C:
    """Replace the ``__init__`` of ``cls``, a ``@dataclass(frozen=True, slots=True)`` whose
    fields are all positional and have no default factory, and which has no
    ``__post_init__``, by one that sets the slots directly (the same arguments, defaults and
    errors for a missing or unknown argument)."""
    params = getattr(cls, "__dataclass_params__", None)
    fields = dataclasses.fields(cls)
    if (params is None or not params.frozen or "__slots__" not in cls.__dict__
            or hasattr(cls, "__post_init__")
            or any(not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING
                   for f in fields)):
        raise TypeError(f"{cls.__name__}: quick_init takes a frozen, slotted dataclass whose "
                        "fields are positional, without default factories or __post_init__")
    names = [f.name for f in fields]
    setters = {f"_set_{name}": getattr(cls, name).__set__ for name in names}
    body = "".join(f"    _set_{name}(self, {name})\n" for name in names) or "    pass\n"
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {', '.join(names)}):\n{body}", setters, namespace)
    init = namespace["__init__"]
    defaults = tuple(f.default for f in fields if f.default is not dataclasses.MISSING)
    init.__defaults__ = defaults or None
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    cls.__init__ = init  # type: ignore[misc]
    return cls
