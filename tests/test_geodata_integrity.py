"""A missing, truncated or altered geodata file is reported by name, with the fix.

Each case is a folder built in tmp from one module-wide copy of ``geodata/``:
unchanged files are hard links (or symlinks) to the real ones, which nothing here
writes to; only the damaged file is a real file. Opening it with GeoData must raise
GeodataError naming the file and the way out, and the CLI run with
BORDERWATCH_GEODATA pointing there must print one line and exit non-zero.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from borderwatch.errors import BorderwatchError, GeodataError
from borderwatch.geodata import DB_NAME, INPUTS_LOCK, GeoData

REPO = Path(__file__).resolve().parents[1]
GEODATA = REPO / "geodata"
SEED = REPO / "seeds" / "000_f87aa17481a03d45.txt"
FIX = "scripts/build_geodata.py"


def _link(src: Path, dst: Path) -> None:
    """Share ``src`` read-only at ``dst``: a hard link, else a symlink, else a copy."""
    try:
        os.link(src, dst)
    except OSError:
        try:
            dst.symlink_to(src)
        except OSError:
            shutil.copyfile(src, dst)


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict[str, Path]:
    """name -> a geodata folder with one thing wrong (and 'intact' with nothing wrong)."""
    root = tmp_path_factory.mktemp("geodata")
    files = sorted(p for p in GEODATA.iterdir() if p.is_file())
    db = GEODATA / DB_NAME

    def folder(name: str, skip: tuple[str, ...] = ()) -> Path:
        d = root / name
        d.mkdir()
        for f in files:
            if f.name not in skip:
                _link(f, d / f.name)
        return d

    out = {"intact": folder("intact")}
    out["db-deleted"] = folder("db-deleted", skip=(DB_NAME,))
    d = out["db-truncated"] = folder("db-truncated", skip=(DB_NAME,))
    with db.open("rb") as src, (d / DB_NAME).open("wb") as dst:
        dst.write(src.read(1 << 20))  # the first MiB: a partial download
    d = out["db-empty"] = folder("db-empty", skip=(DB_NAME,))
    (d / DB_NAME).write_bytes(b"")
    d = out["db-byte-flipped"] = folder("db-byte-flipped", skip=(DB_NAME,))
    shutil.copyfile(db, d / DB_NAME)  # the one full copy (124 MB, once per module)
    with (d / DB_NAME).open("r+b") as fh:
        fh.seek(db.stat().st_size // 2)
        b = fh.read(1)
        fh.seek(-1, os.SEEK_CUR)
        fh.write(bytes([b[0] ^ 0x01]))
    out["sums-deleted"] = folder("sums-deleted", skip=("SHA256SUMS",))
    d = out["sums-wrong"] = folder("sums-wrong", skip=("SHA256SUMS",))
    (d / "SHA256SUMS").write_text(f"{'0' * 64}  {DB_NAME}\n")
    # Not a database at all, but listed with its own checksum: caught when opened.
    d = out["db-not-sqlite"] = folder("db-not-sqlite", skip=(DB_NAME, "SHA256SUMS"))
    junk = b"this is not an SQLite database\n" * 100
    (d / DB_NAME).write_bytes(junk)
    (d / "SHA256SUMS").write_text(f"{hashlib.sha256(junk).hexdigest()}  {DB_NAME}\n")
    out["folder-missing"] = root / "does-not-exist"
    # Checksum lists that verify nothing, or cannot be read: errors, never a pass. The
    # empty list sits next to an altered database (issue 13: it was accepted).
    good = (GEODATA / "SHA256SUMS").read_text(encoding="utf-8").split()[0]
    for name, content in {
        "sums-empty": b"",
        "sums-blank-lines": b"\n  \n\n",
        "sums-malformed": f"{good[:40]}  {DB_NAME}\n".encode(),
        "sums-other-file-only": f"{good}  SOURCES.md\n".encode(),
        "sums-non-utf8": f"{good}  borderwatch\xe9.sqlite\n".encode("latin-1"),
    }.items():
        d = out[name] = folder(name, skip=("SHA256SUMS", DB_NAME))
        _link(out["db-byte-flipped"] / DB_NAME, d / DB_NAME)
        (d / "SHA256SUMS").write_bytes(content)
    # Both sha256sum formats ("HASH  name", "HASH *name"), a single space, CRLF: accepted.
    for name, line in {"sums-binary-mode": f"{good} *{DB_NAME}\n", "sums-one-space": f"{good} {DB_NAME}\n",
                       "sums-crlf": f"{good}  {DB_NAME}\r\n", "sums-uppercase": f"{good.upper()}  {DB_NAME}\n"}.items():
        d = out[name] = folder(name, skip=("SHA256SUMS",))
        (d / "SHA256SUMS").write_text(line, encoding="utf-8", newline="")
    # The database is intact but the pins changed since it was built (a data change not yet built).
    d = out["inputs-stale"] = folder("inputs-stale", skip=(INPUTS_LOCK,))
    (d / INPUTS_LOCK).write_text((GEODATA / INPUTS_LOCK).read_text(encoding="utf-8") + "\n# a new pin\n")
    d = out["sums-unreadable"] = folder("sums-unreadable", skip=("SHA256SUMS",))
    (d / "SHA256SUMS").write_text(f"{good}  {DB_NAME}\n")
    (d / "SHA256SUMS").chmod(0)
    # Unreadable even for root: a regular file whose read fails (EIO) on Linux.
    d = out["sums-read-error"] = folder("sums-read-error", skip=("SHA256SUMS",))
    (d / "SHA256SUMS").symlink_to("/proc/self/mem")
    return out


# case -> (file named in the message, words saying what is wrong)
EXPECT = {
    "db-deleted": (DB_NAME, "is missing"),
    "db-truncated": (DB_NAME, "damaged or altered"),
    "db-empty": (DB_NAME, "damaged or altered"),
    "db-byte-flipped": (DB_NAME, "damaged or altered"),
    "sums-deleted": ("SHA256SUMS", "is missing"),
    "sums-wrong": (DB_NAME, "damaged or altered"),
    "db-not-sqlite": (DB_NAME, "cannot be read"),
    "folder-missing": ("SHA256SUMS", "is missing"),
    "sums-empty": ("SHA256SUMS", "does not list borderwatch.sqlite (it is empty)"),
    "sums-blank-lines": ("SHA256SUMS", "does not list borderwatch.sqlite (it is empty)"),
    "sums-malformed": ("SHA256SUMS", "line 1 is not 'SHA256  file name'"),
    "sums-other-file-only": ("SHA256SUMS", "does not list borderwatch.sqlite (1 other file(s))"),
    "sums-non-utf8": ("SHA256SUMS", "is not UTF-8 text"),
    "sums-unreadable": ("SHA256SUMS", "cannot be read (Permission denied)"),
    "sums-read-error": ("SHA256SUMS", "cannot be read (Input/output error)"),
    "inputs-stale": (DB_NAME, "was built from other inputs than"),
}
ACCEPTED = ["sums-binary-mode", "sums-one-space", "sums-crlf", "sums-uppercase"]


def test_intact_copy_opens(cases):
    """Positive control: the linked copy itself is fine."""
    gd = GeoData(cases["intact"])
    assert gd.query("SELECT count(*) FROM countries")[0][0] > 200


@pytest.mark.parametrize("case", ACCEPTED)
def test_both_sha256sum_formats_are_accepted(cases, case):
    gd = GeoData(cases[case])
    assert gd.query("SELECT count(*) FROM countries")[0][0] > 200


@pytest.mark.parametrize("case", EXPECT)
def test_damaged_geodata_raises_geodata_error_naming_file_and_fix(cases, case):
    name, words = EXPECT[case]
    if case == "sums-unreadable" and os.access(cases[case] / "SHA256SUMS", os.R_OK):
        pytest.skip("running as a user who can read a mode-000 file (root): cannot make it unreadable")
    if case == "sums-read-error" and not Path("/proc/self/mem").is_file():
        pytest.skip("no /proc/self/mem (not Linux)")
    with pytest.raises(GeodataError) as info:
        GeoData(cases[case])
    msg = str(info.value)
    assert str(cases[case] / name) in msg, msg
    assert words in msg, msg
    assert FIX in msg and "`make`" in msg, msg
    assert isinstance(info.value, BorderwatchError) and isinstance(info.value, OSError)


@pytest.mark.parametrize("case", ["db-deleted", "db-truncated", "db-byte-flipped", "sums-deleted", "db-not-sqlite",
                                  "sums-empty", "sums-malformed", "sums-non-utf8", "inputs-stale"])
def test_cli_with_damaged_geodata_prints_one_line_and_exits_nonzero(cases, case):
    name, words = EXPECT[case]
    env = {**os.environ, "BORDERWATCH_GEODATA": str(cases[case])}
    proc = subprocess.run([sys.executable, "-m", "borderwatch.cli", "check", str(SEED)], capture_output=True,
                          text=True, env=env, timeout=120, cwd=REPO)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("borderwatch: GeodataError: ")
    assert name in lines[0] and words in lines[0] and FIX in lines[0]
    assert proc.stdout == ""


def test_damage_is_not_hidden_by_the_cache(cases):
    """open_geodata caches per folder: a damaged folder must still fail, every time."""
    from borderwatch.geodata import open_geodata

    for _ in range(2):
        with pytest.raises(GeodataError):
            open_geodata(cases["db-truncated"])
