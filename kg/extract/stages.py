"""Named stages run in an order stated once, in the manner of spaCy's pipeline components.

Each layer of extraction (entities, relations) is a `Stages` value: a tuple of named
functions. A stage reads what the ones before it returned and returns a new value; it never
changes what it was given. A later stage (coreference, a parser) goes in by name:

>>> double = Stages((Stage("one", lambda x: x + 1), Stage("two", lambda x: x * 2)))
>>> double.names
('one', 'two')
>>> double.inserted(Stage("half", lambda x: x / 2), after="one").names
('one', 'half', 'two')
>>> double.run(3)
8
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..deadline import check
from ..errors import UnknownStageError


@dataclass(frozen=True)
class Stage:
    """One step of a layer: `run` takes the layer's input (and what earlier stages returned)
    and returns a new value; its docstring says what it reads and what it adds."""

    name: str
    run: Callable[..., Any]

    @property
    def doc(self) -> str:
        return (self.run.__doc__ or "").strip()


@dataclass(frozen=True)
class Stages:
    """The stages of one layer, in the order they run."""

    items: tuple[Stage, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.items)

    def __iter__(self) -> Iterator[Stage]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def get(self, name: str) -> Stage:
        for s in self.items:
            if s.name == name:
                return s
        raise UnknownStageError(name, self.names)

    def _at(self, name: str) -> int:
        return self.names.index(self.get(name).name)

    def inserted(self, stage: Stage, *, before: str | None = None, after: str | None = None) -> Stages:
        """A copy with `stage` before or after the one named (at the end when neither is given)."""
        if before is not None and after is not None:
            raise ValueError("give one of before= and after=")
        at = self._at(before) if before is not None else self._at(after) + 1 if after is not None else len(self.items)
        return Stages(self.items[:at] + (stage,) + self.items[at:])

    def replaced(self, name: str, run: Callable[..., Any]) -> Stages:
        """A copy whose stage `name` runs `run` instead."""
        at = self._at(name)
        return Stages(self.items[:at] + (Stage(name, run),) + self.items[at + 1:])

    def without(self, name: str) -> Stages:
        at = self._at(name)
        return Stages(self.items[:at] + self.items[at + 1:])

    def run(self, value: Any, *args: Any) -> Any:
        """Each stage in turn on the value the one before returned (with the same `args`);
        between stages, the time limit of the article being read is checked (`kg.deadline`)."""
        for s in self.items:
            check()
            value = s.run(*args, value) if args else s.run(value)
        return value
