"""The public face: a narrow ``loanrelief.__all__``, named namespaces, nothing leaked.

A name is public in exactly one place: the face (``loanrelief``) or one namespace
(``loanrelief.tvm``, ``.law``, ``.cards``, ``.debts``, ``.batch``, ``.minor``,
``.dask``). Every public module's public-looking attributes are exactly its
``__all__``, so an implementation detail imported into it cannot become a promise. The
API reference (``docs/reference/``) has one page per public module listing exactly that
module's ``__all__``.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import loanrelief as lr

# The public modules: the face, then the namespaces reached as its attributes, then
# ``dask`` (imported by name; it needs the dask extra only when called).
NAMESPACES = ("tvm", "law", "cards", "debts", "batch", "minor")
PUBLIC = ("loanrelief", *(f"loanrelief.{name}" for name in NAMESPACES), "loanrelief.dask")

# ``loanrelief.dask`` runs batch kernels of the same names on Dask collections: its own
# functions, named after the kernels they map, not the kernels published twice.
MIRRORS = {("loanrelief.dask", "amortize_totals"), ("loanrelief.dask", "overdue_states")}


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


def _public_looking(module: ModuleType) -> set[str]:
    """Attributes a user could take for the module's API: no underscore, not a module."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, ModuleType)
        and name != "annotations"  # ``from __future__ import annotations``
    }


def test_the_face_is_narrow() -> None:
    """At most 90 names on the face (issue 32), each listed once."""
    assert len(lr.__all__) <= 90
    assert len(set(lr.__all__)) == len(lr.__all__)


@pytest.mark.parametrize("name", PUBLIC)
def test_a_public_module_shows_exactly_its_all(name: str) -> None:
    """No leak: what a public module holds under a public-looking name is in ``__all__``."""
    module = _module(name)
    listed = list(module.__all__)
    assert len(set(listed)) == len(listed), "a name listed twice"
    assert _public_looking(module) == set(listed)


@pytest.mark.parametrize("name", PUBLIC)
def test_a_public_module_is_documented_with_an_example(name: str) -> None:
    """Each public module says what it holds, and the namespaces show it in a doctest."""
    doc = _module(name).__doc__
    assert doc
    assert doc.strip()
    if name != "loanrelief.dask":  # its examples need the dask extra: in its functions
        assert ">>>" in doc


def test_no_name_is_public_in_two_places() -> None:
    """Each public name and each value lives in one public module only."""
    where: dict[str, str] = {}
    owner: dict[int, str] = {}
    for module_name in PUBLIC:
        module = _module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            if (module_name, name) not in MIRRORS:
                assert name not in where, f"{name} in {where.get(name)} and {module_name}"
                where[name] = module_name
            if isinstance(value, int | str | frozenset | tuple):  # constants may be equal
                continue
            place = f"{module_name}.{name}"
            assert id(value) not in owner, f"{place} is also {owner.get(id(value))}"
            owner[id(value)] = place


def test_the_namespaces_are_the_faces_attributes_and_documented() -> None:
    """``lr.tvm``, ``lr.law``... are reached as attributes, and the face's docstring names them."""
    doc = lr.__doc__ or ""
    for name in NAMESPACES:
        assert isinstance(getattr(lr, name), ModuleType)
        assert f":mod:`loanrelief.{name}`" in doc
        assert name not in lr.__all__  # a star import brings values, not modules
    assert ":mod:`loanrelief.dask`" in doc
    # Once imported, a submodule is an attribute of its package: ``dask`` when asked for.
    modules = {n for n, v in vars(lr).items() if isinstance(v, ModuleType) and n[0] != "_"}
    assert set(NAMESPACES) <= modules <= {*NAMESPACES, "dask"}


def test_the_implementation_modules_are_private() -> None:
    """Beside the public modules, every module of the package has a leading underscore."""
    public = set(PUBLIC) | {"loanrelief.__main__"}
    for info in pkgutil.walk_packages(lr.__path__, "loanrelief."):
        if info.name in public:
            continue
        parts = info.name.split(".")[1:]
        assert any(part.startswith("_") for part in parts), info.name


# The API reference: one page per public module, listing exactly its ``__all__``.
REFERENCE = Path(__file__).parent.parent / "docs" / "reference"
PAGES = {"loanrelief": "face.md", **{m: f"{m.rpartition('.')[2]}.md" for m in PUBLIC[1:]}}


def _documented(page: Path) -> dict[str, list[str]]:
    """Each ``::: module`` block of a page with the members its options list."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("::: "):
            current = blocks.setdefault(line[4:].strip(), [])
        elif current is not None and line.strip().startswith("- "):
            current.append(line.strip()[2:])
    return blocks


def test_the_reference_has_a_page_per_public_module() -> None:
    """The reference's pages are the public modules' pages, and the index links each."""
    assert {p.name for p in REFERENCE.glob("*.md")} == {*PAGES.values(), "index.md"}
    index = (REFERENCE / "index.md").read_text(encoding="utf-8")
    for module, page in PAGES.items():
        assert f"]({page})" in index
        assert f"`{module}`" in index
    assert not list(REFERENCE.parent.glob("reference.md"))  # the one big page is gone


@pytest.mark.parametrize("module", PUBLIC)
def test_a_reference_page_lists_exactly_the_modules_all(module: str) -> None:
    """A page documents its module's ``__all__``, in order, and nothing else."""
    assert _documented(REFERENCE / PAGES[module]) == {module: list(_module(module).__all__)}


def test_every_public_name_is_in_the_reference_once() -> None:
    """Across the pages, each public name is documented in one place only."""
    seen = [
        f"{module}.{name}"
        for page in sorted(REFERENCE.glob("*.md"))
        for module, names in _documented(page).items()
        for name in names
    ]
    expected = [f"{m}.{n}" for m in PUBLIC for n in _module(m).__all__]
    assert sorted(seen) == sorted(expected)
