"""borderwatch: check the geographic distance claims in news articles, offline.

Text flows one way: text -> claims -> places -> geometry -> verdicts -> map/report.
The public entry point is :func:`borderwatch.check.check_text`; many articles at once:
:func:`borderwatch.check_many` (loaded on first use, so ``import borderwatch`` stays light).
"""

__version__ = "0.1.0"
__all__ = ["check_many"]


def __getattr__(name: str):
    if name == "check_many":
        from .batch import check_many

        return check_many
    raise AttributeError(f"module 'borderwatch' has no attribute {name!r}")
