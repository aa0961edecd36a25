"""The prebuilt fuzzy-name index (geodata/fuzzy.sqlite): typos in any position, checked at open.

Before it, fuzzy candidates were blocked by first letter, so every name below whose typo
is in the first letter resolved to nothing; and the first misspelled name of a process
loaded ~795k name rows (~1 s, +67 MiB).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from borderwatch.errors import BorderwatchError, GeodataError
from borderwatch.fuzzyindex import BUILD_COMMAND, INDEX_NAME, open_index
from borderwatch.gazetteer import Context, Gazetteer
from borderwatch.geodata import DB_NAME, GeoData
from borderwatch.settings import DEFAULTS

REPO = Path(__file__).resolve().parents[1]
GEODATA = REPO / "geodata"
SEED = REPO / "seeds" / "000_f87aa17481a03d45.txt"

# (id, misspelled name, region context or None, GeoNames id of the intended town)
TYPOS = [
    ("first-letter-chernihiv", "Vhernihiv", None, 710735),
    ("first-letter-kharkiv", "Xharkiv", None, 706483),
    ("first-letter-melitopol", "Nelitopol", None, 701404),
    ("first-letter-kherson", "Uherson", None, 706448),
    ("first-letter-ivano-frankivsk", "Tvano-Frankivsk", None, 707471),
    ("first-letter-babruysk", "Aobruisk", None, 630468),
    ("first-letter-belgorod", "Eelgorod", None, 578072),
    ("first-letter-mahilyow", "Nogilev", None, 625665),
    ("inserted-rechytsa", "Rechnitsa", "BY.02", 622794),
    ("substituted-mariupol", "Mariopol", None, 701822),
    ("transposed-bakhmut", "Bahkmut", None, 713174),
    ("dropped-melitopol", "Melitopl", None, 701404),
    ("substituted-hostomel", "Hostomal", None, 708251),
    ("dropped-ternopil", "Ternopl", None, 691650),
    ("transposed-voronezh", "Voronehz", None, 472045),
]


@pytest.mark.parametrize("name,admin1,gid", [t[1:] for t in TYPOS], ids=[t[0] for t in TYPOS])
def test_misspelled_town_resolves_to_its_geonames_id(checker, name, admin1, gid):
    ctx = Context(admin1=frozenset({admin1})) if admin1 else Context()
    res = checker.gazetteer.resolve(name, context=ctx)
    assert res.place is not None, res.reason
    assert res.place.geonameid == gid, res.reason
    # "Xharkiv" is also a romanisation (X for Cyrillic Х): met by the transliteration tier first.
    assert res.candidates[0].match.value in ("fuzzy", "transliteration")


def _one_edit(key: str, pos: int, rng: random.Random) -> str:
    letter = rng.choice("abcdefhiklmnoprsuvz")
    op = rng.choice(("substitute", "insert", "delete"))
    if op == "substitute":
        return key[:pos] + letter + key[pos + 1:]
    if op == "insert":
        return key[:pos] + letter + key[pos:]
    return key[:pos] + key[pos + 1:]


def test_index_finds_every_key_a_full_levenshtein_scan_finds(checker):
    """60 real folded keys with one generated edit (20 of them in the first letter): the
    index's candidates hold every key the rapidfuzz full scan accepts at the cut-off."""
    keys = [k for (k,) in checker.geodata.query("SELECT DISTINCT phonetic FROM names WHERE kind='place'")
            if len(k) >= DEFAULTS.fuzzy_min_length]
    rng = random.Random(14)
    index = checker.gazetteer.fuzzy_index
    checked = 0
    for i in range(60):
        key = rng.choice(keys)
        typo = _one_edit(key, 0 if i % 3 == 0 else rng.randrange(len(key)), rng)
        if len(typo) < DEFAULTS.fuzzy_min_length:
            continue
        scan = {k for k, _, _ in process.extract(typo, keys, scorer=Levenshtein.normalized_similarity,
                                                 score_cutoff=DEFAULTS.fuzzy_cutoff, limit=None)}
        assert scan <= set(index.candidates(typo)), (key, typo, scan - set(index.candidates(typo)))
        checked += 1
    assert checked >= 50


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        dst.symlink_to(src)


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    """Geodata folders sharing the real database: without an index, and with a stale one."""
    root = tmp_path_factory.mktemp("fuzzy")
    out = {}
    for case in ("missing", "stale"):
        d = out[case] = root / case
        d.mkdir()
        for name in (DB_NAME, "SHA256SUMS"):
            _link(GEODATA / name, d / name)
    # An index built from another database: the real index with another database's digest.
    shutil.copyfile(GEODATA / INDEX_NAME, out["stale"] / INDEX_NAME)
    with sqlite3.connect(out["stale"] / INDEX_NAME) as db:
        db.execute("UPDATE meta SET value=? WHERE key='db_sha256'", ("ab" * 32,))
    return out


@pytest.mark.parametrize("case,words", [("missing", "is missing"), ("stale", "built from another database")])
def test_missing_or_stale_index_is_a_geodata_error_naming_the_fix(folders, case, words):
    with pytest.raises(GeodataError) as info:
        Gazetteer(GeoData(folders[case]))
    msg = str(info.value)
    assert str(folders[case] / INDEX_NAME) in msg and words in msg and BUILD_COMMAND in msg, msg
    assert isinstance(info.value, BorderwatchError)


def test_index_built_for_a_higher_cutoff_refuses_a_lower_one(checker):
    with pytest.raises(GeodataError, match="cut-off"):
        open_index(checker.geodata, cutoff=DEFAULTS.fuzzy_cutoff - 0.05)


@pytest.mark.parametrize("case", ["missing", "stale"])
def test_cli_without_a_matching_index_prints_one_line(folders, case):
    env = {**os.environ, "BORDERWATCH_GEODATA": str(folders[case])}
    proc = subprocess.run([sys.executable, "-m", "borderwatch.cli", "check", str(SEED)], capture_output=True,
                          text=True, env=env, timeout=120, cwd=REPO)
    assert proc.returncode != 0 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("borderwatch: GeodataError: "), proc.stderr
    assert BUILD_COMMAND in lines[0]


_FRESH = """
import json, resource
from borderwatch.geodata import open_geodata
from borderwatch.gazetteer import Gazetteer
gd = open_geodata(); gaz = Gazetteer(gd)
gaz.resolve("Kyiv")
statements = []
gd._db.set_trace_callback(statements.append)
gaz.fuzzy_index._db.set_trace_callback(statements.append)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
res = gaz.resolve("Xharkiv")
grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"gid": res.place.geonameid, "statements": statements, "grew_kib": grew}))
"""


def test_first_fuzzy_lookup_in_a_fresh_process_reads_only_what_it_needs():
    """A fresh process's first misspelled name: a few indexed queries, no scan of the names table."""
    proc = subprocess.run([sys.executable, "-c", _FRESH], capture_output=True, text=True, timeout=120,
                          cwd=REPO, check=True)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["gid"] == 706483
    assert 0 < len(out["statements"]) <= 20, out["statements"]
    assert not [s for s in out["statements"] if "DISTINCT phonetic" in s], out["statements"]
    assert out["grew_kib"] < 20 * 1024, "the first fuzzy lookup grew the process by over 20 MiB"
