"""The exceptions borderwatch raises: one small hierarchy.

::

    BorderwatchError                      the CLI and the page catch this and show its message
    ├── InputError (ValueError)           the article, file or edit cannot be checked as it is
    │   ├── InvalidValue (ValueError)     a value outside its closed set or range (kind, unit, span)
    │   ├── CoordinateError (ValueError)  a latitude/longitude pair that is not finite WGS84
    │   ├── CaseFileError (ValueError)    an uploaded case file is not one the page saved (size, JSON, schema)
    │   └── WorkBudgetSpent (ValueError)  the article's work budget is spent (its later claims: not checkable)
    ├── ResolutionError (LookupError)     a name or code cannot be looked up
    │   ├── UnknownPlace (LookupError)    no such country code or place in the embedded data
    │   └── UnknownClaim (LookupError)    no claim with that number in the report
    ├── GeodataError (OSError)            an embedded geodata file is missing, truncated or altered
    ├── OutputError (OSError)             a result cannot be written (missing folder, full disk, closed output)
    ├── OnlineLookupError (RuntimeError)  the opt-in online geocoder failed (timeout, refusal, bad answer)
    └── EngineError (RuntimeError)        a batch engine failed (a worker died, no Dask scheduler)

Subclasses also inherit the builtin a caller would expect, so ``except LookupError``
catches :class:`UnknownPlace`. An unresolvable name in an article is not an error: it
is a verdict ("unresolved: …").
"""

__all__ = [
    "BorderwatchError",
    "InputError",
    "InvalidValue",
    "CoordinateError",
    "CaseFileError",
    "WorkBudgetSpent",
    "ResolutionError",
    "UnknownPlace",
    "UnknownClaim",
    "GeodataError",
    "OnlineLookupError",
    "OutputError",
    "EngineError",
]


class BorderwatchError(Exception):
    """Base class: the CLI and the page catch this and show its message."""


class InputError(BorderwatchError, ValueError):
    """The article, file or edit given to borderwatch cannot be checked as it is."""


class InvalidValue(InputError):
    """A value outside its closed set or range: a kind, a unit, a span."""


class CoordinateError(InputError):
    """A latitude/longitude pair is not a finite WGS84 coordinate."""


class CaseFileError(InputError):
    """An uploaded case file is too large, not JSON, or not of the schema the page saves."""


class WorkBudgetSpent(InputError):
    """The article's work budget is spent: check.py turns it into a "not checkable" verdict
    for each remaining claim, so it reaches a user only from a budget opened by hand."""


class ResolutionError(BorderwatchError, LookupError):
    """A name, code or number cannot be looked up."""


class UnknownPlace(ResolutionError):
    """No such place or country code in the embedded data."""


class UnknownClaim(ResolutionError):
    """No claim with that number in the report."""


class GeodataError(BorderwatchError, OSError):
    """An embedded geodata file is missing, truncated or altered."""


class OnlineLookupError(BorderwatchError, RuntimeError):
    """The opt-in online geocoder failed (timeout, refusal, bad answer)."""


class OutputError(BorderwatchError, OSError):
    """A result could not be written (missing folder, full disk, closed output, encoding)."""


class EngineError(BorderwatchError, RuntimeError):
    """A batch engine failed: a worker process died, a Dask scheduler cannot be reached."""
