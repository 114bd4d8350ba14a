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


# The table's TypeScript notation in Python's spelling.
_PYTHON_RETURNS = {"void": "None", "number": "int", "Client": "_Client",
                   "Record<string, FeedReport | FeedrailError>": "dict[str, Union[FeedReport, FeedrailError]]"}


def _python_returns(returns, cls):
    if returns == "Worker":
        return "AsyncWorker" if cls is feedrail.AsyncClient else "Worker"
    if returns.endswith("[]"):
        return f"list[{returns[:-2]}]"
    return _PYTHON_RETURNS.get(returns, returns)


@pytest.mark.parametrize("cls", [feedrail.Client, feedrail.AsyncClient])
def test_every_operation_returns_the_type_the_table_gives_it(cls):
    for op in SURFACE["operations"]:
        method = getattr(cls, op["name"])
        declared = inspect.signature(method).return_annotation
        assert declared == _python_returns(op["returns"], cls), f"{cls.__name__}.{op['name']} returns {declared}"


def test_each_typed_result_is_read_as_its_class():
    from feedrail import _types

    for op in SURFACE["operations"]:
        name = op["returns"].removesuffix("[]")
        if isinstance(getattr(_types, name, None), type):
            assert op["name"] in _types.RESULTS, op["name"]


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


def test_an_error_carries_exactly_the_details_every_language_carries():
    from feedrail import _types

    with pytest.raises(feedrail.FeedrailError) as caught:
        feedrail.Client("k", base_url="http://127.0.0.1:9", max_retries=0).get_company("c")
    assert set(_types.FeedrailErrorDetails.__slots__) <= set(vars(caught.value))


def test_no_public_signature_takes_or_returns_any():
    import ast

    from feedrail import webhooks

    from feedrail._model import Model

    functions = [feedrail.validate, webhooks.verify, webhooks.Verifier.verify, feedrail.__getattr__,
                 webhooks.__getattr__, Model.to_dict, feedrail.Reconciliation.to_pandas]
    assert "feed_records" not in vars(feedrail), "a helper of the package is not its API"
    for cls in (feedrail.Client, feedrail.AsyncClient, feedrail.Worker, feedrail.AsyncWorker):
        functions += [f for name, f in vars(cls).items() if callable(f) and not name.startswith("__")]
        functions += [f for base in cls.__mro__[1:-1] for name, f in vars(base).items()
                      if callable(f) and not name.startswith("__")]
    for function in functions:
        for name, annotation in inspect.get_annotations(function).items():
            assert "Any" not in str(annotation), f"{function.__qualname__}: {name}: {annotation}"
    from feedrail import _client, _model, _report, _worker

    for module in (_client, _model, _report, _worker, webhooks):
        for function in vars(module).values():
            if inspect.isfunction(function) and function.__module__ == module.__name__:
                returns = inspect.get_annotations(function).get("return")
                assert "Any" not in str(returns), f"{function.__qualname__} returns {returns}"
    stub = ast.parse((Path(feedrail.__file__).parent / "_native.pyi").read_text())
    (sandbox,) = [node for node in stub.body if isinstance(node, ast.ClassDef) and node.name == "Sandbox"]
    for method in sandbox.body:
        if isinstance(method, ast.FunctionDef):
            assert "Any" not in ast.unparse(method.args) + ast.unparse(method.returns or ast.Constant(None)), method.name
