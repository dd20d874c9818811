"""A diagram as a self-contained HTML page: the SVG inline, nothing loaded from anywhere."""

from __future__ import annotations

import html

from .diagram import Diagram


def to_page(diagram: Diagram, svg: str) -> str:
    """An HTML page holding ``svg`` (Graphviz output, whose text Graphviz escaped)."""
    start = svg.find("<svg")
    title = html.escape(f"{diagram.title} ({diagram.subtitle})")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{title}</title>\n"
        "<style>body{font-family:Helvetica,Arial,sans-serif;margin:1.5rem}"
        "svg{max-width:100%;height:auto}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(diagram.title)}</h1>\n<p>{html.escape(diagram.subtitle)}</p>\n"
        f"{svg[start:] if start >= 0 else svg}\n</body>\n</html>\n")
