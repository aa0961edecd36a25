#!/usr/bin/env python3
"""Split the labelled corpus by outlet into dev (~60 %) and test (~40 %), once.

Run once, before any rule is written against the corpus; its output (dev.jsonl,
test.jsonl, SPLIT.md) is committed and frozen. Sentences are grouped by the outlet that
wrote them: a wire story republished elsewhere ("Chicago Tribune (AP)", "AFP (via Digital
Journal)") belongs to the wire, so the same copy never lands on both sides. Groups are
taken in the order of the sha256 of their name (no judgement of which is "hard"), and
each goes to test while test holds less than 40 % of the sentences, else to dev. Every
sentence of a group is in the same split, so a rule cannot learn a house style from dev
and be scored on it in test.

    python tests/data/corpus/split.py SOURCE.jsonl [SOURCE.jsonl ...]

It was run on world.jsonl (part A, README-A.md) and eurasia.jsonl (part B, README-B.md)
as committed in 71617ff; those files were then removed, so that a label is fixed in one
place: dev.jsonl or test.jsonl. Check the references with
python tests/data/corpus_reference.py tests/data/corpus/test.jsonl --check.
"""
import collections
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEST_SHARE = 0.40
# Producers whose copy is republished under other names, first match wins.
PRODUCERS = ["Associated Press", "AP", "Reuters", "AFP", "AAP", "Xinhua", "PTI", "Anadolu", "ANSA", "CNA",
             "IRNA", "Press Association", "Guardian", "New York Times", "BBC", "CNN", "ABC"]


def producer(outlet: str) -> str:
    """The group an outlet's sentences belong to: the wire or paper that wrote the copy."""
    for name in PRODUCERS:
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", outlet):
            return name
    return outlet.split(" (", 1)[0].strip()


def main(paths: list[str]) -> None:
    rows = [json.loads(line) for p in paths for line in open(p, encoding="utf-8") if line.strip()]
    ids = [r["id"] for r in rows]
    dupes = [i for i, n in collections.Counter(ids).items() if n > 1]
    if dupes:
        sys.exit(f"duplicate ids: {dupes[:10]}")
    by_outlet = collections.defaultdict(list)
    for r in rows:
        by_outlet[producer(r["outlet"])].append(r)
    order = sorted(by_outlet, key=lambda o: hashlib.sha256(o.encode("utf-8")).hexdigest())
    split, n_test = {}, 0
    for outlet in order:
        if n_test < TEST_SHARE * len(rows):
            split[outlet], n_test = "test", n_test + len(by_outlet[outlet])
        else:
            split[outlet] = "dev"
    for name in ("dev", "test"):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for r in rows:
                if split[producer(r["outlet"])] == name:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    _summary(rows, split)


def _summary(rows, split) -> None:
    lines = ["# Corpus split (frozen)", "", "Made once by `split.py` before any rule was written against the corpus.",
             "Rules are written against dev only; test is scored to measure, and its score is the one quoted.",
             "A test sentence read to fix a failure moves to dev, and the note says so.", "",
             "| split | sentences | outlet groups | negatives | claims | outside UA/BY/RU |", "|---|---|---|---|---|---|"]
    for name in ("dev", "test"):
        part = [r for r in rows if split[producer(r["outlet"])] == name]
        outlets = {producer(r["outlet"]) for r in part}
        neg = sum(1 for r in part if not r["claims"])
        claims = sum(len(r["claims"]) for r in part)
        away = sum(1 for r in part if r["area"] != "ua-by-ru")
        lines.append(f"| {name} | {len(part)} | {len(outlets)} | {neg} | {claims} | {away / max(len(part), 1):.0%} |")
    areas = collections.Counter((split[producer(r["outlet"])], r["area"]) for r in rows)
    lines += ["", "| area | dev | test |", "|---|---|---|"]
    for area in sorted({a for _, a in areas}):
        lines.append(f"| {area} | {areas[('dev', area)]} | {areas[('test', area)]} |")
    (HERE / "SPLIT.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
