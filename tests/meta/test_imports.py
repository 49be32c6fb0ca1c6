"""Imports flow one way: no import circle between modules, and no module imports from a layer
above its own (docs/ARCHITECTURE.md, "Layers").

Every import of every module of ``validator/`` is read with ``ast``: at the top, inside
functions, and under ``if TYPE_CHECKING:``. An import inside a function is an import: it runs
when the function does, so it counts like one at the top.

One exception, for type names only: an import under ``TYPE_CHECKING`` that brings in classes
(names used in annotations; ``from __future__ import annotations`` keeps them unevaluated)
may name a class of a higher layer. It never runs, so it makes neither a run-time circle nor a
run-time dependency; what it expresses is "this function receives that object", which the
lower module cannot avoid saying without a protocol class per type. The test checks that
every such name is a class defined in the module it comes from (not a function or a
constant, which would be a real dependency); anything else under ``TYPE_CHECKING`` counts
like an ordinary import.

Within one layer, modules may import each other in any direction but never in a circle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "validator"

#: The layers, lowest first; a module belongs to the first entry whose prefix it has (the
#: longest prefix wins). A module may import from its own layer and the ones before it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ("validator.core",)),
    ("formats", ("validator.formats",)),
    ("knowledge", ("validator.language", "validator.slides", "validator.paging",
                   "validator.calendar", "validator.materials", "validator.plain")),
    ("files", ("validator.files",)),
    ("discovery", ("validator.discovery",)),
    ("reader", ("validator.reader",)),
    ("checks", ("validator.checks",)),
    ("settings", ("validator.settings",)),
    ("run", ("validator.run",)),
    ("fix", ("validator.fix",)),
    ("reports", ("validator.reports",)),
    ("storage", ("validator.storage",)),
    ("interfaces", ("validator.api", "validator.commands", "validator.gate",
                    "validator.__main__", "validator")),
)

#: Most modules the top level of ``validator/`` may hold (``__init__``, ``__main__``, ``api``).
TOP_LEVEL = {"validator", "validator.__main__", "validator.api"}
#: No module of the package is longer than this many lines.
MAX_LINES = 400


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    #: Under ``if TYPE_CHECKING:`` and bringing in class names only.
    types_only: bool


def modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = modules()


def resolve(name: str) -> str | None:
    """The module ``name`` is or is inside of (``validator.x.Name`` -> ``validator.x``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def layer_of(module: str) -> int:
    best, index = -1, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best:
                best, index = len(p), i
    assert index >= 0, f"{module} is in no layer: add it to LAYERS and docs/ARCHITECTURE.md"
    return index


def _classes(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.ClassDef)}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the import nodes under an ``if TYPE_CHECKING:`` block."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
                (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
                or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")):
            for stmt in node.body:
                for sub in ast.walk(stmt):
                    out.add(id(sub))
    return out


def edges() -> Iterator[Edge]:
    for source, path in MODULES.items():
        tree = ast.parse(path.read_text("utf-8"))
        guarded = _type_checking_nodes(tree)
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = resolve(alias.name) if alias.name.startswith("validator") else None
                    if target and target != source:
                        yield Edge(source, target, node.lineno, False)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = source.split(".") if is_package else source.split(".")[:-1]
                    base = base[:len(base) - node.level + 1]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                if not (module == "validator" or module.startswith("validator.")):
                    continue
                for alias in node.names:
                    target = resolve(f"{module}.{alias.name}")
                    if not target or target == source:
                        continue
                    types_only = (id(node) in guarded and f"{module}.{alias.name}" not in MODULES
                                  and alias.name in _classes(target))
                    yield Edge(source, target, node.lineno, types_only)


EDGES = list(edges())


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on.add(start)
        while work:
            node, it = work[-1]
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    break
                if nxt in on:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def graph(all_edges: list[Edge]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {m: set() for m in MODULES}
    for e in all_edges:
        if not e.types_only:
            out[e.source].add(e.target)
    return out


def test_the_reader_sees_imports_in_functions_and_under_type_checking() -> None:
    """The measure measures: a function-level import and a TYPE_CHECKING one are edges."""
    found = {(e.source, e.target, e.types_only) for e in EDGES}
    # engine.run imports the reader inside the function; the reader names the cache's class
    # under TYPE_CHECKING (a type name: allowed up the layers, not an edge of the graph).
    assert ("validator.run.engine", "validator.reader.readers", False) in found
    assert ("validator.reader.readers", "validator.storage.cache", True) in found
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle() -> None:
    circles = cycles(graph(EDGES))
    assert circles == [], "import circles:\n" + "\n".join(" <-> ".join(c) for c in circles)


def test_no_import_from_a_higher_layer() -> None:
    up = [f"{e.source}:{e.line} ({LAYERS[layer_of(e.source)][0]}) imports {e.target} "
          f"({LAYERS[layer_of(e.target)][0]})"
          for e in EDGES if not e.types_only and layer_of(e.target) > layer_of(e.source)]
    assert up == [], "imports up the layers:\n" + "\n".join(up)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_has_a_layer(module: str) -> None:
    layer_of(module)


def test_the_top_level_holds_only_the_entry_points() -> None:
    top = {m for m in MODULES if m.count(".") == 1 and MODULES[m].name != "__init__.py"}
    top |= {"validator"}
    assert top <= TOP_LEVEL, f"modules at the top of validator/: {sorted(top - TOP_LEVEL)}"


def test_no_module_over_the_line_limit() -> None:
    long = {m: n for m, p in MODULES.items()
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"modules over {MAX_LINES} lines: {long}"


#: Module names used twice, each pair told apart by its package (and why both keep the name).
SAME_NAME = {
    "api": "the library's (validator.api) and the gate's JSON API (gate.api)",
    "coverage": "the coverage data (core) and its report (reports), as every report is named",
    "parts": "an OOXML package's OLE parts (formats) and a deck's parts (slides)",
    "pdf": "reading a PDF (formats) and counting its pages (paging)",
    "slides": "the slides' wireframes in a report (reports) and the slide fixes (fix)",
    "styles": "a slide's text styles (slides) and Word's paragraph styles (paging)",
    "text": "the text report (reports) and a slide's text runs (slides)",
    "views": "a document's views (files) and the gate's views of a submission (gate)",
}


def test_no_two_modules_share_a_name_a_reader_would_confuse() -> None:
    """Three modules of one name (three ``model.py`` were), or a pair not listed above with
    its reason, fails: a new module takes a name that says what it holds."""
    names: dict[str, list[str]] = {}
    for module in MODULES:
        if module.count(".") >= 1 and MODULES[module].name != "__init__.py":
            names.setdefault(module.rsplit(".", 1)[1], []).append(module)
    shared = {n: m for n, m in names.items() if len(m) > 1}
    assert all(len(m) == 2 for m in shared.values()), shared
    assert set(shared) <= set(SAME_NAME), {n: m for n, m in shared.items() if n not in SAME_NAME}
