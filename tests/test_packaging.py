"""What the source distribution ships, and what the repository's root holds.

The sdist's contents are set in ``pyproject.toml`` (``only-include``); these tests hold
that list to the tree without building anything: every entry exists, nothing a run
leaves behind (a cache, a file written by a test) is shipped or committed.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from tests.checkout import ROOT, git

# What a user needs to build, test and document the package.
SHIPPED = {
    "src",
    "tests",
    "docs",
    "tools",
    "typecheck",
    "benchmarks",
    "conftest.py",
    "mkdocs.yml",
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
}
# Committed for the people who work on it, not shipped.
KEPT_OUT = {".ci", ".gitignore", "NOTES.md"}


def _sdist() -> dict[str, object]:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        config = tomllib.load(handle)
    return dict(config["tool"]["hatch"]["build"]["targets"]["sdist"])


def test_the_sdist_ships_only_what_a_user_needs() -> None:
    """The sdist is an explicit list (only-include) of what exists, and nothing else."""
    sdist = _sdist()
    assert set(sdist) == {"only-include"}, "select the sdist's files by only-include alone"
    listed = sdist["only-include"]
    assert isinstance(listed, list)
    assert set(listed) == SHIPPED
    for name in listed:
        assert (ROOT / name).exists(), name


def _tracked() -> list[str]:
    out = git("ls-files", "-z")
    if out is None:
        pytest.skip("not a git checkout (an sdist has no repository)")
    return [name for name in out.split("\0") if name]


def test_the_repository_root_holds_no_stray_file() -> None:
    """Every file committed at the root is shipped or kept out on purpose; no cache."""
    tracked = _tracked()
    roots = {name.split("/", maxsplit=1)[0] for name in tracked}
    stray = roots - SHIPPED - KEPT_OUT
    assert not stray, f"committed at the root, neither shipped nor kept out: {sorted(stray)}"
    assert not [name for name in tracked if "/.cache/" in f"/{name}"]
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".cache/" in ignored  # mkdocs-jupyter's cache of executed notebooks


@pytest.mark.parametrize("table", ["lpr.json", "benchmark.json"])
def test_the_law_tables_ship_with_the_package(table: str) -> None:
    """The rate tables are package data: readable from the installed package, committed."""
    assert resources.files("loanrelief.law").joinpath(table).is_file()
    tracked = git("ls-files", f"src/loanrelief/law/{table}")
    if tracked is not None:
        assert tracked.strip() == f"src/loanrelief/law/{table}"
