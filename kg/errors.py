"""The errors kg raises. Each message names the bad value and, where there are few, the valid ones.

Everything kg raises on purpose is a `KGError`; the command line turns a `KGError` into
exit status 1 with a one-line message, and anything else into exit status 2.
"""
from __future__ import annotations

from collections.abc import Iterable


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input file cannot be read as an article: the message names the file and the reason."""

    def __init__(self, path: object, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):  # sent back from worker processes: rebuilt from path and reason
        return type(self), (self.path, self.reason)


class ExtractionError(InputError):
    """An article was read but could not be extracted (an extractor failed, or gave an entity
    id that cannot be part of an IRI): the message names the article and the reason."""


class TimeLimitError(KGError):
    """A piece of work (reading one article) passed its time limit (see `kg.deadline`)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"the time limit of {seconds:g} s passed")

    def __reduce__(self):
        return type(self), (self.seconds,)


class UnknownNameError(KGError, ValueError):
    """A name (relation, domain, store, format, ...) that kg does not know."""

    kind = "name"

    def __init__(self, value: object, valid: Iterable[str]):
        self.value, self.valid = value, sorted(valid)
        super().__init__(f"unknown {self.kind} {value!r}; valid: {', '.join(self.valid)}")


class UnknownRelationError(UnknownNameError):
    kind = "relation"


class UnknownDomainError(UnknownNameError):
    kind = "domain"


class UnknownFormatError(UnknownNameError):
    kind = "format"


class UnknownStageError(UnknownNameError):
    kind = "extraction stage"


class UnknownLanguageError(UnknownNameError):
    kind = "language"


class UnknownStoreError(UnknownNameError):
    kind = "store"


class UnknownExtractorError(UnknownNameError):
    kind = "extractor"


class UnknownExecutorError(UnknownNameError):
    kind = "executor"


class UnknownMentionModeError(UnknownNameError):
    kind = "mention mode"


class UnknownOutputError(UnknownNameError):
    kind = "output"


class LexiconError(KGError):
    """A lexicon file whose content cannot be read: names the file, the key and what is valid."""


class UnknownEntityError(KGError, KeyError):
    """A name that is neither an entity id nor a name of one in the graph; suggests close ones."""

    def __init__(self, name: str, close: Iterable[str] = ()):
        self.name, self.close = name, list(close)
        hint = f"; did you mean: {', '.join(self.close)}" if self.close else ""
        super().__init__(f"no entity {name!r} in the graph{hint}")

    def __str__(self) -> str:  # KeyError's would quote the message
        return self.args[0]


class GazetteerError(KGError):
    """The gazetteer data is malformed: the message names the file and the entry."""


class QueryError(KGError):
    """A SPARQL query could not be parsed or run."""


class StoreLockedError(KGError):
    """Another build is writing into the same output folder."""


class ExecutorError(KGError):
    """Articles cannot be sent where they were to be extracted (worker processes, a cluster)."""


class StoreError(KGError):
    """A graph store could not be opened, read or written."""


class UnshowableError(KGError, TypeError):
    """`kg.show` was given something it cannot display: the message names its type and what
    can be shown."""

    def __init__(self, value: object, valid: Iterable[str]):
        self.value = value
        super().__init__(f"cannot show a {type(value).__name__}; valid: {', '.join(valid)}")


class SparqlServerError(StoreError):
    """A SPARQL server could not be reached, or refused a request: names the URL (never the
    password) and the HTTP status when there was one."""

    def __init__(self, url: str, status: int | None, reason: str, what: str = "use the store"):
        self.url, self.status, self.reason = url, status, reason
        answer = f"HTTP {status} {reason}" if status is not None else reason
        verb = "refused to" if status is not None else "could not"
        if status is None and reason.startswith(("answered", "sent")):
            message = f"the SPARQL server at {url} {reason}"
        elif status is None:
            message = f"cannot reach the SPARQL server at {url} to {what}: {answer}"
        else:
            message = f"the SPARQL server at {url} {verb} {what}: {answer}"
        if status in (401, 403):
            message += "; give a user and password in the URL or in KG_SPARQL_USER and KG_SPARQL_PASSWORD"
        super().__init__(message)
