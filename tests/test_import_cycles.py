"""Apps import downward only: no cycle between the apps under ipguard/.

Every module is parsed (not imported). A dependency is an `import` or `from ... import`
anywhere in the file (function-level imports included), or a string that names a module or an
attribute under ipguard ("ipguard.evidence.report_section.evidence_section" in a settings
list, a dashboard panel or a section table is still an import, only later). Migrations are left
out: they name models by label, which is Django's own lazy reference.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "ipguard"
DOTTED = re.compile(r"^ipguard(\.[A-Za-z_]\w*)+$")


def _node(dotted: str, root: Path) -> str | None:
    """The app a dotted name belongs to; the top-level modules (settings, urls, celery, wsgi)
    are one node, "project", which names every app and must be named by none."""
    parts = dotted.split(".")
    if len(parts) < 2 or parts[0] != "ipguard":
        return None
    return parts[1] if (root / parts[1]).is_dir() else "project"


def _module_name(path: Path, root: Path) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _dependencies(path: Path, root: Path) -> set[str]:
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.update([node.value] if DOTTED.match(node.value) else [])
    return found


def app_graph(root: Path = ROOT) -> dict[str, dict[str, set[str]]]:
    """app -> {app it depends on -> the files that make the dependency}."""
    graph: dict[str, dict[str, set[str]]] = {}
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = _node(_module_name(path, root), root)
        if source is None:
            continue
        graph.setdefault(source, {})
        for dependency in _dependencies(path, root):
            target = _node(dependency, root)
            if target and target != source:
                graph[source].setdefault(target, set()).add(str(path.relative_to(root.parent)))
    return graph


def find_cycles(graph) -> list[list[str]]:
    """Every strongly connected group of more than one app (Tarjan), each sorted."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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


def test_no_import_cycle_between_apps():
    graph = app_graph()
    assert {"accounts", "actions", "evidence", "playbooks", "reports"} <= set(graph)
    cycles = find_cycles(graph)
    detail = [
        f"{' <-> '.join(group)}: "
        + "; ".join(
            f"{a} -> {b} in {sorted(graph[a][b])}" for a in group for b in group if b in graph[a]
        )
        for group in cycles
    ]
    assert not cycles, "\n".join(detail)


def test_the_checker_sees_imports_and_dotted_strings(tmp_path):
    package = tmp_path / "ipguard"
    for app in ("one", "two", "three"):
        (package / app).mkdir(parents=True)
        (package / app / "__init__.py").write_text("")
    (package / "one" / "a.py").write_text("def f():\n    from ipguard.two.b import g\n")
    (package / "two" / "b.py").write_text('PROVIDERS = ["ipguard.one.a.f"]\n')
    (package / "three" / "c.py").write_text("from ipguard.one import a\n")
    (package / "settings.py").write_text('APPS = ["ipguard.three"]\n')
    graph = app_graph(package)
    assert find_cycles(graph) == [["one", "two"]]
    assert set(graph["three"]) == {"one"}
    assert set(graph["project"]) == {"three"}
