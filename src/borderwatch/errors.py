"""The exceptions borderwatch raises: one small hierarchy.

Subclasses also inherit the builtin a caller would expect, so
``except LookupError`` catches :class:`UnknownPlace`.
"""

__all__ = [
    "BorderwatchError",
    "InputError",
    "UnknownPlace",
    "GeodataError",
    "CoordinateError",
    "OnlineLookupError",
    "EngineError",
]


class BorderwatchError(Exception):
    """Base class: the CLI and the page catch this and show its message."""


class InputError(BorderwatchError, ValueError):
    """The article or file given to borderwatch cannot be checked as it is."""


class UnknownPlace(BorderwatchError, LookupError):
    """A name matched nothing in the gazetteer well enough to use."""


class GeodataError(BorderwatchError, OSError):
    """An embedded geodata file is missing, truncated or altered."""


class CoordinateError(BorderwatchError, ValueError):
    """A latitude/longitude pair is not a finite WGS84 coordinate."""


class OnlineLookupError(BorderwatchError, RuntimeError):
    """The opt-in online geocoder failed (timeout, refusal, bad answer)."""


class EngineError(BorderwatchError, RuntimeError):
    """A batch engine failed: a worker process died, a Dask scheduler cannot be reached."""
