"""The command line: ``borderwatch check FILE``, ``borderwatch eval FILE`` and ``borderwatch batch CORPUS -o OUT``.

Errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import BorderwatchError, InputError, OutputError
from .inputs import MAX_INPUT_BYTES, check_length, decode_utf8
from .normalise import show_controls
from .report import FORMATS
from .settings import MAX_INPUT_CHARS

__all__ = ["main", "read_article"]


def read_article(path: str) -> str:
    """Return the UTF-8 text of ``path`` ('-' for stdin), or raise InputError saying what is wrong."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            p = Path(path)
            if not p.exists():
                raise InputError(f"no such file: {path!r}")
            if p.is_dir():
                raise InputError(f"{path!r} is a folder; give a text file")
            with p.open("rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {path!r}: {exc.strerror or exc}") from exc
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{path!r} is larger than {MAX_INPUT_BYTES:,} bytes; borderwatch checks at most "
                         f"{MAX_INPUT_CHARS:,} characters at once — split it")
    text = decode_utf8(data, name=path)
    if not text.strip():
        raise InputError(f"{path!r} is empty: nothing to check")
    return check_length(text)


def _check(args: argparse.Namespace) -> int:
    from .check import Checker
    from .provenance import make_provenance

    text = read_article(args.file)
    online = None
    if args.online:
        from .online import OnlineGeocoder

        online = OnlineGeocoder()
    checker = Checker(online=online)
    result = checker.check_text(text, title=None if args.file == "-" else Path(args.file).name)
    for message in result.warnings:
        print(f"borderwatch: {show_controls(message)}", file=sys.stderr)
    source = "standard input" if args.file == "-" else Path(args.file).name
    prov = make_provenance(checker.geodata, source=source, online=args.online)
    from .report import render

    write_output(render(result, args.format, provenance=prov, geodata=checker.geodata) + "\n", args.output)
    return 0


def write_output(text: str, output: str | None) -> None:
    """Write ``text`` to the file ``output`` (UTF-8) or to standard output; OutputError on failure."""
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write {output!r}: {exc.strerror or exc}; give a file path in an "
                              "existing folder you can write to") from None
        print(f"wrote {show_controls(output)}", file=sys.stderr)
        return
    if sys.stdout is None:
        raise OutputError("standard output is closed; give -o FILE to write the result to a file")
    encoding = sys.stdout.encoding or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise OutputError(f"standard output's encoding ({encoding}) cannot show {exc.object[exc.start]!r}; "
                          "set PYTHONIOENCODING=utf-8 or give -o FILE (written as UTF-8)") from None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        _drop_stdout()
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}; "
                          "give -o FILE to write the result to a file") from None


def _drop_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_comparison, format_result, frozen_split, load_set

    sets = [(Path(f), load_set(Path(f))) for f in args.files]  # all validated before the geodata is loaded
    results = [evaluate(path, items=items) for path, items in sets]
    text = "\n\n".join(format_result(r, details=args.show_test_misses or not frozen_split(Path(r.path)))
                       for r in results)
    if len(results) > 1:
        text += "\n\n" + format_comparison(results)
    write_output(text + "\n", None)
    return 0


def _batch(args: argparse.Namespace) -> int:
    from .batch import run_batch

    engine = "dask" if args.scheduler else args.engine
    summary = run_batch(args.input, args.output, workers=args.workers, engine=engine, scheduler=args.scheduler,
                        geodata=args.geodata, resume=not args.overwrite)
    print(summary.format())
    return 130 if summary.interrupted else 0


def _add_batch(sub) -> None:
    b = sub.add_parser("batch", help="check every article of a corpus (folder, JSONL or CSV) into JSONL or Parquet")
    b.add_argument("input", help="a folder of .txt/.md/.html files, or a .jsonl / .csv file with id and text (or html)")
    b.add_argument("-o", "--output", required=True,
                   help="results, one claim a row: .jsonl, or .parquet (needs the parquet extra)")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: the cores available)")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster")
    b.add_argument("--scheduler", help="address of a running Dask scheduler (implies --engine dask); "
                                       "without it --engine dask starts a local cluster on 127.0.0.1")
    b.add_argument("--geodata", help="the geodata folder as the workers see it (default: each worker's own)")
    mode = b.add_mutually_exclusive_group()
    mode.add_argument("--resume", action="store_true", default=True,
                      help="skip articles already in OUTPUT (the default when OUTPUT exists)")
    mode.add_argument("--overwrite", action="store_true", help="start again: replace OUTPUT")
    b.set_defaults(func=_batch)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="borderwatch",
                                 description="Check the geographic distance claims in a news article, offline.")
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="check every distance claim in an article")
    c.add_argument("file", help="a UTF-8 text file, or - for standard input")
    c.add_argument("--format", choices=FORMATS, default="table",
                   help="table (default), json, geojson (FeatureCollection for geojson.io / QGIS), markdown, "
                        "csv, or html (a printable evidence sheet); each states tool and data versions, "
                        "time, source and method")
    c.add_argument("-o", "--output", help="write to this file instead of standard output")
    c.add_argument("--online", action="store_true",
                   help="look up places missing from the embedded gazetteer on OpenStreetMap Nominatim "
                        "(sends those names over the network; off by default)")
    c.set_defaults(func=_check)
    e = sub.add_parser("eval", help="score extraction, resolution and verdicts on a labelled JSONL set")
    e.add_argument("files", nargs="+", metavar="FILE",
                   help="labelled sets, e.g. tests/data/corpus/dev.jsonl tests/data/corpus/test.jsonl "
                        "(scored each, then side by side)")
    e.add_argument("--show-test-misses", action="store_true",
                   help="also print the misses of a frozen test split (for the closing report only: a rule "
                        "written from them makes the test score meaningless)")
    e.set_defaults(func=_eval)
    _add_batch(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status (0 ok, 1 error, 2 usage)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BorderwatchError as exc:
        print(f"borderwatch: {type(exc).__name__}: {show_controls(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("borderwatch: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
