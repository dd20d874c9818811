"""dataflow: map where personal data goes, and check its international transfers.

>>> import dataflow
>>> fm = dataflow.load("privacy/map.yaml")    # doctest: +SKIP
>>> report = dataflow.check(fm)               # doctest: +SKIP
"""

from __future__ import annotations

from . import render as _diagrams  # noqa: F401 - the subpackage first: `render` is the function
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
