"""Parity with the one definition of the surface (tests/surface.json, written from the Rust
table in bindings-common): every operation, iterator, option and sandbox method, spelled in
Python's way. A missing or differently spelled one fails here."""

import inspect
import json
from pathlib import Path

import pytest

import feedrail

SURFACE = json.loads((Path(__file__).resolve().parents[2] / "tests" / "surface.json").read_text())


def _keywords(function):
    return {p.name for p in inspect.signature(function).parameters.values() if p.kind is p.KEYWORD_ONLY}


@pytest.mark.parametrize("cls", [feedrail.Client, feedrail.AsyncClient])
def test_every_operation_with_its_options(cls):
    for op in SURFACE["operations"]:
        method = getattr(cls, op["name"], None)
        assert callable(method), f"{cls.__name__}.{op['name']} is missing"
        if op["options"]:
            assert _keywords(method) == set(op["options"]), f"{cls.__name__}.{op['name']} options differ"


@pytest.mark.parametrize("cls", [feedrail.Client, feedrail.AsyncClient])
def test_every_iterator(cls):
    for iterator in SURFACE["iterators"]:
        method = getattr(cls, "iter_" + iterator["name"], None)
        assert callable(method), f"{cls.__name__}.iter_{iterator['name']} is missing"
        assert _keywords(method) == set(iterator["options"])


def test_client_options():
    parameters = inspect.signature(feedrail.Client.__init__).parameters
    assert [p for p in parameters if p != "self"] == SURFACE["clientOptions"]


def test_sandbox_methods():
    for name in SURFACE["sandboxMethods"]:
        assert callable(getattr(feedrail.Sandbox, name, None)), f"Sandbox.{name} is missing"
