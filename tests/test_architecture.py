"""The shape of the package, checked with ``ast`` so it stays true: no import cycle, no run-time
import from a lower stage to a higher one, no module over 400 lines, no function over 60."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import newsloom

SRC = Path(newsloom.__file__).resolve().parent
PACKAGE = "newsloom"

# Stages, lowest first: a module may import its own rank or lower ones at run time.
RANKS: dict[str, int] = {
    "model": 0, "errors": 0, "settings": 0, "plover": 0,  # plover: the PLOVER type table (data)
    "sources": 1, "extract": 1,
    "understand": 2, "pipeline": 2,  # the pipeline runs extraction and the understand stages
    "connect": 3,
    "store": 4,
    "batch": 5,
    "serve": 6, "cli": 6, "exporting": 6, "event_exports": 6, "output": 6, "__init__": 6, "__main__": 6,
}

# Cycles other work removes now (issue 9): understand/ helpers that take the whole DocLinker, and
# the quote finder's speakers <-> documents pair. Each entry is one cycle's modules; the lead empties
# this list when that work is merged. A cycle not listed here fails the test.
KNOWN_CYCLES: list[frozenset[str]] = [
]

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Files being rewritten by other work right now (issue 9 and the quotes/actors/events work); each
# is checked again once that work is merged.
SIZE_EXEMPT: set[str] = {
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join([PACKAGE, *parts])] = path
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the import nodes under ``if TYPE_CHECKING:``."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else test.attr if isinstance(test, ast.Attribute) else ""
            if name == "TYPE_CHECKING":
                for child in node.body:
                    inside.update(id(n) for n in ast.walk(child))
    return inside


def _resolve(module: str, node: ast.ImportFrom) -> Iterator[str]:
    base = module if _is_package(module) else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        base = base.rpartition(".")[0]
    target = node.module or ""
    if node.level:
        target = f"{base}.{target}" if target else base
    if not target.startswith(PACKAGE):
        return
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        yield sub if sub in MODULES else target


def imports(module: str) -> Iterator[tuple[str, bool, int]]:
    """(imported module of ours, only for type checking, line) for every import in ``module``,
    at the top, inside functions or under TYPE_CHECKING."""
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    hints = _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE:
                    yield alias.name, id(node) in hints, node.lineno
        elif isinstance(node, ast.ImportFrom):
            for target in _resolve(module, node):
                if target in MODULES:
                    yield target, id(node) in hints, node.lineno


def rank(module: str) -> int:
    parts = module.split(".")
    return RANKS[parts[1] if len(parts) > 1 else "__init__"]


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_no_import_cycles() -> None:
    graph = {m: {t for t, _, _ in imports(m) if t != m} for m in MODULES}
    cycles = _cycles(graph)
    unknown = [sorted(c) for c in cycles if c not in KNOWN_CYCLES]
    assert not unknown, f"import cycles: {unknown}"
    stale = [sorted(c) for c in KNOWN_CYCLES if c not in cycles]
    assert not stale, f"allowed cycles that no longer exist (remove them from KNOWN_CYCLES): {stale}"


def test_no_run_time_import_from_a_lower_stage_to_a_higher_one() -> None:
    upward = [f"{m}:{line} imports {t}" for m in MODULES for t, hint_only, line in imports(m)
              if not hint_only and rank(t) > rank(m)]
    assert not upward, upward


def test_every_module_has_a_stage() -> None:
    assert all(rank(m) >= 0 for m in MODULES)  # KeyError names a new top-level module without a rank


def _long_functions(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - first + 1
            if length > MAX_FUNCTION_LINES:
                yield f"{path.relative_to(SRC)}:{node.lineno} {node.name}() has {length} lines"


def test_modules_and_functions_stay_small() -> None:
    too_big = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in SIZE_EXEMPT:
            continue
        lines = len(path.read_text("utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_big.append(f"{rel} has {lines} lines")
        too_big += _long_functions(path)
    assert not too_big, too_big
    stale = [rel for rel in SIZE_EXEMPT if not (SRC / rel).is_file()]
    assert not stale, f"exempt files that no longer exist: {stale}"
