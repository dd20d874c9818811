"""quick_init: the same records, made the same way, as a frozen dataclass's own __init__."""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataflow.findings import Finding, Severity, Transfer
from dataflow.records import quick_init
from dataflow.transfers import DeclaredSafeguard, NonTransfer, Verdict


def _plain(cls: type) -> type:
    """The same dataclass with the __init__ dataclasses generates."""
    fields = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(f"Plain{cls.__name__}", fields, frozen=True, slots=True)


text = st.text(max_size=5)
optional = st.none() | text


@given(id=text, rule=text, message=text, line=st.none() | st.integers(), flow=optional,
       categories=st.lists(text, max_size=3).map(tuple), baselined=st.booleans())
def test_a_finding_holds_what_it_was_given_as_the_dataclass_would(
        id: str, rule: str, message: str, line: int | None, flow: str | None,
        categories: tuple[str, ...], baselined: bool) -> None:
    made = Finding(id, rule, "name", Severity.ERROR, message, "f.yaml", line, None, "fix",
                   flow=flow, categories=categories, baselined=baselined)
    plain = _plain(Finding)(id, rule, "name", Severity.ERROR, message, "f.yaml", line, None,
                            "fix", flow=flow, categories=categories, baselined=baselined)
    assert dataclasses.astuple(made) == dataclasses.astuple(plain)
    assert made == Finding(**dataclasses.asdict(made))
    assert hash(made) == hash(dataclasses.replace(made))


@pytest.mark.parametrize("cls", [Finding, Transfer, DeclaredSafeguard, NonTransfer, Verdict])
def test_the_signature_is_the_dataclasses_own(cls: type) -> None:
    assert inspect.signature(cls) == inspect.signature(_plain(cls))


def test_a_record_stays_frozen() -> None:
    transfer = Transfer("f", "a", "b", "KR", "CN", False, "missing")
    with pytest.raises(dataclasses.FrozenInstanceError):
        transfer.status = "adequate"  # type: ignore[misc]
    assert transfer.mechanisms == ()


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


def test_a_class_it_cannot_make_quickly_is_refused() -> None:
    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        a: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            assert self.a > 0

    for cls in (Unslotted, Factory, Checked):
        with pytest.raises(TypeError, match="quick_init takes a frozen, slotted dataclass"):
            quick_init(cls)
