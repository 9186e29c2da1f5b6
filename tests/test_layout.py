"""The tree is the architecture: stage packages, imports one way, small modules, a short README.

Imports are read with `ast` (every import, including those inside functions and under
TYPE_CHECKING), so a rule breaks the moment someone writes the import, not when it runs.
docs/ARCHITECTURE.md explains the stages; the rules below are the ones it promises.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("claims", "verify")             # the packages whose imports are checked (tests may reach in)
SIZED = ("claims", "verify", "benchmarks")  # folders and modules held to the size limits
MAX_MODULES_PER_FOLDER = 15
MAX_MODULE_LINES = 400
MAX_README_BYTES = 12 * 1024

# Which stage may import which, directly; a stage may also import whatever those may (closure).
# `model` (the shared types) and `root` (verify/__init__: the version) may be imported by every
# stage of verify; `claims` (reading articles) stands alone and only the top stages read it.
ARROWS: dict[str, set[str]] = {
    "cli": {"report", "parallel", "pipeline", "sources", "fetch", "claims"},
    "parallel": {"pipeline", "sources", "fetch", "claims"},
    "evaluate": {"pipeline", "sources", "fetch", "text", "claims"},
    "report": {"pipeline", "text", "claims"},
    "pipeline": {"match", "claims"},
    "match": {"structure", "numbers", "text"},
    "structure": {"text"},
    "numbers": {"text"},
    "sources": {"fetch"},
    "text": set(),
    "fetch": set(),
    "model": set(),
    "root": set(),
    "claims": set(),
}
SHARED = {"model", "root"}


def stage_of(module: str) -> str:
    """verify.match.facts -> match; verify.model -> model; verify -> root; verify.__main__ -> cli."""
    parts = module.split(".")
    if parts[0] == "claims":
        return "claims"
    if len(parts) == 1:
        return "root"
    return {"__main__": "cli"}.get(parts[1], parts[1])


def allowed(stage: str) -> set[str]:
    """Every stage `stage` may import (itself included), following ARROWS transitively."""
    seen, todo = {stage}, [stage]
    while todo:
        for nxt in ARROWS.get(todo.pop(), set()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen | (SHARED if stage != "claims" else set())


@dataclass
class Module:
    name: str                      # dotted: verify.match.facts, verify.fetch (an __init__)
    path: Path
    is_package: bool
    imports: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)  # (target, names, line)
    exports: tuple[str, ...] | None = None  # __all__, when it is a literal


def _name(path: Path, root: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def read_tree(root: Path, packages=SHIPPED) -> dict[str, Module]:
    """Every module of `packages` under `root`, with its imports resolved to module names."""
    modules: dict[str, Module] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            name, is_package = _name(path, root)
            modules[name] = Module(name, path, is_package)
    for mod in modules.values():
        tree = ast.parse(mod.path.read_text(encoding="utf-8"), str(mod.path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    mod.imports.append((alias.name, (), node.lineno))
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(mod, node.module, node.level)
                for alias in node.names:
                    # `from pkg import submodule` imports the submodule itself.
                    target = f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    names = () if target != base else (alias.name,)
                    mod.imports.append((target, names, node.lineno))
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
                with_all = ast.literal_eval(node.value)
                mod.exports = tuple(with_all)
    return modules


def _absolute(mod: Module, name: str | None, level: int) -> str:
    if not level:
        return name or ""
    package = mod.name.split(".") if mod.is_package else mod.name.split(".")[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def internal_edges(modules: dict[str, Module]):
    """(importer, imported module, names, line) for every import of one of our own modules."""
    for mod in modules.values():
        for target, names, line in mod.imports:
            if target in modules:
                yield mod, modules[target], names, line


def find_cycle(modules: dict[str, Module]) -> list[str]:
    """One import cycle as [a, b, ..., a], or [] when the module graph is acyclic."""
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for mod, target, _, _ in internal_edges(modules):
        if target.name != mod.name:
            graph[mod.name].add(target.name)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def wrong_way_imports(modules: dict[str, Module]) -> list[str]:
    out = []
    for mod, target, _, line in internal_edges(modules):
        a, b = stage_of(mod.name), stage_of(target.name)
        if b not in allowed(a):
            out.append(f"{mod.path.relative_to(ROOT)}:{line}: {a} imports {target.name} ({b}); "
                       f"{a} may import only {', '.join(sorted(allowed(a) - {a})) or 'nothing of verify'}")
    return out


def _package_of(module: Module) -> str:
    """The stage package a module belongs to (verify.match for verify.match.facts), '' for the
    top-level modules of verify (model, pipeline, evaluate), which are their own interface."""
    parts = module.name.split(".")
    if parts[0] == "claims":
        return "claims"
    if module.is_package:
        return module.name if len(parts) > 1 else ""
    return ".".join(parts[:2]) if len(parts) > 2 else ""


def private_imports(modules: dict[str, Module]) -> list[str]:
    """Imports from outside a package that reach past its __init__, or take a name not in __all__."""
    out = []
    for mod, target, names, line in internal_edges(modules):
        package = _package_of(target)
        if not package or _package_of(mod) == package or mod.name.startswith(package + "."):
            continue
        where = f"{mod.path.relative_to(ROOT)}:{line}"
        if target.name != package:
            out.append(f"{where}: imports {target.name}, a private module of {package}")
            continue
        exports = modules[package].exports or ()
        out += [f"{where}: imports {n} from {package}, which does not export it (__all__)"
                for n in names if n not in exports]
    return out


# --- the rules -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tree() -> dict[str, Module]:
    return read_tree(ROOT)


def test_no_import_cycles_between_modules(tree):
    assert find_cycle(tree) == []


def test_the_stages_themselves_form_no_cycle():
    for stage in ARROWS:
        assert not any(stage in allowed(other) for other in ARROWS[stage]), stage


def test_a_stage_imports_only_the_stages_below_it(tree):
    assert wrong_way_imports(tree) == []


def test_nothing_reaches_into_another_packages_private_modules(tree):
    assert private_imports(tree) == []


def test_every_package_lists_its_interface_and_shadows_none_of_its_modules(tree):
    import importlib

    for mod in (m for m in tree.values() if m.is_package and _has_code(m)):
        assert mod.exports is not None, f"{mod.path.relative_to(ROOT)} has no __all__"
        package = importlib.import_module(mod.name)
        missing = [n for n in mod.exports if not hasattr(package, n)]
        assert not missing, f"{mod.name}.__all__ names what it does not define: {missing}"
        submodules = {p.stem for p in mod.path.parent.glob("*.py")}
        assert not set(mod.exports) & submodules, f"{mod.name} exports a name that is also a module"


def _has_code(mod: Module) -> bool:
    """False for a package that only holds data (claims/examples): a docstring and nothing else."""
    body = ast.parse(mod.path.read_text(encoding="utf-8")).body
    return any(not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)) for n in body)


def _sized_files() -> list[Path]:
    return [p for folder in SIZED for p in sorted((ROOT / folder).rglob("*.py"))]


def test_no_folder_holds_more_than_15_modules():
    folders: dict[Path, int] = {}
    for path in _sized_files():
        folders[path.parent] = folders.get(path.parent, 0) + 1
    crowded = {str(f.relative_to(ROOT)): n for f, n in folders.items() if n > MAX_MODULES_PER_FOLDER}
    assert not crowded, f"a folder past {MAX_MODULES_PER_FOLDER} modules is two stages: {crowded}"


def test_no_module_is_longer_than_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in _sized_files()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long


def test_readme_is_a_front_door_of_at_most_12_kb():
    size = len((ROOT / "README.md").read_bytes())
    assert size <= MAX_README_BYTES, f"README.md is {size} bytes: reference material goes in docs/"


# --- heavy libraries only where they are used ---------------------------------------------

def test_pandas_is_imported_only_by_the_table_writers_and_only_when_they_run(tree):
    # The CSV writer, and the Parquet one (an optional extra), import pandas inside a function.
    writers = ["verify.report.csv_json", "verify.report.parquet"]
    importers = [(mod.name, line) for mod in tree.values() for target, _, line in mod.imports
                 if target.split(".")[0] == "pandas"]
    assert sorted({name for name, _ in importers}) == writers
    for name in writers:
        module = ast.parse(tree[name].path.read_text(encoding="utf-8"))
        top_level = [n for n in module.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        assert not any(a.name.split(".")[0] == "pandas" for n in top_level if isinstance(n, ast.Import) for a in n.names)


_LOADED = """
import json, sys
from verify.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": int(code), "pandas": "pandas" in sys.modules, "vcr": "vcr" in sys.modules}))
"""
EXAMPLE = ROOT / "claims" / "examples" / "000_8a0206ff2ce473fd.txt"


def _run_loaded(tmp_path: Path, *args: str) -> dict:
    """Run the CLI in a fresh interpreter; which heavy libraries did it load?"""
    done = subprocess.run([sys.executable, "-c", _LOADED, *args], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _replay(*report: str) -> list[str]:
    return ["verify", str(EXAMPLE), "--cassette", str(ROOT / "cassettes" / "demo.yaml"), *report]


def test_a_run_without_csv_does_not_import_pandas(tmp_path):
    loaded = _run_loaded(tmp_path, *_replay("--json", str(tmp_path / "out.json")))
    assert loaded["code"] == 0 and loaded["pandas"] is False
    assert (tmp_path / "out.json").stat().st_size > 0


def test_a_run_with_csv_does_import_pandas(tmp_path):
    # The control: the probe above would also pass if it could not see pandas at all.
    loaded = _run_loaded(tmp_path, *_replay("--csv", str(tmp_path / "out.csv")))
    assert loaded["code"] == 0 and loaded["pandas"] is True and loaded["vcr"] is True


def test_a_run_without_a_cassette_does_not_import_vcrpy(tmp_path):
    # --offline with no cache: every page is not_cached, and nothing touches the network.
    loaded = _run_loaded(tmp_path, "verify", str(EXAMPLE), "--offline", "--no-cache")
    assert loaded == {"code": 0, "pandas": False, "vcr": False}
