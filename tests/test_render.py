"""Diagrams: structure of the SVG, verdicts on edges, views, grouping, determinism."""

from __future__ import annotations

import textwrap
from xml.etree import ElementTree as ET

import pytest

import dataflow
from dataflow.render import RenderError, Selection, SelectionError, build_diagram, diagram_bytes
from dataflow.render.dot import quote, to_dot
from dataflow.render.mermaid import to_mermaid
from tests.test_transfers import LAW

SVG = "{http://www.w3.org/2000/svg}"

MAP = LAW + textwrap.dedent("""\
  - {id: mx, name: Mexico hub, entity: MX SA, role: processor, locations: [MX], contact: c}
  - {id: ar, name: Argentina shop, role: third_party, locations: [AR]}
  - {id: nz2, name: Backup, role: processor, locations: [NZ]}
  - {id: th, name: Thai support, role: processor, locations: [TH]}
flows:
  - {id: out, from: app, to: mx, categories: [email], safeguards: [{mechanism: scc, reference: DPA}]}
  - {id: bad, from: app, to: th, categories: [health]}
  - {id: ok, from: app, to: ar, categories: [email]}
  - {id: local, from: app, to: nz2, categories: [email, health]}
""")


@pytest.fixture(scope="module")
def drawn():
    fm = dataflow.loads(MAP)
    report = dataflow.check(fm)
    return fm, report


def _svg(fm, report, **selection) -> ET.Element:
    return ET.fromstring(diagram_bytes(build_diagram(report, Selection(**selection)), "svg"))


def _texts(element: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def test_svg_has_a_cluster_per_country_with_its_law(drawn):
    svg = _svg(*drawn)
    clusters = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "cluster"]
    labels = sorted(" ".join(_texts(c)[:1]) for c in clusters)
    assert "New Zealand (NZ): TL" in labels
    assert {"Mexico (MX)", "Argentina (AR)", "Thailand (TH)"} <= set(labels)


def test_svg_nodes_and_edge_verdicts(drawn):
    svg = _svg(*drawn)
    nodes = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "node"]
    titles = {" ".join(_texts(n)) for n in nodes}
    assert any("Mexico hub" in t and "MX SA" in t for t in titles)
    edges = {}
    for g in svg.iter(f"{SVG}g"):
        if g.get("class") == "edge":
            text = " ".join(_texts(g))
            path = g.find(f"{SVG}path")
            edges[text] = (path.get("stroke"), path.get("stroke-dasharray"))
    assert any("NO SAFEGUARD" in k and v[0] == "#d55e00" and v[1] for k, v in edges.items())
    assert any("safeguarded: scc" in k and v[0] == "#0072b2" and not v[1]
               for k, v in edges.items())
    assert any(k.endswith("adequate") and v[0] == "#009e73" for k, v in edges.items())
    assert len(edges) == 4


def test_views_and_filters(drawn):
    _, report = drawn
    transfers = build_diagram(report, Selection(view="transfers"))
    assert sorted(e.verdict for e in transfers.edges) == ["adequate", "missing", "safeguarded"]
    findings = build_diagram(report, Selection(view="findings"))  # DF110 on "out" too
    assert sorted(e.verdict for e in findings.edges) == ["missing", "safeguarded"]
    health = build_diagram(report, Selection(categories=("health",)))
    assert len(health.edges) == 2
    around = build_diagram(report, Selection(processor="mx"))
    assert len(around.edges) == 1
    grouped = build_diagram(report, Selection(group_by="country"))
    assert sorted(n.title for n in grouped.nodes) == [
        "Argentina (AR)", "Mexico (MX)", "New Zealand (NZ): TL", "Thailand (TH)"]
    assert next(n for n in grouped.nodes if n.title.startswith("New")).details == ["2 processors"]
    with pytest.raises(SelectionError, match="did you mean 'mx'"):
        build_diagram(report, Selection(processor="mxx"))


def test_output_is_byte_stable(drawn):
    fm, report = drawn
    diagram = build_diagram(report)
    assert to_dot(diagram) == to_dot(build_diagram(dataflow.check(fm)))
    assert to_mermaid(diagram) == to_mermaid(build_diagram(dataflow.check(fm)))
    assert diagram_bytes(diagram, "svg") == diagram_bytes(diagram, "svg")


def test_dot_strings_are_inert():
    assert quote('a "b" \\N c\nd') == '"a \\"b\\" \\\\N c\\nd"'


def test_every_format_renders(drawn, tmp_path):
    fm, report = drawn
    for suffix, magic in ((".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF"),
                          (".dot", b"digraph"), (".mmd", b"---"), (".html", b"<!DOCTYPE")):
        path = tmp_path / f"map{suffix}"
        dataflow.render(fm, str(path), report=report)
        assert path.read_bytes().startswith(magic), suffix
    with pytest.raises(RenderError, match="cannot tell the format"):
        dataflow.render(fm, str(tmp_path / "map.txt"), report=report)


def test_missing_graphviz_is_explained(drawn, monkeypatch, tmp_path):
    fm, report = drawn
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RenderError, match="apt-get install graphviz"):
        dataflow.render(fm, str(tmp_path / "map.svg"), report=report)
    dataflow.render(fm, str(tmp_path / "map.mmd"), report=report)
    assert (tmp_path / "map.mmd").read_text().startswith("---")


def test_mermaid_labels_cannot_carry_a_directive():
    fm = dataflow.loads(MAP.replace("name: Mexico hub", 'name: "%%{init: {\'theme\': \'dark\'}}%%"'))
    text = to_mermaid(build_diagram(dataflow.check(fm), Selection()))
    assert "%%{" not in text
    assert "#37;#37;#123;init" in text


def test_a_collection_abroad_is_drawn_from_the_data_subjects_with_its_verdict():
    fm = dataflow.loads("""\
dataflow: 1
as_of: 2026-06-30
home: KR
categories: [{id: events, name: App events}]
processors:
  - {id: sdk, name: Analytics SDK, entity: SDK Inc., role: processor, locations: [US], collects: [{categories: [events]}]}
  - {id: vendor, locations: [unknown]}
""")
    diagram = build_diagram(dataflow.check(fm), Selection(view="transfers"))
    titles = {n.key: n.title for n in diagram.nodes}
    (edge,) = diagram.edges
    assert titles[edge.source] == "Data subjects (KR)"
    assert titles[edge.target] == "Analytics SDK"
    assert (edge.verdict, edge.flows, edge.categories) == ("missing", ["sdk/collect"], ["events"])
    assert "Unknown countries" in build_diagram(dataflow.check(fm)).clusters.values()


def test_a_processor_in_several_countries_is_drawn_in_all_of_them():
    fm = dataflow.loads(
        "dataflow: 1\nhome: KR\ncategories: [{id: orders}]\nprocessors:\n"
        "  - {id: shop, locations: [KR], collects: [{categories: [orders]}]}\n"
        "  - {id: sellers, locations: [JP, US, VN]}\n"
        "flows: [{from: shop, to: sellers, categories: [orders]}]\n")
    report = dataflow.check(fm)
    drawn = build_diagram(report)
    node = next(n for n in drawn.nodes if n.title == "sellers")
    assert drawn.clusters[node.cluster] == (
        "Japan (JP): APPI + United States (US) + Vietnam (VN)")
    # grouped by country, it counts in each country, and the flow reaches each
    grouped = build_diagram(report, Selection(group_by="country"))
    titles = {n.key: n.title for n in grouped.nodes}
    assert sorted(titles.values()) == ["Japan (JP): APPI", "South Korea (KR): PIPA",
                                       "United States (US)", "Vietnam (VN)"]
    assert sorted((titles[e.source], titles[e.target], e.verdict) for e in grouped.edges) == [
        ("South Korea (KR): PIPA", country, "missing")
        for country in ("Japan (JP): APPI", "United States (US)", "Vietnam (VN)")]


def test_a_layout_that_takes_too_long_advises_only_what_was_not_asked(drawn, tmp_path,
                                                                      monkeypatch):
    import importlib

    rendering = importlib.import_module("dataflow.render")  # the module, not dataflow.render()

    def too_slow(dot, fmt, **limits):
        raise rendering.LayoutTimeoutError("the layout took too long")

    monkeypatch.setattr(rendering, "run_graphviz", too_slow)
    _, report = drawn
    with pytest.raises(rendering.LayoutTimeoutError) as caught:
        rendering.draw(report, str(tmp_path / "map.svg"), group_by="country",
                       view="transfers", jurisdictions=("KR",))
    message = str(caught.value)
    assert "boxes and" in message
    assert "--group-by" not in message
    assert "--view" not in message
    assert "--jurisdiction" not in message
    assert "--processor ID" in message
    assert not (tmp_path / "map.svg").exists()


def _dense_map(processors: int = 12) -> str:
    """Processors in four countries, each sending to every other: many lines, few countries."""
    countries = ("KR", "JP", "US", "DE")
    lines = ["dataflow: 1", "home: KR", "categories: [{id: orders}]", "processors:"]
    for i in range(processors):
        collects = ", collects: [{categories: [orders]}]" if i == 0 else ""
        lines.append(f"  - {{id: p{i}, role: processor, locations: [{countries[i % 4]}]"
                     f"{collects}}}")
    lines.append("flows:")
    for i in range(processors):
        for j in range(processors):
            if i != j:
                lines.append(f"  - {{from: p{i}, to: p{j}, categories: [orders]}}")
    return "\n".join(lines) + "\n"


def test_a_diagram_too_large_to_lay_out_is_refused_before_graphviz_naming_what_fits(
        tmp_path, monkeypatch):
    import importlib

    rendering = importlib.import_module("dataflow.render")
    laid_out = []
    monkeypatch.setattr(rendering, "run_graphviz",
                        lambda dot, fmt, **limits: laid_out.append(fmt) or b"<svg/>")
    report = dataflow.check(dataflow.loads(_dense_map()))
    budget = rendering.LayoutBudget(nodes=20, edges=40)
    full = build_diagram(report)
    assert len(full.edges) > budget.edges  # 132 lines between 12 boxes
    with pytest.raises(rendering.DiagramTooLargeError) as caught:
        rendering.draw(report, str(tmp_path / "map.svg"), budget=budget)
    assert laid_out == []
    assert not (tmp_path / "map.svg").exists()
    message = str(caught.value)
    assert f"{len(full.nodes):,} boxes and {len(full.edges):,} lines" in message
    fitting = rendering.smaller_selections(report, Selection(), budget)
    assert fitting  # one node per country fits, one per entity (a processor each) does not
    assert {s.group_by for s, _ in fitting} == {"country", "role"}
    for selection, diagram in fitting:
        assert budget.fits(diagram)
        nodes, edges = len(diagram.nodes), len(diagram.edges)
        assert (f"`--group-by {selection.group_by}` ({nodes} box{'es' * (nodes != 1)}, "
                f"{edges} line{'s' * (edges != 1)})") in message
    assert "--group-by entity" not in message
    assert "`--processor ID`" in message
    assert "--any-size" in message
    # what the suggestion names draws within the budget, and what needs no layout is written
    rendering.draw(report, str(tmp_path / "overview.svg"), group_by="country", budget=budget)
    rendering.draw(report, str(tmp_path / "map.dot"), budget=budget)
    assert laid_out == ["svg"]
    assert (tmp_path / "map.dot").exists()
    rendering.draw(report, str(tmp_path / "map.svg"), budget=None)  # any size: attempted
    assert laid_out == ["svg", "svg"]
    assert (tmp_path / "map.svg").exists()


def test_nothing_fits_says_to_narrow_the_diagram(tmp_path):
    import importlib

    rendering = importlib.import_module("dataflow.render")
    report = dataflow.check(dataflow.loads(_dense_map()))
    with pytest.raises(rendering.DiagramTooLargeError) as caught:
        rendering.draw(report, str(tmp_path / "map.svg"), processor="p1",
                       budget=rendering.LayoutBudget(nodes=0, edges=0))
    message = str(caught.value)
    assert "no view or grouping of it fits; narrow it with `--jurisdiction ID`" in message
    assert "--processor" not in message


def test_graphviz_runs_within_a_memory_limit(drawn, tmp_path, monkeypatch):
    import importlib
    import subprocess
    import sys

    rendering = importlib.import_module("dataflow.render")
    real_run = rendering._run_dot

    def limit_seen_by_the_program(command, data, timeout, memory):  # the child's limit
        probe = "import resource; print(resource.getrlimit(resource.RLIMIT_AS)[0], end='')"
        return real_run([sys.executable, "-c", probe], data, timeout, memory)

    monkeypatch.setattr(rendering, "_run_dot", limit_seen_by_the_program)
    assert rendering.run_graphviz("digraph {}", "svg", memory=3 << 30) == str(3 << 30).encode()
    assert rendering.run_graphviz("digraph {}", "svg") == str(rendering.LAYOUT_MEMORY).encode()

    _, report = drawn
    for code, said in ((-9, b""), (1, b"Error: memory allocation failure\n"),
                       (127, b"dot: error while loading shared libraries: libm.so.6: failed "
                             b"to map segment from shared object\n")):
        monkeypatch.setattr(rendering, "_run_dot", lambda command, *limits, code=code,
                            said=said: subprocess.CompletedProcess(command, code, b"", said))
        with pytest.raises(rendering.LayoutTimeoutError) as drawing:
            rendering.draw(report, str(tmp_path / "map.svg"), memory=64 << 20)
        assert str(drawing.value).startswith(
            "Graphviz needed more than 64 MiB of memory to lay out "), code
        assert not (tmp_path / "map.svg").exists()
    monkeypatch.setattr(rendering, "_run_dot", lambda command, *limits:
                        subprocess.CompletedProcess(command, 1, b"", b"syntax error in line 1"))
    with pytest.raises(rendering.RenderError) as failing:
        rendering.draw(report, str(tmp_path / "map.svg"))
    assert str(failing.value) == "Graphviz failed: syntax error in line 1"


def test_a_missing_graphviz_is_named_with_how_to_install_it(drawn, tmp_path, monkeypatch):
    """Without `dot` on the PATH, drawing SVG says to install Graphviz or write DOT; nothing
    is written. When `dot` fails to start for another reason, the reason is given."""
    import importlib

    rendering = importlib.import_module("dataflow.render")
    _, report = drawn
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(rendering.RenderError) as missing:
        rendering.draw(report, str(tmp_path / "map.svg"))
    assert str(missing.value).startswith(
        "drawing SVG needs the Graphviz program `dot`, which is not installed: install "
        "Graphviz (Debian/Ubuntu: `apt-get install graphviz`")
    assert not (tmp_path / "map.svg").exists()
    monkeypatch.undo()

    def unstartable(*arguments):
        raise PermissionError(13, "Permission denied", "dot")

    monkeypatch.setattr(rendering, "_run_dot", unstartable)
    with pytest.raises(rendering.RenderError) as failing:
        rendering.draw(report, str(tmp_path / "map.svg"))
    assert str(failing.value) == "Graphviz could not be started: [Errno 13] Permission denied: 'dot'"


def test_map_text_that_starts_like_markup_is_quoted_in_dot():
    """A category named "<14 children data" is text: Graphviz must not read it as an
    HTML-like label (which broke the layout, or let attributes in)."""
    from dataflow.render import Selection, build_diagram, diagram_bytes

    fm = dataflow.loads("""\
dataflow: 1
home: KR
as_of: 2026-06-30
categories: [{id: kids, name: "<14 children data"}]
processors:
  - {id: a, role: controller, locations: [KR], collects: [{categories: [kids]}]}
  - {id: b, entity: B Inc., role: processor, locations: [US]}
flows: [{from: a, to: b, categories: [kids]}]
""")
    dot = diagram_bytes(build_diagram(dataflow.check(fm), Selection()), "dot").decode()
    assert 'label="<14 children data' in dot
    svg = diagram_bytes(build_diagram(dataflow.check(fm), Selection()), "svg").decode()
    assert "&lt;14 children data" in svg


def test_a_diagram_too_large_for_labels_gets_a_quick_layout(drawn):
    from dataflow.render.diagram import LABELLED_EDGES_AT_MOST
    from dataflow.render.dot import QUICK_LAYOUT

    small = build_diagram(drawn[1])
    assert small.labelled
    large = build_diagram(dataflow.check(dataflow.loads(_dense_map(13))))
    assert len(large.edges) > LABELLED_EDGES_AT_MOST
    assert not large.labelled
    limits = [f'{name}="{value}"' for name, value in QUICK_LAYOUT.items()]
    graph_line = next(line for line in to_dot(large).splitlines() if "graph [" in line)
    assert all(limit in graph_line for limit in limits)
    assert not any(limit in to_dot(small) for limit in limits)
    assert diagram_bytes(large, "svg").lstrip().startswith(b"<?xml")  # Graphviz takes them
