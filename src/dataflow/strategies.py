"""Hypothesis strategies that generate valid maps, for property tests of maps and tools.

Needs the ``testing`` extra: ``pip install 'dataflow-map[testing]'``.

>>> from hypothesis import given, strategies as st
>>> from dataflow.strategies import map_texts, flows, with_added
>>> @given(map_texts(home="DE", countries=["DE", "FR", "US"]))
... def test_my_map_tool(text): ...
>>> @given(st.data())
... def test_our_map_stays_lawful(data):                           # doctest: +SKIP
...     ours = dataflow.load("privacy/")
...     grown = with_added(ours, flows=data.draw(st.lists(flows(ours), max_size=3)))

:func:`map_data` and :func:`map_texts` generate whole maps; :func:`processors`,
:func:`flows` and :func:`safeguards` generate elements that fit a map of your own (its IDs,
categories and laws), and :func:`with_added` adds them to it.

IDs are drawn from a pool that includes the YAML 1.1 traps (``on``, ``NO``, ``0123``,
``1e3``) and written plain, so a reader that types them would fail the tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - exercised in a clean environment by the packaging test
    raise ImportError(
        "dataflow.strategies needs hypothesis, which is an optional dependency: install it "
        "with `pip install 'dataflow-map[testing]'`") from None

if TYPE_CHECKING:
    from .flowmap import FlowMap

__all__ = ["flows", "map_data", "map_texts", "processors", "safeguards", "to_yaml",
           "with_added"]

_TRAPS = ["on", "off", "yes", "NO", "0123", "1e3", "1.0", "null.x", "true", "y", "0x1F", "12:30"]
_COUNTRIES = ["KR", "CN", "US", "DE", "FR", "IE", "JP", "SG", "GB", "IN", "BR", "CH", "NO", "AU"]
_MECHANISMS = ["consent", "contract_necessity", "scc", "bcr", "certification"]
_ENTITIES = ["Alpha Ltd", "Beta Inc", "Gamma GmbH"]  # few, so that processors share them
_KINDS = ["health", "national_id", "credit", "biometric", "precise_location", "children"]

ids = st.one_of(
    st.sampled_from(_TRAPS),
    st.from_regex(r"\A[a-z][a-z0-9]{0,6}([._:-][a-z0-9]{1,5})?\Z"),
)
text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"),
                  blacklist_characters="\x85\u2028\u2029\ufeff"),
    max_size=20)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)).map(
    lambda d: d.isoformat())


@st.composite
def map_data(draw: st.DrawFn, max_processors: int = 6, max_flows: int = 10, *,
             home: str = "KR", countries: Sequence[str] = _COUNTRIES) -> dict[str, Any]:
    """Plain data of a valid map (every value a string, list or mapping, as YAML gives it),
    with ``home`` and processors and data subjects in ``countries`` (ISO 3166-1 codes)."""
    if not countries:
        raise ValueError("countries: give at least one ISO 3166-1 alpha-2 code")
    places = list(countries)
    category_ids = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    subject_ids = draw(st.lists(ids, min_size=0, max_size=3, unique=True))
    processor_ids = draw(st.lists(ids, min_size=1, max_size=max_processors, unique=True))
    categories = []
    for index, cid in enumerate(category_ids):
        item: dict[str, Any] = {"id": cid, "name": draw(text)}
        if draw(st.booleans()):
            item["sensitive"] = draw(st.sampled_from(["true", "false"]))
        if index and draw(st.booleans()):
            item["parent"] = draw(st.sampled_from(category_ids[:index]))
        if draw(st.integers(0, 3)) == 0:
            item["kinds"] = draw(st.lists(st.sampled_from(_KINDS), min_size=1, max_size=2,
                                          unique=True))
        categories.append(item)
    safeguard = st.fixed_dictionaries(
        {"mechanism": st.sampled_from(_MECHANISMS)},
        optional={"jurisdictions": st.lists(st.sampled_from(["EU", "KR", "CN", "GB"]),
                                            min_size=1, max_size=2, unique=True),
                  "reference": text, "expires": dates, "copy_at": text})
    processors = []
    for pid in processor_ids:
        item = {"id": pid, "name": draw(text),
                "locations": draw(st.lists(st.sampled_from(places), min_size=1,
                                           max_size=2, unique=True))}
        if draw(st.booleans()):
            item["role"] = draw(st.sampled_from(["controller", "processor", "third_party"]))
        if draw(st.booleans()):
            item["entity"] = draw(st.sampled_from(_ENTITIES))
        if draw(st.booleans()):
            point: dict[str, Any] = {
                "categories": draw(st.lists(st.sampled_from(category_ids), min_size=1,
                                            max_size=3, unique=True)),
                "from": draw(st.lists(st.sampled_from(places), min_size=1, max_size=2,
                                      unique=True))}
            if subject_ids:
                point["subjects"] = [draw(st.sampled_from(subject_ids))]
            item["collects"] = [point]
        if draw(st.booleans()):
            item["safeguards"] = draw(st.lists(safeguard, max_size=2))
        processors.append(item)
    flow_ids = draw(st.lists(ids, max_size=max_flows, unique=True))
    flows = []
    for fid in flow_ids:
        item = {"id": fid, "from": draw(st.sampled_from(processor_ids)),
                "to": draw(st.sampled_from(processor_ids)),
                "categories": draw(st.lists(st.sampled_from(category_ids), min_size=1,
                                            max_size=3, unique=True))}
        if draw(st.booleans()):
            item["purpose"] = draw(text)
        if draw(st.booleans()):
            item["volume"] = str(draw(st.integers(0, 10**7)))
        if draw(st.integers(0, 2)) == 0:
            item["frequency"] = draw(st.sampled_from(["occasional", "regular", "continuous"]))
        if draw(st.booleans()):
            item["safeguards"] = draw(st.lists(safeguard, max_size=2))
        flows.append(item)
    data: dict[str, Any] = {"dataflow": "1", "name": draw(text), "home": home,
                            "as_of": draw(dates), "categories": categories}
    if subject_ids:
        data["subjects"] = [{"id": s, "name": draw(text)} for s in subject_ids]
    data["processors"] = processors
    if flows:
        data["flows"] = flows
    return data


def _scalar(value: str | None) -> str:
    """IDs, codes, numbers and dates plain, as people write them; other text quoted."""
    if value is None:
        return "~"
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._:-]*", value) and not value.endswith(":"):
        return value
    return json.dumps(value, ensure_ascii=False)


def to_yaml(data: Any, indent: int = 0) -> str:
    """Block-style YAML of plain data, scalars written as :func:`map_data` intends."""
    pad = "  " * indent
    lines = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict | list) and value:
                lines.append(f"{pad}{_scalar(key)}:")
                lines.append(to_yaml(value, indent + 1))
            elif isinstance(value, dict | list):
                empty = "{}" if isinstance(value, dict) else "[]"
                lines.append(f"{pad}{_scalar(key)}: {empty}")
            else:
                lines.append(f"{pad}{_scalar(key)}: {_scalar(value)}")
    else:
        for item in data:
            if isinstance(item, dict | list):
                body = to_yaml(item, indent + 1)
                lines.append(f"{pad}- {body.lstrip()}")
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    return "\n".join(lines)


def map_texts(max_processors: int = 6, max_flows: int = 10, *, home: str = "KR",
              countries: Sequence[str] = _COUNTRIES) -> st.SearchStrategy[str]:
    """YAML text of valid maps (``home`` and ``countries`` as for :func:`map_data`)."""
    return map_data(max_processors, max_flows, home=home, countries=countries).map(
        lambda d: to_yaml(d) + "\n")


def _fresh(taken: Iterable[str], prefix: str) -> st.SearchStrategy[str]:
    """IDs that the map does not use yet."""
    used = set(taken)
    return st.from_regex(rf"\A{prefix}-[a-z0-9]{{1,8}}\Z").filter(lambda i: i not in used)


def safeguards(flowmap: FlowMap | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Plain data of a safeguard whose mechanism a law of ``flowmap`` recognises (any law,
    built-in or the map's own; without a map, the common mechanisms), meant for that law."""
    if flowmap is None:
        return st.fixed_dictionaries({"mechanism": st.sampled_from(_MECHANISMS)}, optional={
            "reference": text, "expires": dates, "copy_at": text})
    recognised = sorted({(j.id, m.mechanism) for j in flowmap.laws.by_id.values()
                         for m in j.mechanisms})
    return st.sampled_from(recognised).flatmap(lambda pair: st.fixed_dictionaries(
        {"mechanism": st.just(pair[1]), "jurisdictions": st.just([pair[0]])},
        optional={"reference": text, "expires": dates, "copy_at": text}))


@st.composite
def processors(draw: st.DrawFn, flowmap: FlowMap,
               countries: Sequence[str] = _COUNTRIES) -> dict[str, Any]:
    """Plain data of a processor that ``flowmap`` does not have yet, in ``countries``."""
    item: dict[str, Any] = {
        "id": draw(_fresh(flowmap.processors, "p")), "name": draw(text),
        "locations": draw(st.lists(st.sampled_from(list(countries)), min_size=1, max_size=2,
                                   unique=True))}
    if draw(st.booleans()):
        item["role"] = draw(st.sampled_from(["controller", "processor", "third_party"]))
    if draw(st.booleans()):
        item["entity"] = draw(st.sampled_from(
            sorted({p.entity for p in flowmap.processors.values() if p.entity}) or _ENTITIES))
    if draw(st.booleans()):
        item["safeguards"] = draw(st.lists(safeguards(flowmap), max_size=2))
    return item


@st.composite
def flows(draw: st.DrawFn, flowmap: FlowMap, between: Sequence[str] | None = None
          ) -> dict[str, Any]:
    """Plain data of a new flow of ``flowmap``: between two of its processors (or of
    ``between``, which may name processors drawn by :func:`processors`), carrying its
    categories, with a fresh ID."""
    ends = list(between) if between is not None else list(flowmap.processors)
    if not ends or not flowmap.categories:
        raise ValueError("the map needs processors and categories to draw flows between")
    item: dict[str, Any] = {
        "id": draw(_fresh(flowmap.flows, "f")), "from": draw(st.sampled_from(ends)),
        "to": draw(st.sampled_from(ends)),
        "categories": draw(st.lists(st.sampled_from(sorted(flowmap.categories)), min_size=1,
                                    max_size=3, unique=True))}
    if draw(st.booleans()):
        item["safeguards"] = draw(st.lists(safeguards(flowmap), max_size=2))
    return item


def with_added(flowmap: FlowMap, *, processors: Iterable[dict[str, Any]] = (),
               flows: Iterable[dict[str, Any]] = ()) -> FlowMap:
    """``flowmap`` with more processors and flows (plain data, as the strategies give it)."""
    import yaml

    from .loader import loads

    data = yaml.safe_load(flowmap.dump())
    data["processors"] = [*data.get("processors", []), *processors]
    added = list(flows)
    if added:
        data["flows"] = [*data.get("flows", []), *added]
    return loads(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                 file="<generated>")
