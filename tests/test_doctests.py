"""The examples in the package's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import figures

MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(figures.__path__, "figures.")
    if m.name != "figures.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_package_has_examples() -> None:
    counted = sum(doctest.testmod(importlib.import_module(n)).attempted for n in MODULES)
    assert counted >= 8
