"""The package's import rules, checked on its own import graph (docs/architecture.md).

Every `import framing...` counts, at the top of a module or inside a function: a lazy import is still
an edge of the graph. A module may import its own layer and the layers below it, never above."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "framing"

# Lowest first. A module is placed by its package (framing/text/... -> "text") or, at the top of
# framing/, by its own name.
LAYERS = (
    {"__init__", "errors", "resources", "findings", "categories"},
    {"rules"},
    {"text"},
    {"models"},
    {"analysis"},
    {"detectors"},
    {"audit", "api", "house_rules"},
    {"outputs"},
    {"training", "runs", "corpus"},
    {"cli", "__main__"},
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each framing module -> the framing modules it imports (a name imported from a package counts as
    that package's submodule when one exists)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "framing":
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    targets.add(submodule if submodule in modules else node.module)
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name.split(".")[0] == "framing"}
        graph[name] = {t for t in targets if t != name}
    return graph


def layer_of(module: str) -> int:
    parts = module.split(".")
    key = parts[1] if len(parts) > 1 else "__init__"
    for rank, names in enumerate(LAYERS):
        if key in names:
            return rank
    raise AssertionError(f"{module}: not placed in a layer; add its package to LAYERS and docs/architecture.md")


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_graph_is_read():
    graph = import_graph()
    assert "framing.text.document" in graph["framing.audit"] or any(
        t.startswith("framing.text") for t in graph["framing.audit"])
    assert "framing.cli" in graph["framing.__main__"]


def test_no_import_cycle():
    assert _cycle(import_graph()) is None, " -> ".join(_cycle(import_graph()) or [])


def test_layers_only_import_downwards():
    wrong = sorted(f"{source} -> {target}" for source, targets in import_graph().items() for target in targets
                   if layer_of(target) > layer_of(source))
    assert not wrong, "imports of a higher layer:\n" + "\n".join(wrong)


def test_models_never_import_training():
    wrong = [(s, t) for s, targets in import_graph().items() for t in targets
             if s.startswith("framing.models") and t.startswith("framing.training")]
    assert not wrong


@pytest.mark.parametrize("graph, expected", [
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
])
def test_the_cycle_finder_finds_cycles(graph, expected):
    assert _cycle(graph) == expected
