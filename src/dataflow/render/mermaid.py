"""Mermaid flowchart of a diagram, for Markdown on GitHub and GitLab (small views, summaries)."""

from __future__ import annotations

import json
import re

from .diagram import Diagram, stable_key
from .dot import SHAPES, STYLE, category_labels, edge_label

_SHAPE = {"box": ('(["', '"])'), "ellipse": ('(("', '"))'), "hexagon": ('{{"', '"}}')}
_SHAPE_ROUNDED = ('("', '")')
_UNSAFE = re.compile(r'["<>&#|\\`%{}\x00-\x1f]')  # % { }: no %%{init}%% directive


def text(value: str) -> str:
    """Text inside a quoted Mermaid label: markup and syntax characters as entity codes."""
    return _UNSAFE.sub(lambda m: f"#{ord(m.group())};", value)


def to_mermaid(diagram: Diagram) -> str:
    """The diagram as a Mermaid ``flowchart LR``; the same diagram gives the same bytes."""
    labels, key = category_labels(diagram)
    title = json.dumps(text(f"{diagram.title} ({diagram.subtitle})"), ensure_ascii=False)
    lines = ["---", f"title: {title}", "---", "flowchart LR"]
    in_cluster: dict[str, list[str]] = {}
    for node in diagram.nodes:
        shape, style = SHAPES.get(node.role, SHAPES[None])
        left, right = _SHAPE_ROUNDED if "rounded" in style else _SHAPE.get(shape, ('["', '"]'))
        label = "<b>" + text(node.title) + "</b>" + "".join(
            "<br/>" + text(d) for d in node.details)
        line = f"  {node.key}{left}{label}{right}"
        if node.cluster and node.cluster in diagram.clusters:
            in_cluster.setdefault(node.cluster, []).append(line)
        else:
            lines.append(line)
    for cluster, label in diagram.clusters.items():
        if cluster in in_cluster:
            lines.append(f'  subgraph {stable_key("cluster", cluster)}["{text(label)}"]')
            lines += ["  " + entry for entry in in_cluster[cluster]]
            lines.append("  end")
    styles = []
    for index, edge in enumerate(diagram.edges):
        arrow = "-.->" if edge.verdict == "missing" else "==>" if edge.verdict == "adequate" \
            else "-->"
        if diagram.labelled:
            label = text(edge_label(edge, labels)).replace("#10;", "<br/>")
            lines.append(f'  {edge.source} {arrow}|"{label}"| {edge.target}')
        else:
            lines.append(f"  {edge.source} {arrow} {edge.target}")
        style = STYLE[edge.verdict]
        colour = style["color"].split(":")[0]
        styles.append(f"  linkStyle {index} stroke:{colour},stroke-width:"
                      f"{float(style['penwidth']):.1f}px")
    for node in diagram.nodes:
        if node.flagged:
            styles.append(f"  style {node.key} stroke:#D55E00,stroke-width:2px")
    lines += styles
    if key:
        lines.append("%% categories: " + "; ".join(f"{c} = {text(n)}" for c, n in key.items()))
    lines.append("%% solid = safeguarded transfer, thick = adequate, dotted = NO SAFEGUARD; "
                 "* = sensitive category")
    return "\n".join(lines) + "\n"
