"""dataflow: map where personal data goes, and check its international transfers.

>>> import dataflow
>>> fm = dataflow.load("privacy/map.yaml")    # doctest: +SKIP
>>> report = dataflow.check(fm)               # doctest: +SKIP
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import render, write_report
    from .check import check
    from .errors import Location, MapError, Problem
    from .findings import Finding, Report, Severity, Transfer
    from .flowmap import FlowMap
    from .loader import load, loads
    from .model import (
        Category,
        CollectionPoint,
        Flow,
        Jurisdiction,
        MapFile,
        Processor,
        Safeguard,
        Subject,
        Waiver,
    )
    from .reading import Limits

__version__ = "0.1.0"

__all__ = [
    "Category", "CollectionPoint", "Finding", "Flow", "FlowMap", "Jurisdiction", "Limits",
    "Location", "MapError", "MapFile", "Problem", "Processor", "Report", "Safeguard",
    "Severity", "Subject", "Transfer", "Waiver", "__version__", "check", "load", "loads",
    "render", "write_report",
]

#: The module each public name lives in: loaded when the name is first asked for, so that a
#: command imports only what it uses (a check never loads the diagrams, reports or notices).
_HOMES = {
    "render": "api", "write_report": "api", "check": "check",
    "Location": "errors", "MapError": "errors", "Problem": "errors",
    "Finding": "findings", "Report": "findings", "Severity": "findings", "Transfer": "findings",
    "FlowMap": "flowmap", "load": "loader", "loads": "loader",
    "Category": "model", "CollectionPoint": "model", "Flow": "model", "Jurisdiction": "model",
    "MapFile": "model", "Processor": "model", "Safeguard": "model", "Subject": "model",
    "Waiver": "model", "Limits": "reading",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


class _Package(ModuleType):
    """This package. Two of its functions share their names with its modules: ``check``
    (the module :mod:`dataflow.check`) and ``render`` (the diagrams, :mod:`dataflow.render`).
    Importing a module binds it to its package's attribute of that name, which would put the
    module where the function is once the module is first imported; here the functions
    stay."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("check", "render") and isinstance(value, ModuleType):
            return  # the module is in sys.modules: ``from dataflow.render import draw`` works
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
