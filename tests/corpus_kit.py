"""A deterministic corpus of realistic articles built from the repo's real news text.

Shared by tests/test_batch.py and benchmarks/bench_batch.py (a plain module: conftest
files are not importable by name). Every word comes from real articles: the seed
(Meduza, 2022) and the dev set's sentences and contexts (each with its source URL).
An article mixes a few dev-set sentences that make distance claims, each after its own
context, into filler paragraphs of other real sentences from the same texts, until it
reaches a word count drawn between ``min_words`` and ``max_words``.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from support import DEVSET, ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if len(s.split()) >= 4]


def _sources() -> tuple[list[dict], list[str]]:
    """(dev-set records, filler sentences from the seeds and the dev-set contexts and sentences)."""
    records = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    filler = [s for p in SEEDS for s in _sentences(p.read_text(encoding="utf-8"))]
    filler += [s for r in records for s in _sentences(r["context"])]
    filler += [s for r in records if not r["claims"] for s in _sentences(r["text"])]
    return records, filler


def build_articles(n: int, *, seed: int = 12, min_words: int = 400, max_words: int = 1500,
                   claims: tuple[int, int] = (1, 4)) -> list[dict]:
    """Return ``n`` article records {id, text, url, outlet, date}, the same for the same arguments."""
    rng = random.Random(seed)
    records, filler = _sources()
    with_claims = [r for r in records if r["claims"]]
    out = []
    for i in range(n):
        picked = rng.sample(with_claims, rng.randint(*claims))
        target = rng.randint(min_words, max_words)
        paragraphs = [" ".join(filter(None, (r["context"], r["text"]))) for r in picked]
        words = sum(len(p.split()) for p in paragraphs)
        while words < target:
            para = " ".join(rng.sample(filler, rng.randint(1, 5)))
            if words + len(para.split()) > max_words:
                if words >= min_words:
                    break
                continue  # another, shorter draw: stay within [min_words, max_words]
            paragraphs.insert(rng.randint(0, len(paragraphs)), para)
            words += len(para.split())
        lead = picked[0]
        out.append({"id": f"art-{i:05d}", "text": "\n\n".join(paragraphs), "url": lead["url"],
                    "outlet": lead["outlet"], "date": lead.get("published")})
    return out


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    """Write ``articles`` one JSON object a line; return ``path``."""
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def town_names(geodata, n: int, *, ambiguous: bool = False) -> list[str]:
    """``n`` town names from the embedded gazetteer: large towns outside Ukraine, Belarus and Russia
    (far from its regions), or, ``ambiguous``, names shared by four or more towns. For the
    constructed worst cases of the work budget (tests and benchmarks/worst_cases.py)."""
    if ambiguous:
        sql = ("SELECT name FROM places WHERE name GLOB '[A-Z][a-z]*' AND length(name) > 5 GROUP BY name "
               "HAVING count(*) >= 4 ORDER BY count(*) DESC, name LIMIT ?")
    else:
        sql = ("SELECT name FROM places WHERE country NOT IN ('UA', 'RU', 'BY') AND population > 50000 "
               "AND name GLOB '[A-Z][a-z]*' AND length(name) > 5 ORDER BY population DESC LIMIT ?")
    return [r[0] for r in geodata.query(sql, (n,))]


def real_news_text(n: int) -> str:
    """``n`` characters of real news: every record of the two dev sets (tests/data/devset.jsonl and
    tests/data/corpus/dev.jsonl), context then text, one paragraph each, repeated and cut to ``n``
    (85,615 characters hold them all once). Real long text for the work budget (issue 14 item 5)."""
    paragraphs = []
    for path in (DEVSET, ROOT / "tests" / "data" / "corpus" / "dev.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                paragraphs.append(" ".join(filter(None, (record["context"], record["text"]))))
    unit = "\n\n".join(paragraphs) + "\n\n"
    return (unit * (n // len(unit) + 1))[:n]
