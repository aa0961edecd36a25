"""The code's own contracts, read from its source: small functions, one-way imports,
decisions on typed values rather than on prose."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "src" / "borderwatch").rglob("*.py")) + [ROOT / "app.py"]
MAX_FUNCTION_LINES = 50
MAX_CLASS_LINES = 150
# Values of the closed sets in model.py: comparing one of these to a string literal
# outside model.py means a kind or status is being matched as text again.
CLOSED_VALUES = {"consistent", "inconsistent", "not checkable", "unresolved", "city", "region", "country",
                 "border", "point", "place", "coast", "line", "exact", "transliteration", "fuzzy", "derived",
                 "chosen", "understated", "overstated", "gazetteer", "context", "page edit", "map click",
                 "online lookup"}
TYPED_FIELDS = {"status", "kind", "match", "chosen_by", "direction"}
# Attributes that hold text borderwatch wrote for people: never parsed back into decisions.
PROSE_FIELDS = {"reason", "name", "match", "key", "query", "label", "why_not", "note", "target_label"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_functions_and_classes_fit_on_a_screen(path):
    long = []
    for node in ast.walk(_tree(path)):
        limit = MAX_CLASS_LINES if isinstance(node, ast.ClassDef) else MAX_FUNCTION_LINES
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            lines = node.end_lineno - node.lineno + 1
            if lines > limit:
                long.append(f"{node.name}: {lines} lines (limit {limit})")
    assert not long, long


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            out.add(("." * node.level) + (node.module or ""))
    return out


def test_the_map_draws_from_a_report_and_the_geodata_alone():
    imports = _imports(ROOT / "src" / "borderwatch" / "mapview.py")
    assert not {".check", "sqlite3", ".gazetteer", ".claims", ".resolve"} & imports, sorted(imports)


@pytest.mark.parametrize("module, forbidden", [
    ("model.py", {".check", ".claims", ".gazetteer", ".geodata", ".lexicon", ".verdict"}),
    ("errors.py", {"."}),
    ("units.py", {".model", ".check", ".lexicon"}),
    ("claims.py", {".gazetteer", ".geodata", ".check", ".resolve", ".measure"}),
    ("resolve.py", {".measure", ".verdict", ".check", ".mapview", ".report"}),
    ("measure.py", {".verdict", ".check", ".mapview", ".report", ".claims"}),
])
def test_stages_import_only_what_comes_before_them(module, forbidden):
    imports = _imports(ROOT / "src" / "borderwatch" / module)
    assert not {i for i in imports if i in forbidden or any(i.startswith(f + ".") for f in forbidden)}, imports


def _attr_name(node: ast.AST) -> str | None:
    return node.attr if isinstance(node, ast.Attribute) else None


@pytest.mark.parametrize("path", [p for p in SOURCES if p.name != "model.py"], ids=_rel)
def test_no_kind_or_status_is_compared_as_text(path):
    found = []
    for node in ast.walk(_tree(path)):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        typed = any(_attr_name(s) in TYPED_FIELDS for s in sides)
        literal = [s.value for s in sides if isinstance(s, ast.Constant) and s.value in CLOSED_VALUES]
        literal += [e.value for s in sides if isinstance(s, (ast.Tuple, ast.Set, ast.List))
                    for e in s.elts if isinstance(e, ast.Constant) and e.value in CLOSED_VALUES]
        if typed and literal:
            found.append(f"line {node.lineno}: {literal}")
    assert not found, found


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_no_decision_is_read_back_out_of_prose(path):
    found = []
    for node in ast.walk(_tree(path)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("startswith", "endswith", "split", "partition")
                and _attr_name(node.func.value) in PROSE_FIELDS):
            found.append(f"line {node.lineno}: .{node.func.value.attr}.{node.func.attr}(…)")
    assert not found, found
