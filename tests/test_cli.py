"""The command line: formats, and one-line errors with non-zero exits."""

from __future__ import annotations

import json

import pytest

from borderwatch.cli import main

from support import SEED


def test_table(capsys):
    assert main(["check", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "inconsistent (understated)" in out and "48.7 km" in out and "92.4 km" in out
    assert "52.08948 N, 30.94933 E" in out


def test_json_and_geojson(capsys, tmp_path):
    assert main(["check", str(SEED), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["verdict"]["status"] for c in data["claims"]] == ["not checkable", "inconsistent", "consistent"]
    out = tmp_path / "seed.geojson"
    assert main(["check", str(SEED), "--format", "geojson", "-o", str(out)]) == 0
    gj = json.loads(out.read_text())
    assert gj["type"] == "FeatureCollection"
    roles = [(f["properties"]["claim"], f["properties"]["role"]) for f in gj["features"]]
    # claim 1 is not measured (null geometry); claims 2 and 3: target, anchor, nearest point,
    # geodesic, claimed ring and the anchor's uncertainty circle
    assert roles == [(1, "unmeasured claim")] + [
        (n, role) for n in (2, 3) for role in ("target", "anchor", "nearest point", "measured geodesic",
                                               "claimed ring", "anchor uncertainty")]


@pytest.mark.parametrize("fmt", ["table", "json", "geojson", "markdown", "csv", "html"])
def test_every_format_states_versions_time_and_source(fmt, capsys):
    import re

    import borderwatch

    assert main(["check", str(SEED), "--format", fmt]) == 0
    out = capsys.readouterr().out
    sha = (SEED.parents[1] / "geodata" / "SHA256SUMS").read_text().split()[0]
    assert borderwatch.__version__ in out and sha in out and SEED.name in out
    assert re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", out) and "(offline)" in out


@pytest.mark.parametrize("content,match", [
    (None, "no such file"),
    (b"", "empty"),
    (b"\xff\xfe\x00ba", "binary|UTF-8"),  # a UTF-16 mark, then an odd number of bytes
    (b"caf\xe9 is 4 km from the border", "not UTF-8"),
])
def test_bad_input_is_one_line_and_nonzero(tmp_path, capsys, content, match):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert __import__("re").search(match, err), err


def test_stdin(monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    assert main(["check", "-", "--format", "json"]) == 0
    assert "inconsistent" in capsys.readouterr().out
