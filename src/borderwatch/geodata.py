"""Access to the embedded geodata (``geodata/borderwatch.sqlite``), verified at open.

The database is built by ``scripts/build_geodata.py``; its checksum is kept in
``geodata/SHA256SUMS`` and checked when it is opened, so a missing, truncated or
altered file is reported by name before any lookup runs.
Geometries are stored as zlib-compressed WKB in (lon, lat) order and are inflated
and cached on first use.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sqlite3
import threading
import zlib
from pathlib import Path

import json

import numpy as np
import shapely

from .budget import uncharged
from .errors import GeodataError

__all__ = ["region_key", "country_key", "border_key", "coast_key", "line_key", "GeoData", "default_geodata_dir",
           "open_geodata", "outline_rings", "ATTRIBUTION", "INPUTS_LOCK"]

DB_NAME = "borderwatch.sqlite"
# The pinned inputs the database is built from (committed); its sha256 is in the database's meta.
INPUTS_LOCK = "inputs.toml"
ATTRIBUTION = (
    "© OpenStreetMap contributors (ODbL 1.0) · Boundaries courtesy of geoBoundaries.org "
    "(Runfola et al. 2020, PLoS ONE 15(4): e0231866) · GeoNames (geonames.org), CC BY 4.0 · "
    "Made with Natural Earth · GeoNuclearData (Cristian Stoica), ODbL 1.0 · airportsdata (MIT)"
)
_FIX = ("the database is built, not kept in git: build it with `make` (or `python scripts/build_geodata.py`, "
        "which verifies its pinned inputs)")


def default_geodata_dir() -> Path:
    """Return the geodata folder: $BORDERWATCH_GEODATA, else ``geodata/`` of this checkout."""
    env = os.environ.get("BORDERWATCH_GEODATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "geodata"


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# "HASH  name" (sha256sum's text mode), "HASH *name" (binary mode, -b) or "HASH name".
_SUMS_LINE = re.compile(r"(?P<hash>[0-9a-fA-F]{64}) [ *]?(?P<name>[^\s/\\][^/\\]*?)\s*")


def read_sums(sums: Path) -> list[tuple[str, str]]:
    """Return the (sha256, file name) pairs of a SHA256SUMS file, or raise GeodataError naming it.

    Empty or malformed lists are errors, not a pass: verification must check something.
    """
    if not sums.is_file():
        raise GeodataError(f"geodata checksum list {str(sums)!r} is missing; {_FIX}")
    try:
        text = sums.read_bytes().decode("utf-8")
    except OSError as exc:
        raise GeodataError(f"geodata checksum list {str(sums)!r} cannot be read ({exc.strerror or exc}); {_FIX}") from None
    except UnicodeDecodeError as exc:
        raise GeodataError(f"geodata checksum list {str(sums)!r} is not UTF-8 text (byte {exc.start}); {_FIX}") from None
    entries = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        m = _SUMS_LINE.fullmatch(line)
        if m is None:
            raise GeodataError(f"geodata checksum list {str(sums)!r} line {n} is not 'SHA256  file name' "
                               f"(got {line[:80]!r}); {_FIX}")
        entries.append((m.group("hash").lower(), m.group("name")))
    if DB_NAME not in {name for _, name in entries}:
        raise GeodataError(f"geodata checksum list {str(sums)!r} does not list {DB_NAME} "
                           f"({'it is empty' if not entries else f'{len(entries)} other file(s)'}); {_FIX}")
    return entries


def verify(directory: Path) -> dict[str, str]:
    """Return {file name: sha256} of the files SHA256SUMS lists; raise GeodataError unless it lists
    the database and every file it lists exists with its checksum."""
    digests = {}
    for expected, name in read_sums(directory / "SHA256SUMS"):
        path = directory / name
        if not path.is_file():
            raise GeodataError(f"geodata file {str(path)!r} is missing; {_FIX}")
        try:
            actual = sha256_file(path)
        except OSError as exc:
            raise GeodataError(f"geodata file {str(path)!r} cannot be read ({exc.strerror or exc}); {_FIX}") from None
        if actual != expected:
            raise GeodataError(
                f"geodata file {str(path)!r} is damaged or altered (sha256 {actual[:12]}…, "
                f"expected {expected[:12]}…); {_FIX}")
        digests[name] = actual
    return digests


class GeoData:
    """A read-only handle on the embedded database, safe to share across threads."""

    def __init__(self, directory: Path, *, check: bool = True) -> None:
        self.directory = Path(directory)
        self._digests = verify(self.directory) if check else {}
        path = self.directory / DB_NAME
        if not path.is_file():
            raise GeodataError(f"geodata file {str(path)!r} is missing; {_FIX}")
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self.meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise GeodataError(f"geodata file {str(path)!r} cannot be read ({exc}); {_FIX}") from exc
        self._check_inputs(path)
        self._lock = threading.Lock()

    def _check_inputs(self, path: Path) -> None:
        """Refuse a database built from other inputs than the folder's ``inputs.toml`` pins (when it has one)."""
        lock = self.directory / INPUTS_LOCK
        if not lock.is_file():
            return
        want, have = sha256_file(lock), self.meta.get("inputs_sha256")
        if have != want:
            raise GeodataError(f"geodata file {str(path)!r} was built from other inputs than {str(lock)!r} pins "
                               f"(inputs sha256 {str(have)[:12]}…, the pins are {want[:12]}…): it is stale; "
                               f"rebuild it with `make` (or `python scripts/build_geodata.py`)")

    @functools.cached_property
    def db_sha256(self) -> str:
        """The database's sha256 (the one verified at open; hashed now when opened unchecked)."""
        return self._digests.get(DB_NAME) or sha256_file(self.directory / DB_NAME)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Run a read-only SQL query and return all rows."""
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    @functools.lru_cache(maxsize=1)
    def country_names(self) -> dict[str, str]:
        """Return {ISO2: country name} for every country in the embedded data."""
        return dict(self.query("SELECT iso2, name FROM countries"))

    @functools.lru_cache(maxsize=512)
    @uncharged
    def geometry(self, key: str, *, display: bool = False):
        """Return the shapely geometry (lon, lat) for a key made by region_key, country_key or border_key."""
        layer, _, ident = key.partition(":")
        if layer not in _LAYERS:
            raise GeodataError(f"unknown geometry key {key!r}; expected one made by region_key(), country_key() "
                               "or border_key()")
        if layer == "coast":
            return self._coast(ident, display=display)
        if display:
            return self._display(key)
        return self._stored(key, display=False)

    def _display(self, key: str):
        """A display geometry as stored. The 10 m outlines are stored as published (unrepaired:
        make_valid costs ~60 s for Russia's display outline alone), so their simplified copies may
        self-touch: the map clips them with clip_by_rect and never unions them (maplayers)."""
        return self._stored(key, display=True)

    def _stored(self, key: str, *, display: bool):
        layer, _, ident = key.partition(":")
        table, where = _LAYERS[layer]
        column = "display" if display else "geom"
        rows = self.query(f"SELECT {column} FROM {table} WHERE {where}", tuple(ident.split("|")))
        if not rows:
            raise GeodataError(f"no geometry for {key!r} in the embedded geodata")
        return shapely.from_wkb(zlib.decompress(rows[0][0]))

    @functools.lru_cache(maxsize=64)
    @uncharged
    def coast_outline(self, iso2: str):
        """The land outline a country's coast is cut from: its own outline, or a stored other one
        (Ukraine: the 10 m land outline, as its geoBoundaries oblasts reach out to sea)."""
        rows = self.query("SELECT outline FROM coasts WHERE iso2=?", (iso2,))
        if rows and rows[0][0] is not None:
            return shapely.from_wkb(zlib.decompress(rows[0][0]))
        return self.geometry(country_key(iso2))

    def _coast(self, iso2: str, *, display: bool):
        """A country's coast: the runs of its own outline that are on no land border (see the build)."""
        rows = self.query("SELECT runs FROM coasts WHERE iso2=?", (iso2,))
        if not rows:
            raise GeodataError(f"no coast for {iso2!r} in the embedded geodata")
        rings = outline_rings(self.coast_outline(iso2))
        runs = json.loads(zlib.decompress(rows[0][0]))
        lines = shapely.multilinestrings([shapely.linestrings(rings[i][s:e + 1]) for i, s, e in runs]) if runs \
            else shapely.MultiLineString()
        return shapely.simplify(lines, float(self.meta.get("display_tolerance_deg", 0.01))) if display else lines


# Geometry keys are opaque outside this module: made by these functions, read by GeoData.geometry.
_LAYERS = {"region": ("regions", "id=?"), "country": ("countries", "iso2=?"),
           "border": ("borders", "a=? AND b=? AND side=?"), "line": ("lines", "id=?"), "coast": ("coasts", "iso2=?")}


def outline_rings(geom) -> list[np.ndarray]:
    """Every ring of a (Multi)Polygon as an (N, 2) lon/lat array, in one fixed order (part by part,
    exterior then holes): the build and the reader of coast runs index the same rings."""
    out = []
    for part in shapely.get_parts(geom):
        if part.geom_type != "Polygon":
            continue
        out.append(np.asarray(part.exterior.coords)[:, :2])
        out.extend(np.asarray(r.coords)[:, :2] for r in part.interiors)
    return out


def coast_key(iso2: str) -> str:
    """Return the geometry key of a country's coast (its outline where it meets the sea)."""
    return f"coast:{iso2}"


def line_key(line_id: int) -> str:
    """Return the geometry key of a named line (a line of control, a DMZ) by its row id."""
    return f"line:{int(line_id)}"


def region_key(region_id: int) -> str:
    """Return the geometry key of a region by its row id."""
    return f"region:{int(region_id)}"


def country_key(iso2: str) -> str:
    """Return the geometry key of a country's outline."""
    return f"country:{iso2}"


def border_key(a: str, b: str, side: str) -> str:
    """Return the geometry key of the a–b border's line on ``side``'s outline (a, b in any order)."""
    x, y = sorted((a, b))
    return f"border:{x}|{y}|{side}"


@functools.lru_cache(maxsize=4)
def _open(directory: str) -> GeoData:
    return GeoData(Path(directory))


def open_geodata(directory: Path | None = None) -> GeoData:
    """Return the (cached) verified GeoData for ``directory`` (default: default_geodata_dir())."""
    return _open(str(directory or default_geodata_dir()))
