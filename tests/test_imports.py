"""The package's imports run one way: no module of ``src/handbill`` imports, directly or through
others, a module that imports it back (module-level and function-level imports both count, and
importing ``a.b.c`` counts as importing the packages ``a.b`` too, since Python runs their
``__init__`` first). Imports under ``if TYPE_CHECKING:`` are types only and do not count."""

from __future__ import annotations

import ast
from pathlib import Path

import handbill

PACKAGE = Path(handbill.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(inner) for node in ast.walk(tree) if _is_type_checking_block(node)
                       for stmt in node.body for inner in ast.walk(stmt)}
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for target in targets:
                # Importing a.b.c first runs the packages a.b and a: they are imported too, unless
                # the importer lives inside them (then they are already running).
                parts = target.split(".")
                for depth in range(2, len(parts) + 1):
                    module = ".".join(parts[:depth])
                    inside = name == module or name.startswith(module + ".")
                    if module in modules and not (inside and depth < len(parts)) and module != name:
                        graph[name].add(module)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycle() -> None:
    assert _cycles(_import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_stages_do_not_import_the_batch_or_command_line() -> None:
    graph = _import_graph()
    upper = {"handbill.build", "handbill.batch", "handbill.cli", "handbill.commands", "handbill.check",
             "handbill.report"}
    for name, targets in graph.items():
        stage = name.split(".")[1] if name.count(".") >= 1 else ""
        if stage in {"load", "compose", "render", "text", "fonts", "model", "pipeline"}:
            assert not targets & upper, f"{name} imports {sorted(targets & upper)}"

