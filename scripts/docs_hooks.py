"""MkDocs hook: before the site is built, write the generated pages and draw the diagrams
the executed pages show (docs/img/, not kept in git), so the site always shows what the
code says and does."""

from __future__ import annotations

from typing import Any


def on_pre_build(config: Any, **_: Any) -> None:
    from dataflow.docs import main

    main([config["docs_dir"]])
