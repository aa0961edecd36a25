"""Provenance of an export: tool and data versions, time, source and method.

The CLI and the page build one :class:`~borderwatch.model.Provenance` per export and
pass it to the report functions, which stay pure (a test fixes the time).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from unidecode import unidecode

from . import __version__
from .geodata import GeoData, read_sums
from .model import Provenance

__all__ = ["METHOD", "data_version", "make_provenance", "export_name", "slug"]

METHOD = ("claims read from the text by stated rules; places resolved in the embedded gazetteer{online}; "
          "distances measured on the WGS84 ellipsoid (geodesics, Karney 2013, via pyproj/GeographicLib) "
          "to full-resolution boundaries; each verdict names the rule it applied")
#: Longest slug of a title in a file name (a file name must stay short on every system).
SLUG_MAX_CHARS = 60


def data_version(geodata: GeoData) -> str:
    """Return the embedded geodata's version: each file's SHA-256 (from SHA256SUMS) and the
    build metadata of its meta table, e.g. 'borderwatch.sqlite sha256 6d3e… (schema 1, …)'."""
    files = ", ".join(f"{name} sha256 {digest}" for digest, name in read_sums(geodata.directory / "SHA256SUMS"))
    meta = ", ".join(f"{k} {v}" for k, v in sorted(geodata.meta.items()))
    return f"{files} ({meta})"


def make_provenance(geodata: GeoData, *, source: str, online: bool = False,
                    made_at: datetime | None = None) -> Provenance:
    """Return the Provenance of an export made now (or at ``made_at``) from ``source``."""
    extra = ", names it lacks looked up online (OpenStreetMap Nominatim)" if online else " (offline)"
    return Provenance(tool_version=__version__, data_version=data_version(geodata),
                      made_at=made_at or datetime.now(timezone.utc), source=source,
                      method=METHOD.format(online=extra))


def slug(text: str, *, limit: int = SLUG_MAX_CHARS) -> str:
    """Return an ASCII file-name slug of ``text``, cut at a word, at most ``limit`` characters.

    >>> slug("‘Allied Resolve’ begins: Troops spotted near the border with Ukraine")
    'allied-resolve-begins-troops-spotted-near-the-border-with'
    """
    words = re.sub(r"[^a-z0-9]+", " ", unidecode(text or "").lower()).split()
    out = ""
    for w in words:
        cand = f"{out}-{w}" if out else w
        if len(cand) > limit:
            break
        out = cand
    return out or (words[0][:limit] if words else "article")


def export_name(title: str, provenance: Provenance, ext: str) -> str:
    """Return 'borderwatch-<slug-of-title>-<YYYY-MM-DD>.<ext>' (the date the export was made, UTC)."""
    return f"borderwatch-{slug(title)}-{provenance.made_at:%Y-%m-%d}.{ext}"
