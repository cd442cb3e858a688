"""The import contract: imports run one way, down the layers (docs/design.md).

Every ``import`` of every module under ``src/loanrelief`` (at the top of a module or
inside a function) is read from its syntax tree and checked against the order of the
layers below. A module may import its own layer and any layer under it, never one above.
The only way up is a convenience method that imports the presentation layer when it is
called (``Schedule.plot()``): those are listed by module and name in ``DELEGATORS``, and
must import inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "loanrelief"

# Bottom to top. A top-level module (the face and its namespaces) sits above them all.
LAYERS = (
    "_foundations",
    "_loans",
    "law",
    "_ledger",
    "cards",
    "_relief",
    "batch",
    "_presentation",
    "_cli",
)
TOP = len(LAYERS)

# (importing module, imported module): a method that draws or renders by calling the
# presentation layer when it is used; imported inside the function, never at the top. The text
# and HTML of a result type come through _foundations.rendered.Rendered, which imports the
# renderer its class names when called (importlib: not an import statement listed here).
DELEGATORS: frozenset[tuple[str, str]] = frozenset(
    {
        ("loanrelief._ledger.account", "loanrelief._presentation.plot"),
        ("loanrelief._ledger.court", "loanrelief._presentation.citations"),
        ("loanrelief._ledger.court", "loanrelief._presentation.court"),
        ("loanrelief._ledger.stated", "loanrelief._presentation.court"),
        ("loanrelief._loans.plan", "loanrelief._presentation.loans"),
        ("loanrelief._loans.schedule", "loanrelief._presentation.loans"),
        ("loanrelief._loans.schedule", "loanrelief._presentation.plot"),
        ("loanrelief._relief.debt_plan", "loanrelief._presentation.plot"),
        ("loanrelief._relief.evaluation", "loanrelief._presentation.levers"),
        ("loanrelief._relief.evaluation", "loanrelief._presentation.outcomes"),
        ("loanrelief._relief.evaluation", "loanrelief._presentation.plot"),
        ("loanrelief._relief.levers", "loanrelief._presentation.levers"),
        ("loanrelief.law._rollover", "loanrelief._presentation.court"),
    }
)

# Imports up the layers that stand today and are being removed: this list only shrinks,
# and it is empty: no core module imports the presentation layer.
KNOWN: frozenset[tuple[str, str]] = frozenset()


def _layer(module: str) -> int:
    parts = module.split(".")
    if parts[0] != "loanrelief":
        return -1
    if len(parts) == 1 or parts[1] not in LAYERS:
        return TOP
    return LAYERS.index(parts[1])


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Each module imported by ``path``, with whether it is imported inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, nested) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.append((child.module, nested))
                # ``from loanrelief._presentation import plot``: the module is the name
                found.extend((f"{child.module}.{alias.name}", nested) for alias in child.names)
            visit(child, nested)

    visit(tree, inside=False)
    return found


def _is_module(name: str) -> bool:
    """Whether ``name`` is a module or package of the source (not a name in one)."""
    if not name.startswith("loanrelief."):  # the face itself, read for ``__version__``
        return False
    path = SRC.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _crossings() -> list[tuple[str, str, bool]]:
    crossings = []
    for path in sorted(SRC.rglob("*.py")):
        importer = _module_name(path)
        for imported, inside in _imports(path):
            if _is_module(imported) and _layer(imported) > _layer(importer):
                crossings.append((importer, imported, inside))
    return crossings


def test_every_layer_is_a_package() -> None:
    """The layers the contract names are the folders the source has."""
    folders = {p.name for p in SRC.iterdir() if (p / "__init__.py").exists()}
    assert folders == set(LAYERS)


def test_imports_point_down_the_layers() -> None:
    """No module imports a layer above its own, beyond the delegators and the known list."""
    upward = {(a, b) for a, b, _ in _crossings()}
    assert upward - DELEGATORS - KNOWN == set()


def test_the_known_crossings_still_stand() -> None:
    """A crossing removed from the code is removed from the list, so it cannot come back."""
    upward = {(a, b) for a, b, _ in _crossings()}
    assert KNOWN - upward == set()
    assert DELEGATORS - upward == set()


def test_delegators_import_when_called() -> None:
    """A delegator imports the presentation layer inside its method, never at the top."""
    at_top = {(a, b) for a, b, inside in _crossings() if not inside}
    assert at_top & DELEGATORS == set()


@pytest.mark.parametrize("layer", LAYERS)
def test_the_contract_sees_each_layer(layer: str) -> None:
    """The contract's reader finds the imports of each layer (it would pass on nothing)."""
    modules = [p for p in (SRC / layer).rglob("*.py") if p.name != "__init__.py"]
    assert modules
    if layer != "_foundations":
        assert any(
            name.startswith("loanrelief.") for path in modules for name, _ in _imports(path)
        )


@pytest.mark.parametrize("layer", ["_foundations", "_loans", "law", "_ledger"])
def test_the_core_renders_through_delegators_only(layer: str) -> None:
    """The core under the ledger reaches the presentation layer only inside a delegator."""
    prefix = f"loanrelief.{layer}"
    found = {
        (a, b, inside)
        for a, b, inside in _crossings()
        if a.startswith(prefix) and b.startswith("loanrelief._presentation")
    }
    assert all(inside and (a, b) in DELEGATORS for a, b, inside in found), found
    assert not {(a, b) for a, b, _ in found} & KNOWN


def _named_renderers() -> list[tuple[str, str, str]]:
    """Each ``_renders = "module:stem"`` a class of the source sets: (class's module, ...)."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.target.id == "_renders"
                and isinstance(node.value, ast.Constant)
            ):
                module, stem = str(node.value.value).split(":")
                found.append((_module_name(path), module, stem))
    return found


def test_a_renderer_named_by_a_result_is_in_the_presentation_layer() -> None:
    """``Rendered`` imports a renderer by name: the contract reads the names instead.

    Each name points to a module of the presentation layer that defines the two
    functions the mixin calls (the text and the HTML), so a core class cannot reach any
    other layer above it by a string, and a renamed renderer fails here, not when shown.
    """
    import importlib  # noqa: PLC0415 - the renderers, loaded to check that they exist

    named = _named_renderers()
    assert len(named) >= 10  # Schedule, Plan, AccountState, CourtView, Outcome, ...
    for owner, module, stem in named:
        assert module.startswith("loanrelief._presentation."), (owner, module)
        assert _layer(module) > _layer(owner)  # a delegator, up to the presentation layer
        loaded = importlib.import_module(module)
        assert callable(getattr(loaded, f"{stem}_text")), (module, stem)
        assert callable(getattr(loaded, f"{stem}_html")), (module, stem)
