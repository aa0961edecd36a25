"""One article's work budget: the CPU time its check may spend resolving and measuring.

What costs is not the number of figures but the work behind them, and that varies by
two orders of magnitude (measured, benchmarks/bench_adversarial.py): a boundary
measurement is ~0.5 ms near a border and ~10 ms far from a detailed region; a name is
~1 ms exact and more when it needs the fuzzy index or has many namesakes. So the budget
is the work itself: CPU seconds of the checking thread (``time.thread_time``: what other
processes or a batch's other threads use is not counted), checked before each claim and
before each boundary measurement the memo does not hold. Reading the text (extraction)
comes before and is bounded by settings.MAX_LENGTH_FIGURES instead. Once it is spent, the remaining
claims are still listed, each "not checkable" with the reason and the way out (check a
part of the article): nothing is lost and nothing is guessed.

Reading the embedded data into memory (an outline parsed, a border's segments built: once
per process) is not charged (:func:`uncharged`), up to settings.WORK_BUDGET_LOADING_S per
article: a fresh batch worker and a warm page judge the same article the same way, and a text
that names every country (all outlines: ~6.6 s) is still bounded.

>>> with work_budget(10.0) as budget:
...     charge()
>>> budget.spent
False
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from .errors import WorkBudgetSpent

__all__ = ["WorkBudget", "work_budget", "charge", "budget_reason", "uncharged"]

_F = TypeVar("_F", bound=Callable)


class WorkBudget:
    """CPU seconds one article's check may use; :meth:`charge` raises once they are spent."""

    def __init__(self, seconds: float, *, loading_s: float = 0.0, clock=time.thread_time) -> None:
        if not seconds > 0 or not loading_s >= 0:
            raise ValueError(f"a work budget must be more than 0 s (and its loading allowance at least 0 s), "
                             f"got {seconds!r}, {loading_s!r}")
        self.seconds = seconds
        self.loading_s = loading_s
        self._clock = clock
        self._start = clock()
        self._excluded = 0.0
        self._depth = 0
        self.spent = False

    def used(self) -> float:
        """Return the CPU seconds used since the budget was opened, less those :func:`uncharged`
        excludes (at most ``loading_s``)."""
        return self._clock() - self._start - min(self._excluded, self.loading_s)

    @contextlib.contextmanager
    def not_counted(self) -> Iterator[None]:
        """CPU time within this block is not charged (nested blocks count once)."""
        self._depth += 1
        t0 = self._clock()
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._excluded += self._clock() - t0

    def charge(self) -> None:
        """Raise WorkBudgetSpent when the budget's CPU time is used up (and from then on)."""
        if not self.spent and self.used() > self.seconds:
            self.spent = True
        if self.spent:
            raise WorkBudgetSpent(budget_reason(self.seconds))


def budget_reason(seconds: float) -> str:
    """The sentence a claim left unchecked by a spent budget carries: what happened and the way out."""
    return (f"not checked: this article's work budget ({seconds:g} s of resolving and measuring) "
            "was spent before this claim — check a part of the article (the paragraphs around this claim) "
            "on its own to check it")


_CURRENT: contextvars.ContextVar[WorkBudget | None] = contextvars.ContextVar("borderwatch_work_budget",
                                                                                default=None)


@contextlib.contextmanager
def work_budget(seconds: float, *, loading_s: float = 0.0) -> Iterator[WorkBudget]:
    """Within this block, :func:`charge` counts against a fresh budget of ``seconds`` CPU seconds, of
    which reading embedded data (:func:`uncharged`) is excused up to ``loading_s``."""
    budget = WorkBudget(seconds, loading_s=loading_s)
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)


def charge() -> None:
    """Check the current work budget before a piece of costly work (no budget open: free)."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.charge()


def uncharged(func: _F) -> _F:
    """Decorate a loader of embedded data (put it under its cache, so only a miss runs it): its CPU
    time is not charged to the current work budget, up to the budget's loading allowance.

    >>> import itertools
    >>> ticks = itertools.count()
    >>> budget = WorkBudget(1.5, loading_s=5.0, clock=lambda: float(next(ticks)))
    >>> token = _CURRENT.set(budget)
    >>> uncharged(lambda: None)()  # the clock moves one tick while the loader runs
    >>> budget.used()  # three ticks since the budget opened, less that one
    2.0
    >>> _CURRENT.reset(token)
    """
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        budget = _CURRENT.get()
        if budget is None:
            return func(*args, **kwargs)
        with budget.not_counted():
            return func(*args, **kwargs)
    return wrapper  # type: ignore[return-value]
