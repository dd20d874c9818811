"""record: every record of the package behaves as the dataclass declared from the same fields
(made, shown, compared, hashed, ordered, frozen, pickled and replaced alike)."""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import pickle
import pkgutil
import typing
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dataflow
from dataflow.errors import Location
from dataflow.findings import Finding, Severity, Transfer
from dataflow.records import record


def _dataclasses() -> list[type]:
    """Every dataclass declared in the package (not those that merely inherit from one), by
    module and name."""
    found = {}
    for module in pkgutil.walk_packages(dataflow.__path__, "dataflow."):
        if module.name.endswith("__main__"):  # importing it runs the command line
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if (isinstance(value, type) and "__dataclass_fields__" in vars(value)
                    and value.__module__ == module.name):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


_SHARED_EQ = record(type("Probe", (), {"__annotations__": {"a": int}})).__eq__.__code__
DATACLASSES = _dataclasses()
RECORDS = [c for c in DATACLASSES
           if getattr(vars(c).get("__eq__"), "__code__", None) is _SHARED_EQ]


def test_every_dataclass_of_the_package_is_a_record():
    assert len(DATACLASSES) > 40
    assert [c.__qualname__ for c in DATACLASSES if c not in RECORDS] == []


@functools.cache
def _as_dataclass(cls: type) -> type:
    """A dataclass with the same fields and options, its methods dataclasses' own."""
    frozen = cls.__dataclass_params__.frozen or cls.__setattr__ is not object.__setattr__
    namespace = {name: value for name, value in vars(cls).items() if name == "__post_init__"}
    return dataclasses.make_dataclass(
        cls.__name__, [(f.name, f.type, f) for f in dataclasses.fields(cls)],
        namespace=namespace, frozen=frozen, slots="__slots__" in vars(cls),
        order=hasattr(cls, "__lt__") and cls.__lt__ is not object.__lt__)


def test_the_records_are_found():
    names = {cls.__qualname__ for cls in RECORDS}
    assert {"Finding", "Transfer", "Report", "Verdict", "Location", "Problem", "Analysis",
            "Rule", "Limits", "_Candidate", "_Context"} <= names


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__qualname__)
def test_a_record_is_declared_as_the_dataclass(cls: type) -> None:
    twin = _as_dataclass(cls)
    assert inspect.signature(cls) == inspect.signature(twin)
    assert [(f.name, f.type, f.default, f.init, f.repr, f.compare) for f in
            dataclasses.fields(cls)] == [(f.name, f.type, f.default, f.init, f.repr, f.compare)
                                         for f in dataclasses.fields(twin)]
    assert cls.__match_args__ == twin.__match_args__
    assert hasattr(cls, "__slots__") == hasattr(twin, "__slots__")
    assert (cls.__hash__ is None) == (twin.__hash__ is None)
    for name in ("__lt__", "__le__", "__gt__", "__ge__"):
        assert (getattr(cls, name) is getattr(object, name)) == (
            getattr(twin, name) is getattr(object, name)), name
    assert cls.__eq__.__qualname__ == f"{cls.__qualname__}.__eq__"
    if cls.__doc__.startswith(f"{cls.__name__}("):  # no docstring: dataclasses' text
        assert cls.__doc__ == twin.__doc__


text = st.text(max_size=4)
values = st.one_of(st.none(), st.integers(-3, 3), text, st.tuples(text, text),
                   st.sampled_from([float("nan"), 0.0, True]))


def _some(cls: type, draw: Any) -> tuple[Any, Any] | None:
    """The record and its dataclass twin made from the same drawn arguments (hashable values,
    whatever the declared types), or None when the record takes none this way."""
    fields = [f for f in dataclasses.fields(cls) if f.init]
    arguments = {f.name: draw(values) for f in fields}
    try:
        made = cls(**arguments)
    except Exception:  # a __post_init__ that needs real values
        return None
    return made, _as_dataclass(cls)(**arguments)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__qualname__)
@settings(max_examples=40)
@given(data=st.data())
def test_a_record_behaves_as_the_dataclass(cls: type, data: st.DataObject) -> None:
    pair = _some(cls, data.draw)
    other = _some(cls, data.draw)
    if pair is None or other is None:
        return
    (made, twin), (made2, twin2) = pair, other
    assert repr(made) == repr(twin)
    assert dataclasses.astuple(made) == dataclasses.astuple(twin)
    assert (made == made2) == (twin == twin2)
    assert made == made
    assert made != twin  # equal only to a record of its own class
    if twin.__hash__ is not None:
        try:
            expected = hash(twin)
        except TypeError:
            expected = None
        if expected is not None:
            assert hash(made) == expected
    if hasattr(twin, "__lt__") and twin.__lt__ is not object.__lt__:
        for name in ("__lt__", "__le__", "__gt__", "__ge__"):
            try:
                expected = getattr(twin, name)(twin2)
            except TypeError:
                continue
            assert getattr(made, name)(made2) == expected
    assert dataclasses.replace(made) == made


_SHARED_SETATTR = record(frozen=True)(
    type("FrozenProbe", (), {"__annotations__": {"a": int}})).__setattr__.__code__
#: The frozen records that refuse changes through record's own functions (the others, with a
#: __post_init__ or fields not set by position, through those dataclasses writes).
REFUSING = [c for c in RECORDS
            if getattr(vars(c).get("__setattr__"), "__code__", None) is _SHARED_SETATTR]


def test_frozen_records_refuse_changes_through_records_own_functions():
    assert {"Finding", "Transfer", "Verdict", "Location", "Limits", "Rule"} <= {
        c.__qualname__ for c in REFUSING}


@pytest.mark.parametrize("cls", REFUSING, ids=lambda c: c.__qualname__)
def test_a_frozen_record_refuses_changes_as_the_dataclass(cls: type) -> None:
    made = cls(**{f.name: None for f in dataclasses.fields(cls)})
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"):
        setattr(made, name, 1)
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot delete field '{name}'"):
        delattr(made, name)
    with pytest.raises((dataclasses.FrozenInstanceError, AttributeError)):
        made.not_a_field = 1


def test_findings_and_transfers_survive_pickling():
    finding = Finding("DF100@f@KR@CN", "DF100", "n", Severity.ERROR, "m", "a.yaml", 3, 5, "fix",
                      flow="f", categories=("x",))
    transfer = Transfer("f", "a", "b", "KR", "CN", False, "missing", ("consent",))
    for item in (finding, transfer):
        assert pickle.loads(pickle.dumps(item)) == item


@pytest.mark.parametrize(("args", "kwargs", "error"), [
    (("f", "a", "b", "KR", "CN", False), {}, "missing 1 required positional argument: 'status'"),
    (("f", "a", "b", "KR", "CN", False, "missing"), {"mechanism": ()},
     "unexpected keyword argument 'mechanism'"),
    (("f", "a", "b", "KR", "CN", False, "missing", (), 1), {}, "takes from 8 to 9 positional"),
])
def test_wrong_arguments_are_refused_as_the_dataclass_refuses_them(
        args: tuple, kwargs: dict, error: str) -> None:
    with pytest.raises(TypeError, match=error):
        Transfer(*args, **kwargs)


def test_what_a_class_defines_itself_is_kept_and_what_dataclasses_refuses_is_refused():
    @record(frozen=True)
    class Own:
        a: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

    assert repr(Own(1)) == "own"
    assert Own(1) == Own(2)
    assert Own.__hash__ is object.__hash__

    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        @record(frozen=True, slots=True)
        class Misordered:
            a: int = 0
            b: int

    with pytest.raises(TypeError, match="Cannot overwrite attribute __lt__"):
        @record(order=True)
        class Ordered:
            a: int

            def __lt__(self, other: object) -> bool:
                return True


def test_a_record_of_many_slots_is_made_through_its_open_twin_and_keeps_its_class():
    fields = {f"f{i}": int for i in range(6)}
    many = record(frozen=True, slots=True)(type("Many", (), {"__annotations__": fields}))
    assert "__class__" in many.__init__.__code__.co_names  # made as the open twin
    made = many(0, 1, 2, 3, 4, f5=5)
    assert type(made) is many
    assert dataclasses.astuple(made) == (0, 1, 2, 3, 4, 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.f0 = 9  # type: ignore[attr-defined]

    # a subclass of another layout is filled through the descriptors, and keeps its class
    class Wider(many):  # type: ignore[valid-type,misc]
        __slots__ = ("extra",)

    wider = Wider(5, 4, 3, 2, 1, 0)
    assert type(wider) is Wider
    assert dataclasses.astuple(wider) == (5, 4, 3, 2, 1, 0)

    few = {f"f{i}": int for i in range(4)}
    four = record(frozen=True, slots=True)(type("Few", (), {"__annotations__": few}))
    assert "__class__" not in four.__init__.__code__.co_names
    assert dataclasses.astuple(four(1, 2, 3, 4)) == (1, 2, 3, 4)


def test_a_records_init_resolves_its_annotations_in_its_module():
    hints = typing.get_type_hints(Finding.__init__)
    assert hints["severity"] is Severity
    assert hints["line"] == int | None


def test_a_dataclass_inherits_from_a_frozen_record_as_from_a_frozen_dataclass():
    @dataclasses.dataclass(frozen=True)
    class Placed(Location):
        note: str = ""

    placed = Placed("a.yaml", 1, 2, note="n")
    assert (placed.file, placed.line, placed.column, placed.note) == ("a.yaml", 1, 2, "n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        placed.note = "m"  # type: ignore[misc]
    with pytest.raises(TypeError, match="cannot inherit non-frozen dataclass from a frozen"):
        @dataclasses.dataclass
        class Loose(Location):
            note: str = ""


def test_what_dataclasses_does_beyond_setting_fields_is_left_to_it():
    @record(frozen=True)
    class Doubled:
        a: int

        def __init__(self, x: int) -> None:
            object.__setattr__(self, "a", x * 2)

    assert Doubled(2).a == 4  # its own __init__ is kept

    @record(frozen=True)
    class Keyed:
        a: int
        _: dataclasses.KW_ONLY
        b: int = 2

    with pytest.raises(TypeError):
        Keyed(1, 3)  # type: ignore[misc]
    assert Keyed(1, b=3).b == 3

    with pytest.raises(TypeError, match="Cannot overwrite attribute __setattr__"):
        @record(frozen=True)
        class Guarded:
            a: int

            def __setattr__(self, name: str, value: object) -> None:
                pass
