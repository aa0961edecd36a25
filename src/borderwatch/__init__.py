"""borderwatch: check the geographic distance claims in news articles, offline.

Text flows one way: text -> claims -> places -> geometry -> verdicts -> map/report.
The public entry point is :func:`borderwatch.check.check_text`.
"""

__version__ = "0.1.0"
