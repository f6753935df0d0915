"""The flow is the layout: imports point down pdf → tables → nlp → rows → validate → store →
evaluate → review, only `pipeline` runs the stages, `cli` sits on top, imports sit at module
top, and no module-level cycle exists. Read from the source with `ast`, so a violation is
caught before anything runs."""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "extract"

# Lowest first. A module may import its own layer or any layer below it, never above.
LAYERS = (
    ("extract.types",), ("extract.errors",), ("extract.textnorm",), ("extract.fileio",),
    ("extract.engines", "extract.progress"),
    ("extract.numbers",), ("extract.knowledge",),
    ("extract.pdf",), ("extract.tables",), ("extract.nlp",), ("extract.rows",),
    ("extract.validate",), ("extract.store",), ("extract.evaluate",), ("extract.review",),
    ("extract.pipeline",), ("extract.cli", "extract.__main__", "extract.api"),
)
# The package hands out its Python API on first use (PEP 562 `__getattr__`, a lazy import):
# the one import that may point up.
PUBLIC_API = {("extract", "extract.api")}
STAGES = ("extract.pdf", "extract.tables", "extract.nlp", "extract.rows", "extract.validate",
          "extract.store", "extract.evaluate", "extract.review")
# evaluate receives predictions and gold and computes: it never reads documents, tags text
# or links rows; the store keeps what the stages computed. From the stages before them they
# may import only these modules (types and values), besides the ground modules.
ONLY_FROM_EARLIER_STAGES = {
    "extract.evaluate": ("extract.rows.schema",),
    "extract.store": ("extract.rows.schema", "extract.rows.crosscheck", "extract.validate"),
}
LAZY_MARK = re.compile(r"# lazy: \S")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    if module == "extract":
        return 0
    for index, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def resolve(module: str, node: ast.ImportFrom | ast.Import, is_package: bool) -> list[str]:
    """The package modules one import statement names (absolute or relative)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "extract"]
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[:len(anchor) - (node.level - 1)]
        base = ".".join(anchor + ([base] if base else []))
    if base.split(".")[0] != "extract":
        return []
    # `from extract.nlp import values` names the module extract.nlp.values
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]


def imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module top) of every package import of `module`."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for target in resolve(module, node, path.name == "__init__.py"):
                out.append((target, node.lineno, id(node) in top))
    return out


def all_imports(path: Path) -> list[tuple[int, bool, str]]:
    """(line, at module top, source line) of every import statement, package or not."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    top = {id(n) for n in tree.body}
    lines = source.splitlines()
    return [(n.lineno, id(n) in top, lines[n.lineno - 1]) for n in ast.walk(tree)
            if isinstance(n, (ast.Import, ast.ImportFrom))]


def test_every_module_belongs_to_a_layer():
    for module in MODULES:
        layer_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_flow(module):
    upward = [(target, line) for target, line, at_top in imports(module)
              if layer_of(target) > layer_of(module) and not ((module, target) in PUBLIC_API and not at_top)]
    assert not upward, f"{module} imports a later stage: {upward}"


@pytest.mark.parametrize("stage", sorted(ONLY_FROM_EARLIER_STAGES))
def test_a_stage_imports_only_types_from_the_stages_it_must_not_run(stage):
    allowed = ONLY_FROM_EARLIER_STAGES[stage]
    earlier = [s for s in STAGES if layer_of(s) < layer_of(stage)]
    bad = [(m, target) for m in MODULES if m == stage or m.startswith(stage + ".")
           for target, _, _ in imports(m)
           if any(target == s or target.startswith(s + ".") for s in earlier) and target not in allowed]
    assert not bad, bad


def test_no_dynamic_imports_hide_from_the_contract():
    hidden = [(name, line) for name, path in MODULES.items()
              for line in path.read_text(encoding="utf-8").splitlines()
              if re.search(r"\bimport_module\(|__import__\(", line)]
    assert not hidden, hidden


@pytest.mark.parametrize("path", sorted(MODULES.values()), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_sit_at_module_top_unless_marked_lazy(path):
    """A lazy import is allowed only where start-up time needs it, with a comment saying so."""
    hidden = [(line, text.strip()) for line, at_top, text in all_imports(path)
              if not at_top and not LAZY_MARK.search(text)]
    assert not hidden, hidden


def test_no_module_level_import_cycle():
    # a module importing from its own package's __init__ counts: that __init__ imports the
    # package's modules, so such an import is a real cycle (a partly initialised module)
    graph = {m: {t for t, _, at_top in imports(m) if at_top and t in MODULES and t != m} for m in MODULES}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_pipeline_is_the_one_module_that_imports_every_stage():
    def stages_imported(module: str) -> set[str]:
        return {s for t, _, _ in imports(module) for s in STAGES if t == s or t.startswith(s + ".")}

    # review too: a run applies the annotators' corrections and writes the review page, tables and plots
    run_stages = set(STAGES)
    assert stages_imported("extract.pipeline") == run_stages
    others = [m for m in MODULES if m not in ("extract.pipeline", "extract.cli") and stages_imported(m) >= run_stages]
    assert not others, others


def test_the_checker_resolves_imports_and_orders_layers():
    """The checker itself: it sees real imports (absolute, relative, of a submodule) and
    ranks a later stage above an earlier one, so an upward import would fail above."""
    seen = {(t, top) for t, _, top in imports("extract.pipeline")}
    assert ("extract.store.db", True) in seen and ("extract.nlp.entities", False) in seen  # top and lazy
    node = ast.parse("from extract.rows.schema import EvidenceRow").body[0]
    assert resolve("extract.pdf.reader", node, False) == ["extract.rows.schema"]
    assert resolve("extract.pdf.reader", ast.parse("from . import blocks").body[0], False) == ["extract.pdf.blocks"]
    assert resolve("extract.nlp", ast.parse("from extract.nlp import values").body[0], True) == ["extract.nlp.values"]
    assert layer_of("extract.rows.schema") > layer_of("extract.pdf.reader")
    assert layer_of("extract.evaluate.scores") > layer_of("extract.store.report") > layer_of("extract.validate")
