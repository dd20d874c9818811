"""Graphviz DOT of a diagram: a cluster per country, shapes by role, edges by verdict.

Colours are the Okabe-Ito palette, always paired with a line style, so that the verdicts
read without colour too: a missing safeguard is a bold dashed line, a safeguarded transfer
a solid line labelled with its mechanism, an adequate destination a double line, and a flow
that is no transfer a thin grey line.
"""

from __future__ import annotations

import html
import re

from .diagram import VERDICTS, Diagram, Edge, Node, short_codes
from .fonts import font_family

STYLE = {
    "missing": {"color": "#D55E00", "style": "bold,dashed", "penwidth": "2.6",
                "fontcolor": "#B34700"},
    "safeguarded": {"color": "#0072B2", "style": "solid", "penwidth": "1.8",
                    "fontcolor": "#0072B2"},
    "adequate": {"color": "#009E73:invis:#009E73", "style": "solid", "penwidth": "1.2",
                 "fontcolor": "#00734F"},
    "internal": {"color": "#8C8C8C", "style": "solid", "penwidth": "0.8",
                 "fontcolor": "#555555"},
}
VERDICT_WORDS = {"missing": "NO SAFEGUARD", "safeguarded": "safeguarded",
                 "adequate": "adequate", "internal": ""}
_COUNT_WORDS = {"missing": "without safeguard", "safeguarded": "safeguarded",
                "adequate": "adequate", "internal": "no transfer"}
SHAPES = {"controller": ("box", "rounded,filled"), "processor": ("ellipse", "filled"),
          "third_party": ("hexagon", "filled"), None: ("box", "filled")}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: Past this many categories in a map, edges show short codes explained in the legend.
MAX_NAMED_CATEGORIES = 8


def quote(text: str) -> str:
    """A DOT string literal that Graphviz shows as written (no escapes such as \\N run)."""
    text = _CONTROL.sub("\ufffd", text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _html(text: str) -> str:
    """Text for a Graphviz HTML-like label: every markup character escaped."""
    escaped = html.escape(_CONTROL.sub("\ufffd", text), quote=True)
    # Graphviz expands \N, \G, \L... even in HTML-like labels; a doubled backslash is one
    return escaped.replace("\\", "\\\\").replace("\n", "<br/>")


class _Html(str):
    """An HTML-like label this module built (its text escaped by :func:`_html`): written as
    it is. Every other value is quoted, whatever it starts with: a category named
    "<14 children" is text, not markup."""


def _attrs(pairs: dict[str, str]) -> str:
    return ", ".join(f"{k}={v if isinstance(v, _Html) else quote(v)}" for k, v in pairs.items())


def category_labels(diagram: Diagram) -> tuple[dict[str, str], dict[str, str]]:
    """How each category is written on edges, and the key (code -> name) when codes are used."""
    used = [c for e in diagram.edges for c in e.categories]
    distinct = list(dict.fromkeys(used))
    if len(distinct) <= MAX_NAMED_CATEGORIES:
        return ({c: diagram.category_names.get(c, c) + ("*" if c in diagram.sensitive else "")
                 for c in distinct}, {})
    codes = short_codes(distinct)
    labels = {c: code + ("*" if c in diagram.sensitive else "") for c, code in codes.items()}
    key = {code: diagram.category_names.get(c, c) + (" (sensitive)" if c in diagram.sensitive
                                                      else "") for c, code in codes.items()}
    return labels, key


def edge_label(edge: Edge, labels: dict[str, str]) -> str:
    shown = [labels[c] for c in edge.categories]
    text = ", ".join(shown[:6]) + (f" +{len(shown) - 6}" if len(shown) > 6 else "")
    if len(edge.flows) > 1:
        counts = [f"{edge.verdicts[v]} {_COUNT_WORDS[v]}" for v in VERDICTS
                  if edge.verdicts.get(v) and len(edge.verdicts) > 1]
        text += f"\n{len(edge.flows)} flows" + (": " + ", ".join(counts) if counts else "")
    words = VERDICT_WORDS[edge.verdict]
    if edge.verdict == "safeguarded" and edge.mechanisms:
        words += ": " + ", ".join(edge.mechanisms)
    return text + (f"\n{words}" if words else "")


def _node(node: Node) -> str:
    shape, style = SHAPES.get(node.role, SHAPES[None])
    label = _Html(f"<<b>{_html(node.title)}</b>" + "".join(
        f'<br/><font point-size="9">{_html(d)}</font>' for d in node.details) + ">")
    attrs = {"label": label, "shape": shape, "style": style, "fillcolor": "#FFFFFF",
             "color": "#D55E00" if node.flagged else "#333333",
             "penwidth": "2.2" if node.flagged else "1"}
    return f"  {node.key} [{_attrs(attrs)}];"


#: Graphviz's effort on a diagram too large for labelled edges: a few passes of crossing
#: reduction and of the placement's network simplex instead of passes until nothing
#: improves. The grouped overview of the 50,000-flow benchmark map (29 boxes, 709 lines)
#: took 2.8 s of Graphviz's time with its defaults (2.2 s placing boxes), 0.6 s with these.
QUICK_LAYOUT = {"mclimit": "0.1", "nslimit": "1"}


def to_dot(diagram: Diagram) -> str:
    """The diagram as DOT text: the same diagram always gives the same bytes."""
    labels, key = category_labels(diagram)
    font = font_family(diagram.home)
    title = _Html(f"<<b>{_html(diagram.title)}</b><br/>"
                  f'<font point-size="10">{_html(diagram.subtitle)}</font>>')
    graph = {'label': title, 'labelloc': 't', 'fontname': font, 'fontsize': '16',
             'newrank': 'true', 'rankdir': 'LR', 'nodesep': '0.35', 'ranksep': '1.1',
             'pad': '0.3', **({} if diagram.labelled else QUICK_LAYOUT)}
    lines = [
        "digraph dataflow {",
        f"  graph [{_attrs(graph)}];",
        f'  node [fontname="{font}", fontsize="11"];',
        f'  edge [fontname="{font}", fontsize="9"];',
    ]
    in_cluster: dict[str, list[Node]] = {}
    loose = []
    for node in diagram.nodes:
        if node.cluster and node.cluster in diagram.clusters:
            in_cluster.setdefault(node.cluster, []).append(node)
        else:
            loose.append(node)
    for cluster, label in diagram.clusters.items():
        members = in_cluster.get(cluster, [])
        if not members:
            continue
        lines.append(f"  subgraph {quote('cluster_' + cluster)} {{")
        lines.append(f"    graph [{_attrs({'label': label, 'style': 'rounded,filled', 'fillcolor': '#F4F4F4', 'color': '#A0A0A0', 'fontsize': '12', 'labeljust': 'l'})}];")  # noqa: E501
        lines += ["  " + _node(n) for n in members]
        lines.append("  }")
    lines += [_node(n) for n in loose]
    for edge in diagram.edges:
        attrs = {**({"label": edge_label(edge, labels)} if diagram.labelled else {}),
                 **STYLE[edge.verdict]}
        lines.append(f"  {edge.source} -> {edge.target} [{_attrs(attrs)}];")
    lines += _legend(key)
    lines.append("}")
    return "\n".join(lines) + "\n"


_SAMPLES = {  # a line drawn in text, in the verdict's colour and line style
    "missing": ("━ ━ ━ ━", "transfer without safeguard"),
    "safeguarded": ("━━━━━", "safeguarded transfer (mechanism named)"),
    "adequate": ("═════", "transfer to an adequate country"),
    "internal": ("─────", "flow that is no transfer"),
}


def _legend(key: dict[str, str]) -> list[str]:
    """One node holding the whole legend, so that it stays compact whatever the layout."""
    rows = ['<tr><td colspan="2" align="left"><b>Legend</b></td></tr>']
    for verdict, (sample, words) in _SAMPLES.items():
        colour = STYLE[verdict]["color"].split(":")[0]
        rows.append(f'<tr><td align="left"><font color="{colour}">{sample}</font></td>'
                    f'<td align="left">{_html(words)}</td></tr>')
    rows.append('<tr><td align="left">rounded box</td><td align="left">controller</td></tr>'
                '<tr><td align="left">ellipse</td><td align="left">processor</td></tr>'
                '<tr><td align="left">hexagon</td><td align="left">third party</td></tr>'
                '<tr><td align="left"><font color="#D55E00">red border</font></td>'
                '<td align="left">has errors or warnings</td></tr>'
                '<tr><td align="left">*</td><td align="left">sensitive category</td></tr>')
    if key:
        rows.append('<tr><td colspan="2" align="left"><b>Categories</b></td></tr>')
        rows += [f'<tr><td align="left">{_html(code)}</td><td align="left">{_html(name)}</td></tr>'
                 for code, name in key.items()]
    table = ('<<table border="1" color="#A0A0A0" cellborder="0" cellspacing="1" '
             'cellpadding="2" style="rounded">' + "".join(rows) + "</table>>")
    return [f'  legend [shape="plain", fontsize="9", label={table}];']
