"""Text to distance claims: no geography here, only what the words say.

A claim is a number with a length unit ("40 kilometers", "25-30 km", "ten miles",
"1 1/2 miles"), optionally hedged ("just over", "within") and paired with a
conversion ("40 kilometers (25 miles)", "40 km/ 25 miles", "three miles (five
kilometres)"), measured to something named after it ("from the border with
Ukraine's Chernihiv region", "north of Kyiv", "of Gaza" after "within") or before
it ("the front around six kilometres away", "North Korea—35 miles away").

The place it is measured from (the anchor) is found by the sentence's structure, in
this order (see :func:`_anchor`):
1. a claim joined to the previous one by "and" or a comma shares its anchor;
2. a mobile or unnamed subject ("Ukrainian forces that are…", "a rocky outcrop some…",
   "Israelis living within…") means there is no fixed place: not checkable;
3. "it", "the city", "this battered town"… refer back: to "the city of X" nearby, else
   to the previous sentence's place (after a preposition, else its subject);
4. a claim at the start of a sentence takes the name after it ("About 100 km from the
   border…, Chernihiv…"; "…away from Gaza is Sderot");
5. otherwise the nearest place-like name before the figure, skipping people ("Gladkov
   said"), possessives ("Ukraine's second largest city"), modifiers ("bordering
   Ukraine", "the Gaza border") and a region that only locates the place before it
   ("Kupiansk in Kharkiv Oblast"). A whole region as the subject is not a point.

Not claims (returned as :class:`NonClaim` with the reason): lengths of things
("a convoy 40 miles long", "the 620-mile front line", "45km of the border"), areas,
advances, speeds, drives and road distances, and figures with nothing they are
measured to.

Every regular expression has bounded repetition and the scanning is per sentence
(at most 2,000 characters); input longer than settings.MAX_INPUT_CHARS is refused.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .errors import InputError
from .lexicon import LEXICON, alternation
from .model import AnchorRef, Claim, NonClaim, Span, TargetKind, TargetRef
from .settings import DEFAULTS, MAX_INPUT_CHARS, MAX_LENGTH_FIGURES, MAX_SENTENCE_CHARS
from .units import Unit

__all__ = ["parse_number", "sentences", "extract", "unit_of_word"]

UNIT = alternation(LEXICON.units)
_UNIT_WORD = re.compile(LEXICON.figure_pattern(), re.IGNORECASE)

_ONES = {"zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
         "half": 0.5}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)"
# "a" counts only as "a hundred…" or right before a unit ("a mile from the border").
_SPELLED = (rf"(?:(?:a|an)[\s-]{{1,3}}(?=hundred|thousand))?{_WORD}(?:[\s-]{{1,3}}(?:and[\s]{{1,3}})?{_WORD}){{0,6}}"
            r"|(?:a|an)(?=\s{1,3}(?:kilomet|mile\b|km\b))")
# Decimals use a point, thousands a comma ("1,070.5"), as English news writes them; a comma
# not followed by three digits ("4,8") is read whole and refused as ambiguous (see _claim).
# Decimals keep their precision as written ("48.0000001").
_AMBIGUOUS = r"\d{1,7},(?:\d{1,2}|\d{4,7})(?![\d,])"
_DIGITS = (r"\d{1,3}(?:,\d{3}){1,3}(?:\.\d{1,15})?(?![\d,])|" + _AMBIGUOUS
           + r"|\d{1,7}(?:\.\d{1,15})?(?:\s?½|\s1/2)?")
NUM = rf"(?:{_DIGITS}|{_SPELLED})"
_HEDGE = alternation(LEXICON.all_hedges)[3:-1]
_CARDINAL = [d for d in LEXICON.directions if d in ("north", "south", "east", "west")]
DIRS = (rf"{alternation(_CARDINAL)}(?:[- ]?{alternation(d for d in _CARDINAL if d in ('east', 'west'))})?"
        rf"|{alternation(d for d in LEXICON.directions if d not in _CARDINAL)[3:-1]}")
_WINDOW = DEFAULTS.window_chars
_RANGE = r"\s{0,2}(?:-|–|—|to|or)\s{0,2}"

_DISTANCE = re.compile(
    rf"(?P<hedge>\b(?:{_HEDGE})\s{{1,3}})?"
    rf"(?P<num>(?<![\d.,])\b{NUM})(?:{_RANGE}(?P<num2>{NUM}))?"
    rf"(?P<join>\s{{0,2}}|-)(?P<unit>{UNIT})(?![a-z])"
    rf"(?:\s{{0,2}}\((?:or\s)?(?:(?:{_HEDGE})\s)?(?P<pnum>{NUM})(?:\s{{0,2}}(?:-|–)\s{{0,2}}{NUM})?(?:\s{{0,2}}|-)(?P<punit>{UNIT})\)"
    rf"|\s{{0,2}}/\s{{0,2}}(?P<snum>{NUM})(?:\s{{0,2}}(?:-|–)\s{{0,2}}{NUM})?\s{{0,2}}(?P<sunit>{UNIT})(?![a-z]))?",
    re.IGNORECASE)
_RELATION = re.compile(
    rf"^\s{{0,3}}(?:away\s)?(?:\s?(?:to\sthe\s)?(?P<dir>{DIRS})(?:\s(?:of|from))\s|(?P<rel>{alternation(LEXICON.relations)[3:-1]})\s)",
    re.IGNORECASE)
_AWAY = re.compile(r"^\s{0,3}(?:away|distant)\b(?!\s(?:from|of)\b)", re.IGNORECASE)
_SEPARATE = re.compile(r"^\s{0,3}separat(?:e|es|ed|ing)\s(?P<a>[^,.;]{1,60}?)\sfrom\s", re.IGNORECASE)
# Numbers that measure something else: areas, lengths of things, speeds, advances, roads.
_NOT_DISTANCE_AFTER = re.compile(
    r"^(?:\s?(?:-|\s)?(?:long|wide|deep|high|tall|across|squared|square)\b|\s?(?:per|an|a)\s(?:hour|day)\b|\s?/\s?h\b)",
    re.IGNORECASE)
# Words just before a figure that make it something other than a distance between places:
# (pattern, reason). Each pattern is followed by at most three more words before the figure.
_NOT_DISTANCE_BEFORE_TABLE: tuple[tuple[str, str], ...] = (
    (r"\bsq\.?|\bsquare", "an area, not a distance"),
    (r"\badvanced|\badvancing|\badvance\sof|\bpushed|\bpenetrated|\bmoved|\bcovered",
     "an advance, not a distance between places"),
    (r"\bdrive|\bdrove|\bdriving|\bby\sroad|\bjourney|\btrip|\bwalk(?:ed)?|\bmarch(?:ed)?|\btravel(?:l?ed)?|\bflew",
     "a road or travel route, which a straight line cannot check"),
    (r"\bstretch(?:es|ing)?|\bspan(?:s|ning)?|\brange\sof|\bconvoy|\bcolumn|\bqueue|\bline\sof|\bdeep"
     r"|\bextend(?:s|ed|ing)?\s(?:for|over)"
     r"|\b(?-i:border|frontier|front\sline|frontline|coastline|line|road|highway)\s(?:of|runs|stretches)",
     "a length of a thing, not a distance between places"),
)
_NOT_DISTANCE_BEFORE = tuple(
    (re.compile(rf"(?:{pattern})\W{{1,3}}(?:\w+\W{{1,3}}){{0,3}}$", re.IGNORECASE), why)
    for pattern, why in _NOT_DISTANCE_BEFORE_TABLE)
_ROAD_AFTER = re.compile(r"^[^.;]{0,40}\b(?:drive|by\sroad|by\scar|by\strain|journey|trip|walk)\b", re.IGNORECASE)
_ROAD_SENTENCE = re.compile(r"\b(?:by\sroad|by\scar|along\sthe\s(?:highway|road)|driving\sdistance|road\sdistance|drive)\b", re.IGNORECASE)

_SENT_END = re.compile(r"[.!?]{1,5}[\"”’')\]]{0,3}(?=\s{1,20}[\"“‘(\[]{0,3}[A-Z0-9]|\s{0,20}$)|\n")
_ABBREV = re.compile(
    r"(?:\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mr|mrs|ms|dr|st|gen|lt|col|sgt|capt|gov|sen|rep|no|vs|approx|inc|co|corp|jr|sr|mt|ft)|\b[a-z]\.[a-z]|\b[A-Z])$",
    re.IGNORECASE)
_REGION_WORDS = alternation(LEXICON.region_words + LEXICON.weak_region_words)
_REGION_WORD_SET = frozenset(LEXICON.region_words)
_FEATURE_AFTER = re.compile(rf"^\s(?P<f>{alternation(LEXICON.features)[3:-1]})\b", re.IGNORECASE)
_REGION_AFTER = re.compile(rf"^\s{_REGION_WORDS}\b", re.IGNORECASE)
_CONNECTORS = frozenset({"de", "del", "la", "am", "upon", "nad"})
# Capitalised words that do not name a place where a sentence's anchor is sought.
_NOT_PLACE_WORDS = LEXICON.stop_words
_NOT_POINTS = frozenset("River Lake Sea Mountains Mountain Valley Strait Gulf Bay Ocean Forest".split())
_DIRECTION_WORDS = frozenset("north south east west northern southern eastern western".split())
_PERSON_AFTER = re.compile(r"^\s(?:said|says|told|stated|wrote|writes|noted|added|reported|arrived|insisted|"
                           r"maintains|strides|announced|claimed|confirmed|explained)\b")
_MODIFIER_AFTER = re.compile(r"^(?:[’']s)?\s(?:border|borders|coast|coastline|forces|troops|army|military|"
                             r"government|officials|authorities|side|refugees|rockets|missiles|attacks)\b",
                             re.IGNORECASE)
_MODIFIER_BEFORE = re.compile(rf"\b(?:bordering|borders|with|against|versus|between|from|to|(?:{DIRS})\sof)"
                              r"\s(?:the\s)?$", re.IGNORECASE)
_PREP_BEFORE = re.compile(r"\b(?:in|at|near|around|outside|into|inside)\s(?:the\s)?$", re.IGNORECASE)
_NAMED_FEATURE = re.compile(
    r"\b(?:city|town|village|settlement|community|capital|port|hamlet)\s(?:of\s|called\s|named\s)?$", re.IGNORECASE)
_SENTENCE_START_OK = re.compile(r"^(?:\s?[,(]|\s(?:is|lies|sits|was|has|had|stands|in|on|near|now|itself)\b|[’']s)")
# A subject that moves, or a crowd: the distance has no fixed end.
_MOBILE = re.compile(
    r"\b(?:troops|forces|soldiers|enemy|army|fighters|units|convoy|column|missiles|tanks|ships|vessels|"
    r"drones|warships|aircraft|living|who\slive|residing)\b[^,;()]{0,60}$", re.IGNORECASE)
_UNNAMED = re.compile(
    r"(?P<np>\b(?:a|an)\s(?:[a-z\-]{1,20}\s){0,3}(?P<f>town|village|city|base|outcrop|"
    r"site|camp|position|settlement|airfield|cafe|house|home|farm|school|hospital|garrison|point|spot|"
    r"area|facility|depot))\b[^A-Z,;()]{0,40}$")
_DEFINITE_POI = re.compile(
    r"\b(?:the)\s(?:[a-z\-]{1,20}\s){0,2}(?P<f>cafe|house|home|farm|school|hospital|outpost|depot|"
    r"checkpoint|camp|base|site)\b[^A-Z,;()]{0,30}$")
_BACKREF = re.compile(
    r"(?:\b(?P<it>it|It)(?:[’']s)?\b|\b(?:the|this|that|The|This|That)\s(?:[\w\-]{1,20}\s){0,3}"
    r"(?P<f>city|town|village|settlement|plant|station|site|base|area|port|capital|airport|community))"
    r"(?!\s(?:of|called|named)\s[A-Z])[^A-Z;()]{0,80}$")
_JOIN = re.compile(r"\s{0,3}(?:[,)]\s{0,2})?(?:and|while|but)?\s{0,3}(?:is\s|lies\s)?(?:about\s|around\s)?")
_AFTER_ANCHOR = re.compile(r"^\s?(?:,\s|\s(?:is|lies|sits|stands)\s)(?:the\s(?:\w+\s){0,2}(?:city|town)\sof\s)?"
                           r"(?P<name>[A-Z][\w’'\-]{1,30}(?:\s[A-Z][\w’'\-]{1,30}){0,2})")
_IN_PLACE_AFTER = re.compile(r"^\s(?:in|near|at|outside)\s(?P<name>[A-Z][\w’'\-]{1,30}(?:\s[A-Z][\w’'\-]{1,30}){0,2})")
# Between a town and the state or country that locates it: "Stanstead, Quebec", "Volodymyr in Ukraine".
_LOCATOR_GAP = re.compile(r",\s{1,2}|\sin\s")
_PROPER = re.compile(r"\b[A-Z][\w’'\-]{1,30}(?:\s(?:[A-Z][\w’'\-]{1,30}|de|del|la|am|upon|nad)){0,3}")
_PRE_TARGET = re.compile(
    r"(?:(?P<line>\b[Tt]he\s(?:front(?:\s?line)?|frontline|front\slines|contact\sline|line\sof\scontact))"
    r"|(?P<border>\b[Tt]he\s(?:border|frontier))"
    r"|(?P<name>\b[A-Z][\w’'\-]{1,30}(?:\s[A-Z][\w’'\-]{1,30}){0,2}))"
    r"\s{0,2}(?:(?:is|lies|was|are|were|sits)\s{1,3})?(?:—|–|-|,)?\s{0,2}$")


@dataclass(frozen=True)
class _NoAnchor:
    """The text names no fixed place a figure is measured from, and why."""

    why: str


@dataclass(frozen=True)
class _Mention:
    name: str
    span: Span
    feature: str | None
    is_region: bool


def parse_number(text: str) -> float:
    """Return the value of a number as written: '1,070', '4.5', 'ten', 'one hundred and fifty'.

    >>> parse_number("one hundred and fifty")
    150.0
    """
    t = text.strip().lower().replace(",", "")
    half = 0.0
    if t.endswith("½") or t.endswith(" 1/2"):
        half, t = 0.5, t.removesuffix("½").removesuffix(" 1/2").strip()
    try:
        return float(t) + half
    except ValueError:
        pass
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", t):
        if word == "and" or not word:
            continue
        if word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if word == "thousand":
                total, current = total + current, 0.0
        else:
            raise InputError(f"cannot read {text!r} as a number")
    return total + current


def unit_of_word(word: str) -> Unit:
    """Return the Unit a unit word as written means ("Kilometres" -> km), from the lexicon."""
    try:
        return LEXICON.units[" ".join(word.lower().split())]
    except KeyError:
        raise InputError(f"unknown length unit {word!r}; expected one of {sorted(LEXICON.units)}") from None


def sentences(text: str) -> list[Span]:
    """Return the spans of the text's sentences, at most MAX_SENTENCE_CHARS characters each.

    A full stop ends a sentence when a capital, digit or quote follows, unless it closes
    an abbreviation ("Jan. 9", "U.S.", "Gen."); decimals ("1.5") never end one.
    """
    out: list[Span] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group()[0] == "." and _ABBREV.search(text, max(start, m.start() - 8), m.start()):
            continue
        _add_sentences(out, text, start, m.end())
        start = m.end()
    _add_sentences(out, text, start, len(text))
    return out


def _add_sentences(out: list[Span], text: str, start: int, end: int) -> None:
    while start < end:
        stop = min(end, start + MAX_SENTENCE_CHARS)
        if text[start:stop].strip():
            out.append(Span(start, stop))
        start = stop


def _name_after(after: str) -> re.Match | None:
    return re.match(r"^\s?,\s(?:the\s)?(?P<name>[A-Z][\w’'\-]{1,30}(?:\s[A-Z][\w’'\-]{1,30}){0,2})", after)


def _countries(text: str) -> tuple[str, ...]:
    """'Russia-Ukraine' -> ('Russia', 'Ukraine'); 'Russia and Belarus' -> ('Russia', 'Belarus')."""
    return tuple(p for p in re.split(r"-(?=[A-Z])|\sand\s(?:the\s)?", text) if p)


_NAME = r"[A-Z][\w’'\-]{1,30}(?:\s[A-Z][\w’'\-]{1,30}){0,2}"
_T_SPLIT = re.compile(r"[,;:()\[\]—]|\.\s|\.$|\s(?:and|but|which|where|while|after|as|when|in\sorder|in|on|at|"
                      r"according|is|lies|sits|are|was)\s|\s(?:and\s)?\d")
_T_REGION = re.compile(rf"(?:(?P<cc>[A-Z]\w{{1,30}})[’']s\s)?(?:the\s)?(?P<name>{_NAME})\s{_REGION_WORDS}\b")
_T_REGION_OF = re.compile(rf"\b{_REGION_WORDS}\sof\s(?P<name>{_NAME})")
_T_OF_COUNTRY = re.compile(r"\bof\s(?:the\s)?(?P<c>[A-Z][\w’'\-]{1,30}(?:\s[A-Z][\w’'\-]{1,30})?)")
_T_BORDER_WITH = re.compile(rf"^(?:the\s)?(?:border|frontier)s?\s(?:with|of)\s(?:the\s)?"
                            rf"(?P<c>{_NAME}(?:\sand\s(?:the\s)?[A-Z][\w’'\-]{{1,30}}){{0,2}})(?![\w’'\-])")
_T_BORDER_ADJ = re.compile(r"(?P<c>[A-Z][\w’'\-]{1,30}(?:\s[A-Z][\w’'\-]{1,30})?)(?:[’']s)?\s(?:border|frontier)")
# Target words by kind (the lexicon's), each a whole-word search on the lower-cased phrase.
_T_WORDS = {kind: re.compile(rf"\b{alternation(words)}\b") for kind, words in LEXICON.targets.items()}
_T_LINE, _T_BORDER, _T_COAST, _T_GENERIC = (_T_WORDS[k] for k in ("line", "border", "coast", "generic_town"))
_T_NAMED = re.compile(rf"\b{alternation(LEXICON.targets['town_words'])}\s(?:of\s)?(?P<n>{_NAME})")


def _target(after: str, offset: int) -> TargetRef | None:
    """Read what the distance is measured to from the words after the relation."""
    after = after[:200]
    phrase = _T_SPLIT.split(after, maxsplit=1)[0][:120].rstrip(" .")
    if not phrase.strip():
        return None
    low = phrase.lower()
    span = Span(offset, offset + len(phrase))
    region = _T_REGION.search(phrase) or _T_REGION_OF.search(phrase)
    if region and "capital" not in low:
        cc = region.groupdict().get("cc")
        if not cc and region.re is _T_REGION:  # "the Chernihiv region of Ukraine"
            of = _T_OF_COUNTRY.search(phrase, region.end())
            cc = of.group("c") if of else None
        return TargetRef(TargetKind.REGION, phrase, name=region.group("name"), countries=(cc,) if cc else (),
                         span=span)
    border_with = _T_BORDER_WITH.match(after)
    if border_with:
        c = border_with.group("c")
        return TargetRef(TargetKind.BORDER, border_with.group(), name=f"border with {c}", countries=_countries(c),
                         span=Span(offset, offset + border_with.end()), either=True)
    if _T_LINE.search(low):
        return TargetRef(TargetKind.LINE, phrase, name=phrase, span=span)
    if _T_BORDER.search(low):
        adj = _T_BORDER_ADJ.search(phrase)
        c = re.sub(r"[’']s$", "", adj.group("c")) if adj else None
        return TargetRef(TargetKind.BORDER, phrase, name=f"{c} border" if c else None,
                         countries=_countries(c) if c else (), span=span)
    if _T_COAST.search(low):
        return TargetRef(TargetKind.COAST, phrase, name=phrase, span=span)
    return _place_target(after, phrase, offset)


def _place_target(after: str, phrase: str, offset: int) -> TargetRef | None:
    """A named place ("Kharkiv city", "the Chinese city of Xiamen", "the region capital, Sumy")."""
    named = _T_NAMED.search(phrase)
    m = named or _PROPER.search(phrase)
    if m:
        name = named.group("n") if named else m.group()
        name = re.sub(r"[’']s$", "", re.sub(r"^(?:The|Downtown|Central|Capital)\s", "", name))
        return TargetRef(TargetKind.PLACE, phrase, name=name, span=Span(offset, offset + len(phrase)))
    if _T_GENERIC.search(phrase.lower()):
        app = _name_after(after[len(phrase):])
        if app:
            end = len(phrase) + app.end()
            return TargetRef(TargetKind.PLACE, after[:end], name=app.group("name"), span=Span(offset, offset + end))
        return TargetRef(TargetKind.PLACE, phrase, name=None, span=Span(offset, offset + len(phrase)))
    return None


def _mentions(text: str, start: int, end: int, *, lenient: bool = False) -> list[_Mention]:
    """Capitalised phrases in text[start:end] that may name places, in order.

    Stop words (days, months, demonyms, titles) split a phrase; people ("Gladkov said"),
    possessives, modifiers ("the Gaza border", "bordering Ukraine") and acronyms are left out.
    """
    out = []
    for m in _PROPER.finditer(text, start, end):
        for s, e in _runs(text, m.start(), m.end()):
            words = text[s:e].split()
            last = words[-1].lower().strip("’'")
            rest = text[e:e + 40]
            is_region = bool(_REGION_AFTER.match(rest)) or (len(words) > 1 and last in _REGION_WORD_SET)
            if len(words) > 1 and last in _REGION_WORD_SET:
                words = words[:-1]
            name = " ".join(words)
            if _skip_mention(text, s, e, name, start, lenient=lenient):
                continue
            feat = _FEATURE_AFTER.match(rest)
            if re.fullmatch(r"[A-Z][\w’'\-]{1,30}\s(?:Island|Isle)", text[s:e]):
                feat = re.match(r"\s(?P<f>island)", " island")
                name = words[0]
            out.append(_Mention(re.sub(r"[’']s$", "", name), Span(s, e), feat.group("f").lower() if feat else None,
                                is_region))
    return out


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a capitalised phrase at stop words: 'Telegram Thursday' -> [], 'Ashkelon' kept."""
    runs, cur = [], None
    for t in re.finditer(r"\S+", text[start:end]):
        w = t.group().lower().strip("’'")
        w = w[:-2] if w.endswith("’s") or w.endswith("'s") else w
        s, e = start + t.start(), start + t.end()
        if w in _NOT_PLACE_WORDS or (w in _CONNECTORS and cur is None):
            if cur:
                runs.append(cur)
            cur = None
            continue
        cur = (cur[0], e) if cur else (s, e)
    if cur:
        runs.append(cur)
    out = []
    for s, e in runs:
        words = text[s:e].split()
        while words and words[-1].lower() in _CONNECTORS:
            e -= len(words.pop()) + 1
        if words and not (len(words) == 1 and words[0].lower() in _DIRECTION_WORDS):
            out.append((s, e))
    return out


def _skip_mention(text: str, s: int, e: int, name: str, sent_start: int, *, lenient: bool = False) -> bool:
    if not name or (name.isupper() and len(name) > 1) or len(name) < 2:
        return True
    if name.split()[-1] in _NOT_POINTS:
        return True
    rest, before = text[e:e + 40], text[max(sent_start, s - 40):s]
    if _PERSON_AFTER.match(rest) or _MODIFIER_BEFORE.search(before):
        return True
    if re.match(r"[’']s\s(?!(?:border|coast))", rest) or re.search(r"[’']s$", text[s:e]):
        return True
    if _MODIFIER_AFTER.match(rest):
        return True
    # A lone capitalised word opening a sentence is a place only when it acts as one
    # (leniently, as the subject of the sentence before: "Kupiansk controls…").
    if lenient:
        return False
    return not text[sent_start:s].strip() and " " not in name and not _SENTENCE_START_OK.match(rest)


def _antecedent(text: str, region_start: int, before: int, prev: Span | None) -> _Mention | None:
    """The place "it"/"the city" refers to: "the city of X" nearby, else the previous sentence's place."""
    spans = [Span(region_start, before)] + ([prev] if prev else [])
    for sp in spans:
        named = [m for m in _mentions(text, sp.start, sp.end) if not m.is_region
                 and _NAMED_FEATURE.search(text[max(sp.start, m.span.start - 40):m.span.start])]
        if named:
            return named[-1]
    if prev is None:
        return None
    places = [m for m in _mentions(text, prev.start, prev.end, lenient=True) if not m.is_region]
    located = [m for m in places if _PREP_BEFORE.search(text[max(prev.start, m.span.start - 12):m.span.start])]
    return (located or places or [None])[0]


def _anchor(text: str, sent: Span, qstart: int, tgt_end: int, prev_sent: Span | None) -> AnchorRef | _NoAnchor:
    """Find the anchor of the figure at ``qstart`` (rules in the module docstring)."""
    prefix = text[sent.start:qstart]
    tail = prefix[-160:]
    after = text[tgt_end:min(sent.end, tgt_end + _WINDOW)]
    if _MOBILE.search(tail[-70:]):
        return _NoAnchor("no fixed place is named as the point it is measured from: "
                                "it is measured from troops, vehicles or people, which move")
    app = re.search(r"(?P<name>[A-Z][\w’'\-]{1,30}(?:\s[A-Z][\w’'\-]{1,30}){0,2}),\s(?:a|an|the)\s[^;()]{0,80}$", tail)
    unnamed = _UNNAMED.search(tail) or _DEFINITE_POI.search(tail)
    if unnamed and not app:
        inside = _IN_PLACE_AFTER.match(after)
        if inside:
            s = tgt_end + inside.start("name")
            return AnchorRef(inside.group("name"), Span(s, s + len(inside.group("name"))), unnamed.group("f"))
        return _NoAnchor(f"no fixed place is named as the point it is measured from "
                                f"({unnamed.group().split(maxsplit=1)[0].lower()} unnamed {unnamed.group('f')})")
    back = _BACKREF.search(tail)
    mentions = _mentions(text, max(sent.start, qstart - _WINDOW), qstart)
    if back and not [m for m in mentions if m.span.start >= qstart - len(tail) + back.start() and not m.is_region]:
        a = _antecedent(text, sent.start, qstart - len(tail) + back.start(), prev_sent)
        if a:
            return AnchorRef(a.name, a.span, a.feature if a.feature not in ("village", "town", "city") else None)
        return _NoAnchor("no fixed place is named as the point it is measured from "
                                "('it' or 'the city' with no place before it)")
    places = [m for m in mentions if not m.is_region]
    regions = [m for m in mentions if m.is_region]
    if not places:
        later = _AFTER_ANCHOR.match(after)
        if later and not regions:
            s = tgt_end + later.start("name")
            return AnchorRef(later.group("name"), Span(s, s + len(later.group("name"))))
        if regions:
            return _NoAnchor(f"no fixed place is named as the point it is measured from: "
                                    f"the {regions[-1].name} region is an area, not a point")
        return _NoAnchor("no fixed place is named as the point it is measured from")
    a, locator = _located(text, places, app.start("name") + qstart - len(tail) if app else None)
    later_regions = [r for r in regions if r.span.start > a.span.start]
    region = (later_regions or regions or [None])[-1]
    feature = a.feature if a.feature not in ("village", "town", "city") else None
    return AnchorRef(a.name, a.span, feature, f"{region.name} region" if region else None, locator)


def _located(text: str, places: list[_Mention], head_start: int | None) -> tuple[_Mention, str | None]:
    """The anchor among the last places, and the words that may locate it (a state or country).

    "Klintsy, a town in Bryansk Oblast, Russia, some…" (a place with its own qualifiers),
    "Stanstead, Quebec, which is…", "Volodymyr in Ukraine, less than…": the first name is
    the anchor and the last its locator; the resolver decides whether the locator names
    a state or country (else it is the place itself, as before).
    """
    a = places[-1]
    head = [p for p in places if p.span.start == head_start] if head_start is not None else []
    if head:
        return head[0], (a.name if a is not head[0] else None)
    if len(places) >= 2 and _LOCATOR_GAP.fullmatch(text, places[-2].span.end, a.span.start):
        return places[-2], a.name
    return a, None


def _non_distance(text: str, sent: Span, m: re.Match) -> str | None:
    """Why the figure ``m`` is not a distance between places, or None when it may be one."""
    before = text[max(sent.start, m.start() - 60):m.start()]
    after = text[m.end():min(sent.end, m.end() + _WINDOW)]
    for pattern, why in _NOT_DISTANCE_BEFORE:
        if pattern.search(before):
            return why
    if _NOT_DISTANCE_AFTER.match(after):
        return "a length of a thing, a speed or an area, not a distance between places"
    if m.group("join") == "-" and not _RELATION.match(after) and not _AWAY.match(after):
        return "a length of a thing (a figure joined to its noun: 'the 620-mile front line')"
    rel = _RELATION.match(after)
    hedge = (m.group("hedge") or "").strip().lower()
    if rel and rel.group("rel") and rel.group("rel").lower() == "of" and hedge != "within":
        return "a length of something ('45 km of the border'), not a distance to it"
    if _ROAD_SENTENCE.search(text, max(sent.start, m.start() - 300), m.start()) or (rel and _ROAD_AFTER.match(after[rel.end():])):
        return "a road or travel distance: a straight line cannot check it"
    return None


def extract(text: str) -> tuple[list[Claim], list[NonClaim]]:
    """Return (claims, non-claims) found in ``text``, with character spans into it.

    >>> claims, _ = extract("Kharkiv is about 30 km from the Russian border.")
    >>> (claims[0].anchor_text, claims[0].value, claims[0].hedge, claims[0].target.kind.value)
    ('Kharkiv', 30.0, 'about', 'border')
    """
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(f"the text is {len(text):,} characters; borderwatch checks at most {MAX_INPUT_CHARS:,} at once — split it")
    units = sum(1 for _ in itertools.islice(_UNIT_WORD.finditer(text), MAX_LENGTH_FIGURES + 1))
    if units > MAX_LENGTH_FIGURES:
        raise InputError(f"the text has more than {MAX_LENGTH_FIGURES:,} length units (km, mi, m, nautical "
                         "miles, feet…); no news article has that many distance figures — split it or check the "
                         "part that matters")
    claims: list[Claim] = []
    non: list[NonClaim] = []
    prev_sent: Span | None = None
    for sent in sentences(text):
        prev_claim: Claim | None = None
        for m in _DISTANCE.finditer(text, sent.start, sent.end):
            claim = _claim(text, sent, m, prev_claim, prev_sent, len(claims) + 1, non)
            if claim is not None:
                claims.append(claim)
                prev_claim = claim
        prev_sent = sent
    return claims, non


@dataclass(frozen=True)
class _Reach:
    """What follows a figure: its target, direction, the claim's extent and an anchor the phrase names."""

    target: TargetRef | None
    direction: str | None
    start: int
    end: int
    anchor: AnchorRef | None = None


def _reach(text: str, sent: Span, m: re.Match) -> _Reach | None:
    """Read what the figure ``m`` is measured to ("from X", "separates A from B", "X … away"), or None."""
    after = text[m.end():min(sent.end, m.end() + _WINDOW)]
    rel, sep = _RELATION.match(after), _SEPARATE.match(after)
    if rel:
        target = _target(after[rel.end():], m.end() + rel.end())
        direction = rel.group("dir").lower() if rel.group("dir") else None
        end = target.span.end if target and target.span else m.end() + rel.end()
        return _Reach(target, direction, m.start(), end)
    if sep:
        target = _target(after[sep.end():], m.end() + sep.end())
        a = sep.group("a").strip()
        start_a = m.end() + sep.start("a")
        island = bool(re.search(r"\sisland$", a, re.IGNORECASE))
        anchor = AnchorRef(re.sub(r"\s(?:island|Island)$", "", a), Span(start_a, start_a + len(a)),
                         "island" if island else None)
        end = target.span.end if target and target.span else m.end() + sep.end()
        return _Reach(target, None, m.start(), end, anchor)
    away = _AWAY.match(after)
    if not away:
        return None
    pre = _PRE_TARGET.search(text, max(sent.start, m.start() - 80), m.start())
    if not pre:
        return _Reach(None, None, m.start(), m.end() + away.end())
    kind = TargetKind.LINE if pre.group("line") else TargetKind.BORDER if pre.group("border") else TargetKind.PLACE
    group = {TargetKind.LINE: 1, TargetKind.BORDER: 2, TargetKind.PLACE: 3}[kind]
    phrase = pre.group().rstrip(" —–-,")
    target = TargetRef(kind, pre.group(group), name=pre.group("name") or phrase,
                       span=Span(pre.start(), pre.start() + len(phrase)))
    return _Reach(target, None, pre.start(), m.end() + away.end())


def _checkable(anchor: AnchorRef | _NoAnchor, target: TargetRef | None) -> tuple[bool, str | None]:
    if isinstance(anchor, _NoAnchor):
        return False, anchor.why
    if anchor.feature == "island":
        return False, (f"{anchor.text} is an island: the data has no island outlines, and a town "
                       f"point would stand in for its whole coast")
    if target is None:
        return False, "the text names no place, region or border it is measured to"
    return True, None


def _claim(text: str, sent: Span, m: re.Match, prev_claim: Claim | None, prev_sent: Span | None,
           index: int, non: list[NonClaim]) -> Claim | None:
    """The claim made by the figure ``m``, or None (after noting a NonClaim)."""
    quote_span = Span(m.start(), m.end())
    for num in (m.group("num"), m.group("num2")):
        if num and re.fullmatch(_AMBIGUOUS, num):
            non.append(NonClaim(quote_span, m.group(), f"ambiguous number {num!r}: a decimal comma or a "
                                                       "thousands separator? borderwatch does not guess"))
            return None
    try:
        value = parse_number(m.group("num"))
        value_high = parse_number(m.group("num2")) if m.group("num2") else None
    except InputError:
        return None
    why = _non_distance(text, sent, m)
    reach = None if why else _reach(text, sent, m)
    if reach is None:
        non.append(NonClaim(quote_span, m.group(), why or "no place it is measured to follows the figure"))
        return None
    pnum, punit = (m.group("pnum"), m.group("punit")) if m.group("pnum") else (m.group("snum"), m.group("sunit"))
    between = text[prev_claim.span.end:reach.start] if prev_claim else ""
    if reach.anchor is not None:
        anchor = reach.anchor
    elif prev_claim and prev_claim.anchor and _JOIN.fullmatch(between):
        anchor = prev_claim.anchor
    else:
        anchor = _anchor(text, sent, reach.start, reach.end, prev_sent)
    checkable, why = _checkable(anchor, reach.target)
    ref = anchor if isinstance(anchor, AnchorRef) else None
    return Claim(index=index, span=Span(reach.start, reach.end), quote=text[reach.start:reach.end], sentence=sent,
                 value=value, unit=unit_of_word(m.group("unit")), value_high=value_high,
                 paired_value=parse_number(pnum) if pnum else None,
                 paired_unit=unit_of_word(punit) if punit else None,
                 hedge=(m.group("hedge") or "").strip().lower() or None, direction=reach.direction,
                 anchor=ref, target=reach.target, checkable=checkable, why_not=why)
