"""Text to distance claims: no geography here, only what the words say.

A claim is a number with a length unit ("40 kilometers", "25-30 km", "ten miles"),
optionally hedged ("just over", "within") and paired with a conversion in
parentheses ("40 kilometers (25 miles)"), followed by what it is measured to
("from the border with Ukraine's Chernihiv region", "north of Kyiv"), and linked to
the place it is measured from (the anchor) by the sentence's structure: apposition
("Vovchansk, a town around 4 km from…"), a relative clause ("…station in the Gomel
region, which is…"), a subject ("Kharkiv is 30 km…"), "it"/"the city" referring to
the previous sentence, or a second claim joined by "and".

Every regular expression here has bounded repetition; input longer than
settings.MAX_INPUT_CHARS is refused before any matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InputError
from .model import Claim, Span, TargetRef
from .settings import MAX_INPUT_CHARS
from .units import canonical_unit

__all__ = ["extract_claims", "parse_number", "sentences", "NonClaim", "extract"]

_ONES = {"zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
         "half": 0.5}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a|an)"
_SPELLED = rf"{_WORD}(?:[\s-]{{1,3}}(?:and[\s]{{1,3}})?{_WORD}){{0,6}}"
_DIGITS = r"\d{1,3}(?:,\d{3}){1,3}(?:\.\d{1,3})?|\d{1,7}(?:\.\d{1,3})?(?:\s?½|\s1/2)?"
NUM = rf"(?:{_DIGITS}|{_SPELLED})"
UNIT = r"(?:kilometres|kilometers|kilometre|kilometer|kms|km|miles|mile|mi\b)"
HEDGES = ("just over", "just under", "just more than", "slightly more than", "a little over",
          "a little more than", "little more than", "more than", "less than", "fewer than",
          "no more than", "no further than", "not more than", "at least", "at most", "up to",
          "within", "about", "around", "some", "roughly", "approximately", "nearly", "almost",
          "close to", "only about", "just about", "only", "just", "over", "under", "barely",
          "an estimated", "estimated", "beyond", "approx")
_HEDGE = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
DIRS = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?|northeast|northwest|southeast|southwest"

_DISTANCE = re.compile(
    rf"(?P<hedge>\b(?:{_HEDGE})\s{{1,3}})?"
    rf"(?P<num>\b{NUM})(?:\s{{0,2}}(?:-|–|—|to|or)\s{{0,2}}(?P<num2>{NUM}))?"
    rf"(?:\s{{0,2}}|-)(?P<unit>{UNIT})(?![a-z])"
    rf"(?:\s{{0,2}}\((?:or\s)?(?:about\s|around\s|some\s|roughly\s|nearly\s)?(?P<pnum>{NUM})(?:\s{{0,2}}(?:-|–)\s{{0,2}}{NUM})?(?:\s{{0,2}}|-)(?P<punit>{UNIT})\))?",
    re.IGNORECASE)
_RELATION = re.compile(
    rf"^\s{{0,3}}(?:away\s)?(?:\s?(?P<dir>{DIRS})(?:\s(?:of|from))\s|from\s|of\s|off\s|outside\s|inside\s|short\sof\s|into\s|to\s|(?:beyond|behind)\s)",
    re.IGNORECASE)
# Numbers that measure something else: areas, lengths of things, speeds, advances, roads.
_NOT_DISTANCE_AFTER = re.compile(
    r"^(?:\s?(?:-|\s)?(?:long|wide|deep|high|tall|across|squared|square)\b|\s?(?:per|an|a)\s(?:hour|day)\b|\s?/\s?h\b|\s(?:of\s(?:the\s|our\s|its\s|their\s)?(?:border|frontline|front\sline|front|coast|coastline|road|roads|railway|track|trenches|territory|fortifications|line)))",
    re.IGNORECASE)
_NOT_DISTANCE_BEFORE = re.compile(
    r"(?:\bsq\.?|\bsquare|\badvanced|\badvancing|\badvance\sof|\bdrive|\bdrove|\bdriving|\bby\sroad|\bjourney|\btrip|\bwalk(?:ed)?|\bmarch(?:ed)?|\btravel(?:l?ed)?|\bflew|\bpushed|\bpenetrated|\bmoved|\bstretch(?:es|ing)?|\bspan(?:s|ning)?|\brange\sof|\bconvoy|\bcolumn|\bqueue|\bline\sof|\bcovered|\bdeep)\W{1,3}(?:\w+\W{1,3}){0,3}$",
    re.IGNORECASE)
_ROAD_AFTER = re.compile(r"^[^.;]{0,40}\b(?:drive|by\sroad|by\scar|by\strain|journey|trip|walk)\b", re.IGNORECASE)

_SENTENCE = re.compile(r"[^.!?\n]{1,2000}(?:[.!?]+[\"”’']?|\n|$)")
_PROPER = re.compile(r"\b[A-Z][\w’'\-]{1,30}(?:\s(?:[A-Z][\w’'\-]{1,30}|de|del|la|am|on|upon|nad)){0,3}")
_REGION_WORDS = r"(?:region|oblast|province|voblast|district|governorate|state|krai|republic)"
_FEATURES = ("station", "airport", "airfield", "base", "plant", "power plant", "nuclear plant",
             "port", "bridge", "checkpoint", "crossing", "camp", "village", "town", "city", "dam")
_FEATURE_AFTER = re.compile(rf"^\s(?P<f>{'|'.join(sorted(_FEATURES, key=len, reverse=True))})\b", re.IGNORECASE)
_REGION_AFTER = re.compile(rf"^\s{_REGION_WORDS}\b", re.IGNORECASE)
_NOT_PLACE_WORDS = frozenset("""the a an it its this that these those he she they we i you our their his her
according russian russians ukrainian ukrainians belarusian belarusians however meanwhile but and
on in at by for from with after before during since while when where which who what monday tuesday
wednesday thursday friday saturday sunday january february march april may june july august september
october november december equipment troops military soldiers officials reports report residents
satellite images photos video videos there here some many several earlier later last next both
moscow's kyiv's defense ministry president minister forces army police""".split())
_BACKREF = re.compile(r"^\s{0,3}(?:it|the\s(?:city|town|village|settlement|plant|station|site|base|area|port))\b", re.IGNORECASE)


@dataclass(frozen=True)
class NonClaim:
    """A number with a length unit that is not a checkable distance claim, and why."""

    span: Span
    quote: str
    why: str


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


def sentences(text: str) -> list[Span]:
    """Return the spans of the text's sentences (bounded: at most 2,000 characters each)."""
    return [Span(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def _target(after: str, offset: int) -> TargetRef | None:
    """Read what the distance is measured to from the words after the relation."""
    phrase = re.split(r"[,;:()\[\]]|\.\s|\.$|\s(?:and|but|which|where|while|after|as|when|in\sorder)\s|\s(?:and\s)?\d", after, maxsplit=1)[0]
    phrase = phrase[:120].strip()
    if not phrase:
        return None
    low = phrase.lower()
    span = Span(offset, offset + len(phrase))
    region = re.search(rf"(?:(?P<cc>[A-Z][\w]+)[’']s\s)?(?:the\s)?(?P<name>[A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-]+){{0,2}})\s{_REGION_WORDS}\b", phrase)
    region2 = re.search(rf"\b{_REGION_WORDS}\sof\s(?P<name>[A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-]+){{0,2}})", phrase)
    if region or region2:
        m = region or region2
        cc = m.groupdict().get("cc")
        return TargetRef("region", phrase, name=m.group("name"), country=cc, span=span)
    if re.search(r"\b(?:front\s?line|frontline|front|contact\sline|line\sof\scontact|dmz|demilitari[sz]ed\szone|line\sof\scontrol|loc)\b", low):
        return TargetRef("line", phrase, name=phrase, span=span)
    if re.search(r"\b(?:border|frontier|boundary)\b", low):
        with_ = re.search(r"\b(?:border|frontier)\s(?:with|of)\s(?:the\s)?(?P<c>[A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-]+){0,2})", phrase)
        adj = re.search(r"(?P<c>[A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-]+)?)(?:[’']s)?\sborder", phrase)
        countries = [m.group("c") for m in (adj, with_) if m]
        return TargetRef("border", phrase, name=" / ".join(countries) or None,
                         country="|".join(countries) or None, span=span)
    if re.search(r"\b(?:coast|coastline|shore|sea|gulf|bay)\b", low):
        return TargetRef("coast", phrase, name=phrase, span=span)
    m = _PROPER.search(phrase)
    if m:
        name = re.sub(r"^(?:The|Downtown|Central|Capital)\s", "", m.group())
        name = re.sub(r"[’']s$", "", name)
        return TargetRef("place", phrase, name=name, span=span)
    if re.search(r"\b(?:the\s)?(?:capital|city|town)\b", low):
        return TargetRef("place", phrase, name=None, span=span)
    return None


@dataclass(frozen=True)
class _Mention:
    name: str
    span: Span
    feature: str | None
    is_region: bool


def _mentions(text: str, start: int, end: int) -> list[_Mention]:
    """Capitalised phrases in text[start:end] that may name places, in order."""
    out = []
    for m in _PROPER.finditer(text, start, end):
        words = m.group().split()
        while words and words[0].lower().strip("’'s") in _NOT_PLACE_WORDS:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        name = re.sub(r"[’']s$", "", name)
        s = m.end() - len(" ".join(words))
        rest = text[m.end():m.end() + 30]
        feat = _FEATURE_AFTER.match(rest)
        is_region = bool(_REGION_AFTER.match(rest))
        out.append(_Mention(name, Span(s, m.end()), feat.group("f").lower() if feat else None, is_region))
    return out


def extract(text: str) -> tuple[list[Claim], list[NonClaim]]:
    """Return (claims, non-claims) found in ``text``, with character spans into it.

    >>> claims, _ = extract("Kharkiv is about 30 km from the Russian border.")
    >>> (claims[0].anchor_text, claims[0].value, claims[0].hedge, claims[0].target.kind)
    ('Kharkiv', 30.0, 'about', 'border')
    """
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(f"the text is {len(text):,} characters; borderwatch checks at most {MAX_INPUT_CHARS:,} at once — split it")
    claims: list[Claim] = []
    non: list[NonClaim] = []
    prev_sentence_places: list[_Mention] = []
    for sent in sentences(text):
        prev_claim: Claim | None = None
        mentions = _mentions(text, sent.start, sent.end)
        for m in _DISTANCE.finditer(text, sent.start, sent.end):
            quote_span = Span(m.start(), m.end())
            before = text[max(sent.start, m.start() - 60):m.start()]
            after = text[m.end():sent.end]
            try:
                value = parse_number(m.group("num"))
            except InputError:
                continue
            if _NOT_DISTANCE_BEFORE.search(before) or _NOT_DISTANCE_AFTER.match(after) or \
                    re.match(r"^\s?-(?:long|wide)", after):
                non.append(NonClaim(quote_span, m.group(), "a length, area, advance or route, not a distance between places"))
                continue
            rel = _RELATION.match(after)
            if not rel:
                non.append(NonClaim(quote_span, m.group(), "no place it is measured to follows the figure"))
                continue
            if _ROAD_AFTER.match(after[rel.end():]) or re.search(r"\b(?:drive|by road|by car)\b", before, re.IGNORECASE):
                non.append(NonClaim(quote_span, m.group(), "a road or travel distance: a straight line cannot check it"))
                continue
            target = _target(after[rel.end():], m.end() + rel.end())
            unit = canonical_unit(m.group("unit"))
            hedge = (m.group("hedge") or "").strip().lower() or None
            value_high = parse_number(m.group("num2")) if m.group("num2") else None
            paired = parse_number(m.group("pnum")) if m.group("pnum") else None
            punit = canonical_unit(m.group("punit")) if m.group("punit") else None
            direction = rel.group("dir").lower() if rel.group("dir") else None
            end = target.span.end if target and target.span else m.end() + rel.end()
            # The anchor: a claim joined by "and" shares the previous claim's anchor.
            anchor, region, feature, aspan = None, None, None, None
            between = text[prev_claim.span.end:m.start()] if prev_claim else ""
            if prev_claim and re.fullmatch(r"\s{0,3}(?:,\s{0,2})?(?:and|while|but)?\s{0,3}(?:is\s|lies\s)?(?:about\s|around\s)?", between or " "):
                anchor, region = prev_claim.anchor_text, prev_claim.anchor_region
                feature, aspan = prev_claim.anchor_feature, prev_claim.anchor_span
            else:
                cands = [x for x in mentions if x.span.end <= m.start()
                         and not (prev_claim and prev_claim.target and prev_claim.target.span
                                  and x.span.start >= prev_claim.target.span.start and x.span.end <= prev_claim.target.span.end)]
                places = [x for x in cands if not x.is_region]
                regions = [x for x in cands if x.is_region]
                if places:
                    a = places[-1]
                    if a.feature in ("village", "town", "city"):
                        feature = None
                    else:
                        feature = a.feature
                    anchor, aspan = a.name, a.span
                    later_regions = [r for r in regions if r.span.start > a.span.start]
                    region = (later_regions or regions or [None])[-1]
                    region = f"{region.name} region" if region else None
                elif _BACKREF.match(text[sent.start:m.start()]) and prev_sentence_places:
                    a = prev_sentence_places[-1]
                    anchor, aspan, feature = a.name, a.span, a.feature
            checkable, why = True, None
            if anchor is None:
                checkable, why = False, "no fixed place is named as the point it is measured from"
            elif target is None:
                checkable, why = False, "the text names no place, region or border it is measured to"
            claim = Claim(index=len(claims) + 1, span=Span(quote_span.start, end), quote=text[quote_span.start:end],
                          sentence=sent, value=value, unit=unit, value_high=value_high, paired_value=paired,
                          paired_unit=punit, hedge=hedge, direction=direction, anchor_text=anchor,
                          anchor_span=aspan, anchor_feature=feature, anchor_region=region, target=target,
                          checkable=checkable, why_not=why)
            claims.append(claim)
            prev_claim = claim
        places_here = [x for x in mentions if not x.is_region]
        if places_here:
            prev_sentence_places = places_here
    return claims, non


def extract_claims(text: str) -> list[Claim]:
    """Return the distance claims found in ``text`` (see :func:`extract`)."""
    return extract(text)[0]
