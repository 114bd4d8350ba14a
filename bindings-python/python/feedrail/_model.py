"""`Model`, the base of every typed result (`feedrail._types` holds the generated classes), and
the readers that turn the native module's values (dicts with snake_case keys) into them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

TYPE_CHECKING = False
if TYPE_CHECKING:  # `typing` costs start-up time
    from typing import Any, Callable, ClassVar, Literal, Optional, TypeVar

    _M = TypeVar("_M", bound="Model")
    Reader = Callable[[Any], Any]


class Model:
    """A result: attributes in snake_case, `repr` (secrets hidden), equality by value, and
    `to_dict()`."""

    __slots__: tuple[str, ...] = ()
    _CONVERT: ClassVar[dict[str, Reader]] = {}
    _REQUIRED: ClassVar[tuple[str, ...]] = ()
    _SECRET: ClassVar[tuple[str, ...]] = ()
    _TAG: ClassVar[Optional[tuple[str, str]]] = None

    @classmethod
    def _from(cls: type[_M], data: dict[str, Any]) -> _M:
        """The result read from the native module's dict."""
        result = cls.__new__(cls)
        convert = cls._CONVERT
        for name in cls.__slots__:
            value = data.get(name)
            if value is not None and name in convert:
                value = convert[name](value)
            object.__setattr__(result, name, value)
        return result

    @classmethod
    def _matches(cls, data: dict[str, Any]) -> bool:
        """Whether `data` has this type's shape: its tag, or every required key and no other."""
        if cls._TAG is not None:
            return data.get(cls._TAG[0]) == cls._TAG[1]
        return all(k in data for k in cls._REQUIRED) and all(k in cls.__slots__ for k in data)

    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, object]:
        """Every attribute as a plain dict (nested results too), secrets included. `mode="json"`
        gives only JSON values: times and days as ISO 8601 text, money as decimal text."""
        return {name: _plain(getattr(self, name), mode) for name in self.__slots__}

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={'<redacted>' if name in self._SECRET else repr(value)}"
            for name in self.__slots__
            if (value := getattr(self, name)) is not None
        )
        return f"{type(self).__name__}({shown})"


def _plain(value: object, mode: Literal["python", "json"]) -> object:
    if isinstance(value, Model):
        return value.to_dict(mode=mode)
    if isinstance(value, list):
        return [_plain(v, mode) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, mode) for k, v in value.items()}
    if mode == "json" and isinstance(value, (date, datetime)):
        return value.isoformat()
    if mode == "json" and isinstance(value, Decimal):
        return str(value)
    return value


def to_datetime(value: str) -> datetime:
    """An ISO 8601 time (`Z` or an offset makes it aware; none keeps Codat's wall-clock time)."""
    return datetime.fromisoformat(value)


def to_date(value: str) -> date:
    """An ISO 8601 day."""
    return date.fromisoformat(value)


def to_list(read: Reader) -> Reader:
    """Reads each item of a list with `read`."""
    return lambda values: [read(v) for v in values]


def to_map(read: Reader) -> Reader:
    """Reads each value of a dict with `read`."""
    return lambda values: {k: read(v) for k, v in values.items()}


def to_one_of(*types: type[Model]) -> Reader:
    """Reads a dict as the first of `types` whose shape it has; any other dict stays as it is."""

    def read(data: Any) -> object:
        for kind in types:
            if isinstance(data, dict) and kind._matches(data):
                return kind._from(data)
        return data

    return read
