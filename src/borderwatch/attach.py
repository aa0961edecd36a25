"""The named rules that attach a figure to its two ends, or set it aside with the reason.

Each figure of a sentence (figures.py) goes through three groups of rules, in order:

1. **screens** — is it a distance between places at all? (the size of a thing, a rate, an
   advance, a length, a route, a radius zone, a moving thing);
2. **targets** — what it is measured to ("from X", "X … away", "X and Y are … apart",
   "between X and Y", "from X to Y");
3. **anchors** — where it is measured from (the previous claim's anchor, an apposition,
   the clause's subject, a back-reference, the name after the figure).

Every claim records the ids of the rules that read it (``Claim.rules``) and every figure
set aside the id of the rule that did (``NonClaim.rule``); :data:`RULES` lists them, each
with the real sentence it was written for, which tests/test_rules.py checks. The words
rules look for are the lexicon's classes; the only bounds are the sentence and the clause.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .figures import Figure
from .lexicon import LEXICON
from .model import AnchorRef, ClaimKind, TargetKind, TargetRef
from .names import exact_key
from .names_in_text import runs
from .tagging import CLASSES, Mention, Sentence
from .targets import read_target

__all__ = ["Rule", "RULES", "Reading", "SetAside", "read"]


@dataclass(frozen=True)
class Rule:
    """A rule: its id, what it does, the sentence it was written for, and its group
    (screen: is it a distance at all; target / anchor: the two ends)."""

    id: str
    does: str
    example: str
    group: str = "screen"


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("ambiguous-number", "a decimal comma or thousands separator ('4,8 km') is not guessed",
         "The village is 4,8 km from the border."),
    Rule("ambiguous-m", "'5m' is metres only before a distance word; else metres or millions, not read",
         "The project cost $5m and took three years."),
    Rule("size", "a figure followed by long/wide/deep/high is the size of a thing",
         "A Russian military convoy 40 miles long was seen north of Kyiv."),
    Rule("rate", "a figure per hour/day is a speed or rate", "Winds of 150 km per hour hit the coast."),
    Rule("advance", "a figure after a verb of advance is how far a side moved",
         "Ukrainian forces advanced 10 km towards Melitopol."),
    Rule("length", "a figure after a length word (stretch, convoy, span) is the length of a thing",
         "The queue of lorries stretched for 30 km from the border."),
    Rule("length-compound", "a figure joined to its noun ('the 620-mile front') is a length",
         "Russia holds most of the 620-mile front line."),
    Rule("length-of", "'N km of X' (no direction, no 'within') is a length of X, not a distance to it",
         "Finland closed all 1,340 km of its border with Russia."),
    Rule("route", "a drive, journey, flight or road distance ('via', 'along National Road 5'): a claim of kind "
         "route, not checkable (set aside when the sentence names no place: a distance travelled)",
         "The 180-km road journey from Vilnius to Minsk takes three hours."),
    Rule("moving-position", "the position of a storm, a fire, a vessel or an aircraft at one moment (a forecast "
         "one, where a storm is 'centred', or one given again from another place in a list): set aside",
         "The typhoon was 60 kilometers east of Legazpi City."),
    Rule("moving-subject", "a figure measured from troops or a unit (they move): a claim, not checkable",
         "Russian troops were seen 20 km from the border.", "anchor"),
    Rule("radius-zone", "'within N km of X' as a zone around X, with nothing fixed placed in it",
         "Residents within 30 kilometres of the plant were told to stay indoors."),
    Rule("small-unit", "a figure in cm, mm or inches is too small to be a distance between places",
         "The water table is now approximately 75cm from the surface."),
    Rule("no-target", "nothing the figure is measured to follows it", "The missile has a 300 km range."),
    Rule("relation", "'N km [direction] from/of/off X', 'N km over the border': X is the target ('N km inland': "
         "the coast)",
         "Kharkiv is about 30 km from the Russian border.", "target"),
    Rule("border-subject", "'The border is N km from X': the border is the target, X the anchor",
         "The border is just 5 km from Kharkiv.", "target"),
    Rule("target-back-reference", "'… north of the city': the last place named before the figure, not the anchor "
         "('the stricken plant': the facility of its kind named last before; 'X, which lies N km to the west': of the "
         "place the sentences before are about)",
         "The shooting happened in Allen, a Dallas suburb about 25 miles north of the city.", "target"),
    Rule("target-pronoun", "'… (40 km from it)': 'it' after the relation is the previous claim's target ('N km to "
         "its south': the place the text is about)",
         "Shelling hit Vovchansk (5 km from the border) and Kupiansk (40 km from it).", "target"),
    Rule("across-from", "'N km across the river from X': X is the target",
         "Nikopol lies 8 km across the reservoir from the plant.", "target"),
    Rule("named-with-figure", "'X (N km)': a figure alone in brackets right after a place's name is its distance",
         "The airport lies between Arusha (46 km) and Moshi (40 km).", "target"),
    Rule("away-after-name", "'X … N km away': the name before the figure is the target; so is a name after 'away' "
         "or a compass word and a verb ('Barely 60 km away is Mosul': from what the text is about)",
         "South Korea's capital, Seoul, is home to 10 million people, with North Korea 35 miles away.", "target"),
    Rule("to-the-direction", "'X, N km to the south': X is the target, the sentence's subject the anchor",
         "Chernihiv lies near the border with the capital Kyiv, just 144km (90 miles) to the south.", "target"),
    Rule("apart", "'X and Y are N km apart': X the anchor, Y the target", "Osh and Jalalabad are just 30 miles apart.", "target"),
    Rule("between", "'the distance between X and Y is N km', 'N km (lie) between X and Y'; 'the distance from X is N "
         "km': X the target, the anchor what the text is about",
         "Only about 40 kilometres lie between Vilnius and Belarus.", "target"),
    Rule("from-to", "'N km from X to Y', 'From X to Y is N km' (a clause opening with its two ends; 'here' is "
         "the place the text is about): X the anchor, Y the target",
         "It is 147 kilometers from Narva to St. Petersburg.", "target"),
    Rule("shared-anchor", "a figure joined to the previous one by 'and' or a comma shares its anchor",
         "Rechytsa is 40 km from the border and 90 km from the Kyiv region.", "anchor"),
    Rule("coordinates", "coordinates in the text before the figure are its anchor, a point",
         "The storm was centred at 25.1N, 80.2W, about 40 km east of Miami.", "anchor"),
    Rule("relative-clause", "'… with X, which is N km from': the name before ', which is' is the anchor",
         "The bridge connects Hong Kong with Zhuhai, which is only 5 miles north of Macau.", "anchor"),
    Rule("apposition", "'X, a town …, N km from': X is the anchor; so is the name set off after a description "
         "('The nearest town, X, is N km')",
         "Klintsy, a town in the Bryansk region, lies 50 km from the border.", "anchor"),
    Rule("copula-description", "'X is a city just N km from': X is the anchor",
         "Zhuhai is a city just 5 miles north of Macau.", "anchor"),
    Rule("subject", "the nearest place-like name before the figure in its sentence is the anchor",
         "Belgorod, about 40 km from the border, was shelled.", "anchor"),
    Rule("locator", "'X, <state or country>, N km …': X is the anchor, the next name locates it",
         "Stanstead, Quebec, is 1 km from the US border.", "anchor"),
    Rule("back-reference", "'it', 'the city', 'this town' refer to the last fitting place before them; 'X is N km "
         "away' is from the place the sentences before are about",
         "Kupiansk was retaken. The city lies 40 km from the border.", "anchor"),
    Rule("named-after", "a figure opening its sentence takes the name after it",
         "About 100 km from the border, Chernihiv was besieged.", "anchor"),
    Rule("unnamed-thing", "'a town/outcrop … N km from', 'the border area': no fixed place is named ('a … "
         "checkpoint', a kind built to stay, is kept as an unnamed anchor a user can mark)",
         "They hid in a village some 3 km from the front.", "anchor"),
    Rule("unfixed-subject", "an epicentre, a blast or a crash site: a point no gazetteer holds",
         "The quake's epicentre was 56 km northeast of the town of Donggala.", "anchor"),
    Rule("region-subject", "only a region before the figure: an area, not a point",
         "The Kursk region is 100 km from Kharkiv.", "anchor"),
    Rule("no-anchor", "no place is named that the figure is measured from",
         "Explosions were heard some 10 km from the border.", "anchor"),
)}


_CLAUSE_ENDS = frozenset({";", ":"})


@dataclass(frozen=True)
class SetAside:
    """A figure that is not a distance claim, the reason and the rule."""

    why: str
    rule: str
    end: int | None = None  # a moving position's last token (+1): a figure joined after it is the same thing's


@dataclass(frozen=True)
class Reading:
    """What the rules read for one figure: its ends, its extent (tokens) and the rules used."""

    target: TargetRef | None
    direction: str | None
    start: int
    end: int
    anchor: AnchorRef | None
    why_not: str | None
    kind: ClaimKind
    rules: tuple[str, ...]


@dataclass(frozen=True)
class _Reach:
    target: TargetRef | None
    direction: str | None
    start: int
    end: int
    rule: str
    anchor: AnchorRef | None = None
    anchor_rule: str | None = None
    from_context: bool = False  # the anchor is what the text is about ("The distance from Batumi is 18 km")
    target_about: bool = False  # the target is what the text is about ("Lalitpur is 5km to its south")


def read(s: Sentence, fig: Figure, prev: Reading | None, before: list[Sentence], moving_end: int | None = None
         ) -> Reading | SetAside:
    """Attach the figure ``fig`` of sentence ``s`` (``prev``: the sentence's previous claim;
    ``before``: earlier sentences, nearest first, for back-references; ``moving_end``: where the
    sentence's last moving position ends, when no claim came after it)."""
    from .screens import route_reason, screen

    aside = screen(s, fig)
    if aside is not None:
        return aside
    reach = _reach(s, fig)
    if reach is not None and reach.target_about:
        reach = replace(reach, target=_about_target(before))  # "to its south"
    elif reach is not None and reach.rule == "target-pronoun":
        # "Vovchansk (5 km from the border) and Kupiansk (40 km from it)": the previous claim's target
        reach = replace(reach, target=prev.target if prev else _previous_target(before))
    route = route_reason(s, fig, reach.end if reach else fig.j)
    if reach is None and route is not None:
        reach = _route_ends(s, fig)
    if reach is None:
        return SetAside("no place it is measured to follows the figure", "no-target")
    anchor, anchor_rule, why = _anchor_for(s, fig, reach, prev, before)
    back = _target_back_reference(s, fig, reach.target, anchor) or _facility_named_before(s, fig, reach.target, before) \
        or _implied_target(reach, anchor, before) or _town_named_before(s, reach.target, anchor, before)
    if back is not None:
        reach = replace(reach, target=back, rule="target-back-reference")
    if anchor_rule == "back-reference" and _same_place(anchor, reach.target):
        # "… around Lampedusa. It sank about 12 nautical miles off Lampedusa": 'it' is not the target itself
        anchor, why = None, "no fixed place is named as the point it is measured from ('it' stands for " \
                            "something other than the place it is measured to)"
    if anchor_rule in ("radius-zone", "moving-position") and route is None:
        return SetAside(why or "", anchor_rule, reach.end)
    if moving_end is not None and anchor_rule in _WEAK_ANCHORS and route is None \
            and _listed_after(s, moving_end, reach.start):
        # "A thunderstorm … was located 8 miles west of Mildred, or 9 miles northeast of Iola": the same position
        return SetAside(_SAME_POSITION, "moving-position", reach.end)
    rules = tuple(r for r in (reach.rule, anchor_rule, "route" if route else None) if r)
    if route is not None and reach.target is None and anchor is None and all(m.is_region for m in s.lenient_mentions):
        return SetAside(f"{_TRIP}: {route}", "route")  # "flew 200 miles to pick up a takeaway"
    if route is not None:
        return Reading(reach.target, reach.direction, reach.start, reach.end, anchor, route, ClaimKind.ROUTE, rules)
    if why is None and reach.target is None:
        why = "the text names no place, region or border it is measured to"
    return Reading(reach.target, reach.direction, reach.start, reach.end, anchor, why, ClaimKind.DISTANCE, rules)


_TRIP = "the length of a trip in a sentence that names no place (a distance travelled, not one between two places)"
_TOWN_REFERENCES = frozenset(LEXICON.targets["town_words"]) - {"capital"}  # "the capital" is the capital's
# Anchors found only by position (no name of their own beside the figure), which a moving position before
# them in the sentence overrides; and what is said then.
_WEAK_ANCHORS = frozenset({"subject", "named-after", "no-anchor", "shared-anchor"})
_SAME_POSITION = ("the position of something that moves (a storm, a fire, a vessel, an aircraft), given again from "
                  "another place: the figure before it in the sentence is that position")


def _listed_after(s: Sentence, end: int, start: int) -> bool:
    """Only a list's joints and places stand between a moving position's claim (ending at ``end``) and the
    next one (from ``start``): no verb of being, no relative pronoun, no new sentence."""
    return all(not s.is_(x, "copulas") and not s.is_(x, "relative_pronouns") and s.low(x) != "."
               for x in range(end, start))


def _target_back_reference(s: Sentence, fig: Figure, target: TargetRef | None, anchor: AnchorRef | None
                           ) -> TargetRef | None:
    """'Allen, a Dallas suburb about 25 miles north of the city': 'the city' after the relation is
    the last place named before the figure that is not the anchor (the capital is the capital's)."""
    if target is None or target.kind is not TargetKind.PLACE or target.name or target.span is None:
        return None
    k = s.index_at(target.span.start)
    if not (s.low(k) in ("the", "this", "that") and town_reference(s, k + 1, s.index_at(target.span.end))):
        return None
    skip = anchor.span if anchor is not None else None
    found = [m for m in s.lenient_mentions if m.j <= fig.i and not m.is_region
             and (skip is None or m.span != skip) and m.name != (anchor.text if anchor else None)]
    if not found:
        return None
    if anchor is not None and anchor.feature in LEXICON.classes["airport_words"] and skip is not None and all(
            m.span.start > skip.end and s.low(m.i - 1) == "in" for m in found):
        return replace(target, name=anchor.text)  # "The Mandalay airport is located in Tada-U Township 39 miles south
        # of the city": the city the airport is named after, not the township that locates it
    m = found[-1]
    return replace(target, name=m.name)


def _town_named_before(s: Sentence, target: TargetRef | None, anchor: AnchorRef | None, before: list[Sentence]
                       ) -> TargetRef | None:
    """'Bogor is a city … The stone can be seen in Ciampea, 15 km west of the city': 'the city' (or 'the town')
    with no other place in its sentence is the place the sentences before are about, when that is not the anchor."""
    if target is None or target.kind is not TargetKind.PLACE or target.name or target.span is None or (
            anchor is not None and anchor.feature):  # "… Airport is located 45km north-east of the city": the city
        return None  # the airport serves (resolve's city_of), not the sentence before's
    k = s.index_at(target.span.start)
    end = s.index_at(target.span.end)
    if not ((s.low(k) == "the" and town_reference(s, k + 1, end)) or (s.is_(k, "downtown") and end == k + 1)):
        return None  # "… 12km from downtown is the … Shrine": the centre of the town the text is about
    about = _about_target(before)
    return replace(target, name=about.name) if about is not None and not _same_place(anchor, about) else None


def town_reference(s: Sentence, k: int, end: int) -> bool:
    """Tokens ``[k, end)`` are a town word alone or with its centre: 'city', 'city centre', 'town's center'
    (after 'the'): the town itself, whose point stands for its centre."""
    n = end - k - (s.low(k + 1) in ("’s", "'s"))
    return s.low(k) in _TOWN_REFERENCES and (n == 1 or (n == 2 and s.is_(end - 1, "centre_words")))


def _implied_target(reach: _Reach, anchor: AnchorRef | None, before: list[Sentence]) -> TargetRef | None:
    """'Mandalay, Myanmar's second-largest city, which lies just 64 kilometers to the west': to the west of the
    place the sentences before are about (the hill town of Pyin Oo Lwin)."""
    if reach.target is not None or anchor is None or reach.rule not in _IMPLIED_END:
        return None
    about = _about_target(before)  # a country is no point a figure reaches "to the west" from
    return about if about is not None and not _same_place(anchor, about) and \
        not LEXICON.names_a_country(about.name or "") else None


_FACILITY_KINDS = ("plant_words", "airport_words")


def _facility_named_before(s: Sentence, fig: Figure, target: TargetRef | None, before: list[Sentence]
                           ) -> TargetRef | None:
    """'Tamura, 50 kilometres from the stricken plant': a facility the text does not name here is the one of its
    kind named last before — earlier in the sentence, then in the sentences before ("the Fukushima Daiichi
    Nuclear Power Station")."""
    if target is None or target.kind is not TargetKind.PLACE or target.name or target.span is None:
        return None
    end = s.index_at(target.span.end)
    kind = next((cls for cls in _FACILITY_KINDS if CLASSES.ends_at(s.tokens, end, cls)), None)
    if kind is None:
        return None
    here = [m for m in s.lenient_mentions if m.j <= fig.i]
    for sent, found in ((s, here), *((prev, prev.lenient_mentions) for prev in before)):
        # its kind's words with the name, or an event of a plant's ("the Chernobyl accident")
        named = [m for m in found if m.feature in LEXICON.classes[kind]
                 or (kind == "plant_words" and sent.is_(m.j, "plant_events"))]
        if named:
            return replace(target, name=named[-1].name)
    return None


def _name_after_verb(s: Sentence, fig: Figure, k: int) -> _Reach | None:
    """'Barely 60 kilometres away is Mosul', 'About 108 kilometres further west is Kericho': 'away' or a compass
    word after the figure, then a verb of being and a place's name: that place is the target."""
    j, direction = k + (s.low(k) == "away"), None
    if j == k:
        j += s.is_(j, "further_words")
        n = s.is_(j, "directions") if len(s.low(j)) > 2 else 0  # a compass word written out, not "S" or "e"
        if not n:
            return None
        direction, j = s.low(j), j + n
    m = s.place_at.get(j + 1) if s.is_(j, "copulas") else None
    if m is None:
        return None
    target = TargetRef(TargetKind.PLACE, m.name, name=m.name, span=m.span)
    return _Reach(target, direction, fig.i, m.j, "away-after-name")


def _same_place(anchor: AnchorRef | None, target: TargetRef | None) -> bool:
    if anchor is None or target is None or not target.name:
        return False
    return exact_key(anchor.text) == exact_key(target.name)


# ---------------------------------------------------------------------------- targets
def _reach(s: Sentence, fig: Figure) -> _Reach | None:
    """What the figure is measured to, by the target rules in order, or None."""
    named = _named_with_figure(s, fig)
    if named is not None:
        return named
    k = _past_asides(s, fig.j)
    if s.low(k - 1) == ")" and s.is_(k, "units"):
        k += s.is_(k, "units")  # "111 kilometres (69 mi) miles north of Batticaloa": a unit written twice
    unwritten = _relation_unwritten(s, fig, k) or _name_after_verb(s, fig, k)
    if unwritten is not None:
        return unwritten
    if s.is_(k, "apart_words"):
        return _apart(s, fig)
    if s.is_(k, "away_words") and s.low(k + 1) not in ("from", "of") and not s.is_(k + 1, "directions"):
        # "3 km off the Chinese coast", "20 nautical miles off Taiwan": 'off' before a target is a relation
        got = _relation(s, fig, k + 1, None) if s.is_(k, "relations") else None
        return got if got is not None else _away(s, fig, k + 1)
    k += s.low(k) == "away"
    direction, k = _direction(s, k)
    bare = _bare_direction(s, k) if direction is None else None
    if bare is not None:  # "In Houston, 200 miles east along the coast", "Tyre …, 26km north."
        return _away(s, fig, bare[1], direction=bare[0], rule="to-the-direction")
    if direction and s.low(k) == "to" and s.low(k + 1) == "the" and s.is_(k + 2, "directions"):
        return _away(s, fig, k + 3, direction=direction, rule="to-the-direction")
    if s.low(k) == "to" and s.low(k + 1) == "the" and s.is_(k + 2, "directions"):
        d = s.low(k + 2)
        if s.low(k + 3) in ("of", "from"):  # "280 km to the northeast of Baghdad": a relation, the target after it
            got = _relation(s, fig, k + 4, d)
            if got is not None:
                return got
        return _away(s, fig, k + 3, direction=d, rule="to-the-direction")
    if s.low(k) == "across":
        frm = next((x for x in range(k + 1, min(len(s), k + 6)) if s.low(x) == "from"), None)
        if frm is not None:
            target, end = read_target(s, frm + 1)
            return _Reach(target, direction, fig.i, end, "across-from") if target else None
        target, end = read_target(s, k + 1)
        if target is not None and target.kind is TargetKind.BORDER:  # "the town of Pajok, some 15 kilometres
            return _Reach(target, direction, fig.i, end, "relation")  # across the border": to the border
    n = s.is_(k, "relations")
    if n:
        return _relation(s, fig, k + n, direction)
    if s.is_(k, "separate_words") or (s.low(k) in ("lie", "lies") and s.low(k + 1) == "between") or \
            s.is_(k, "between_words"):  # "… more than 600 kilometers between Tashkent and Bukhara"
        return _between(s, fig, k)
    if s.low(k) == "over":  # "Newry, five miles over the border": over a border is past it, measured to it
        target, end = read_target(s, k + 1)
        if target is not None and target.kind is TargetKind.BORDER:
            return _Reach(target, direction, fig.i, end, "relation")
    return _distance_between(s, fig)


def _relation_unwritten(s: Sentence, fig: Figure, k: int) -> _Reach | None:
    """'It lies 15 km inland.' (from the coast of the anchor's country); 'just 25 Km away north-west Mogadishu'
    ('of' left out): a relation the text leaves unwritten."""
    if s.low(fig.j) == "inland" and not (s.is_(k, "relations") or s.is_(k, "away_words")):
        return _Reach(TargetRef(TargetKind.COAST, "the coast", span=s.span_of(fig.j, fig.j + 1)), None, fig.i,
                      fig.j + 1, "relation")
    n = s.is_(k + 1, "directions") if s.low(k) == "away" else 0
    if n and k + 1 + n < len(s) and s.tokens[k + 1 + n].is_cap and s.tokens[k + 1 + n].kind == "word":
        got = _relation(s, fig, k + 1 + n, s.low(k + 1))
        if got is not None and got.target is not None and got.target.kind is TargetKind.PLACE:
            return got
    return None


def _bare_direction(s: Sentence, k: int) -> tuple[str, int] | None:
    """(direction, the token after it) for a point of the compass written alone after the figure, at a clause's
    end or before 'along' ("200 miles east along the coast", "115km northeast."); None otherwise."""
    n = s.is_(k, "directions")
    if not n or len(s.low(k)) < 4 or not (s.low(k + n) in _BARE_AFTER or k + n >= len(s)):
        return None  # "N", "SE": abbreviations only before 'of'
    return "-".join(s.low(x) for x in range(k, k + n)), k + n


_BARE_AFTER = frozenset({".", ",", ";", "along", ")", "—", "–"})


def _named_with_figure(s: Sentence, fig: Figure) -> _Reach | None:
    """'Located between Arusha (46 km) and Moshi (40 km), the airport …': a figure alone in brackets right after
    a place's name is that place's distance (not a river's or a road's: that is its length)."""
    if s.low(fig.i - 1) != "(" or s.low(fig.j) != ")" or fig.paired_value is not None:
        return None
    m = next((m for m in s.mentions if m.j == fig.i - 1), None)
    if m is not None and m.is_region:  # "Blacklion, Co. Cavan (540 metres)": the county locates the place before it
        k = m.i - 1
        while k > 0 and (s.low(k) in (".", "in", "also") or s.is_(k, "region_prefixes")):
            k -= 1  # back over "also in Co."
        m = next((p for p in s.mentions if p.j == k and s.low(k) == "," and not p.is_region), None)
    if m is None or m.is_region or s.is_(m.j - 1, "length_things") or m.feature:
        return None
    ref = TargetRef(TargetKind.PLACE, m.name, name=m.name, span=m.span)
    return _Reach(ref, None, m.i, fig.j + 1, "named-with-figure")


def _past_asides(s: Sentence, k: int) -> int:
    """The token after what may stand between a figure and its relation: ', as the crow flies,'
    ('some 40 kilometres, as the crow flies, from Kharkiv') and 'inland', 'offshore', 'upstream'
    ('20 km inland from the front')."""
    if s.low(k) in (",", "(") and (n := s.is_(k + 1, "straight_words")) and s.low(k + 1 + n) in (",", ")"):
        k += n + 2
    return k + s.is_(k, "relation_asides")


def _about_target(before: list[Sentence]) -> TargetRef | None:
    """The place the sentences before are about, as a target ('… to its south')."""
    from .anchors import place_about

    about = place_about(before)
    return TargetRef(TargetKind.PLACE, about.text, name=about.text, span=about.span) if about is not None else None


def _previous_target(before: list[Sentence]) -> TargetRef | None:
    """The target of the last claim in the sentence before ("… 5 km from the border. Kupiansk is 40 km
    from it."): read again from that sentence's last figure."""
    from .figures import figures as figures_of

    for prev in before[:1]:
        figs = figures_of(prev)
        if figs:
            got = _reach(prev, figs[-1])
            return got.target if got is not None else None
    return None


def _route_ends(s: Sentence, fig: Figure) -> _Reach:
    """A route's 'from X to Y' after its figure ("the 180-km road journey from Vilnius to Minsk") or
    before it ("Driving from Sumy to Kharkiv, around 177km south")."""
    frm = s.any_in(fig.j, min(len(s), fig.j + 6), "from_words")
    if frm is None:
        frm = s.last_in(clause_start(s, fig.i), fig.i, "from_words")
    if frm is not None:
        got = _relation(s, fig, frm + 1, None)
        if got is not None:
            return replace(got, start=min(got.start, fig.i), end=max(got.end, fig.j)) if frm < fig.i else got
    return _Reach(None, None, fig.i, fig.j, "route")


_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})


def _direction(s: Sentence, k: int) -> tuple[str | None, int]:
    if s.low(k) in ("n", "s") and k + 1 < len(s) and s.tokens[k + 1].kind == "num" and s.low(k + 2) == "°" \
            and s.low(k + 3) in ("e", "w") and s.low(k + 4) in ("of", "from"):  # a bulletin's bearing, "S 81° W of"
        return f"{s.tokens[k].text} {s.tokens[k + 1].text}° {s.tokens[k + 3].text}", k + 4
    k += s.low(k) == "due" and bool(s.is_(k + 1, "directions"))  # "80 miles due west of downtown San Antonio"
    n = s.is_(k, "directions") or int(bool(s.low(k)) and all(p in _COMPASS for p in s.low(k).split("-")))
    if not n and s.is_(k, "direction_adjectives") and s.low(k + 1) in ("of", "from"):
        return s.low(k).removesuffix("ern"), k + 1  # "80 km northern of Amman"
    if not n:
        return None, k
    d = "-".join(s.low(x) for x in range(k, k + n) if s.low(x) != "/").replace("--", "-")
    if s.low(k + n) in ("of", "from", "off"):  # "49 km northwest off the island of Kasos"
        return d, k + n
    if s.low(k + n) == "to":
        return d, k + n
    return None, k


def _relation(s: Sentence, fig: Figure, k: int, direction: str | None) -> _Reach | None:
    target, end = read_target(s, k)
    if target is None and s.is_(k, "back_pronouns"):
        n = s.is_(k + 1, "directions") if s.low(k) == "its" and s.low(k - 1) == "to" else 0
        if n:  # "Lalitpur is 5km to its south": south of what 'its' refers to
            return _Reach(None, s.low(k + 1), fig.i, k + 1 + n, "target-pronoun", target_about=True)
        return _Reach(None, direction, fig.i, k + 1, "target-pronoun")
    if target is None:
        return None
    if s.low(k - 1) == "from" and s.low(end) == "to" and target.kind is TargetKind.PLACE and target.name:
        second, end2 = read_target(s, end + 1)
        if second is not None:
            anchor = AnchorRef(target.name, target.span)
            return _Reach(second, direction, fig.i, end2, "from-to", anchor, "from-to")
    swapped = _border_subject(s, fig, target, end, direction)
    return swapped or _Reach(target, direction, fig.i, end, "relation")


def _border_subject(s: Sentence, fig: Figure, target: TargetRef, end: int, direction: str | None) -> _Reach | None:
    """'The border is 5 km from X', 'the border, which is just 35 km from the capital': the
    clause's subject is the border, so the place after the figure is the anchor."""
    if target.kind is not TargetKind.PLACE or target.span is None:
        return None
    lo = clause_start(s, fig.i)
    at = next((x for x in range(fig.i - 1, max(lo, fig.i - 8) - 1, -1) if s.is_(x, "target_border")), None)
    if at is None or any(m.i > at and not m.is_region for m in s.mentions if m.j <= fig.i):
        return None
    if s.is_(at + 1, "back_heads"):  # "The border city is 150 miles south of …": a thing on the border
        return None
    first = at
    while first - 1 >= lo and s.tokens[first - 1].is_cap and s.low(first - 1) != "the":
        first -= 1  # "Tajikistan border is about 35 km from Samarkand", "the Russian border is …"
    if not (s.low(first - 1) == "the" or (first == lo and first < at)):
        return None
    if s.is_(first - 2, "locating_before") or (s.low(first - 2) != "," and any(
            m.j <= first and m.i >= lo and not m.is_region for m in s.mentions)):
        return None  # "Jalalabad, near the border with Pakistan, is 150 km east of Kabul": not the subject (", such
    # as New York, the border is about 50 miles away from the city of Buffalo": the border opens the clause)
    gap = [s.low(x) for x in range(at + 1, fig.i)]
    if not gap or not any(w in ("is", "lies", "runs", "was") for w in gap) or any(w in ("from", "of") for w in gap):
        return None
    from .targets import _caps_before, _split_and

    c = _caps_before(s, lo, at) if first < at else None
    begin = first - (s.low(first - 1) == "the")
    border = TargetRef(TargetKind.BORDER, s.chars(begin, at + 1), name=f"{c} border" if c else None,
                       countries=_split_and(c), span=s.span_of(begin, at + 1))
    anchor = AnchorRef(target.name or target.text, target.span)
    return _Reach(border, direction, begin, end, "border-subject", anchor, "border-subject")


_SUBJECT_WORDS = 8  # "The border with the Gaza Strip is 5 km away": a subject's words before its figure


def _away(s: Sentence, fig: Figure, end: int, *, direction: str | None = None, rule: str = "away-after-name"
          ) -> _Reach:
    """'North Korea—35 miles away', 'the front around six kilometres away', 'Kyiv, 144 km to the south'."""
    town = _town_after(s, end)
    if town is not None:  # "a harbour, located about 30 kilometres to the east in the neighbouring city of Tema"
        ref = TargetRef(TargetKind.PLACE, town.name, name=town.name, span=town.span)
        return _Reach(ref, direction, fig.i, town.j, rule)
    lo = clause_start(s, fig.i)
    for i in range(fig.i - 1, max(lo, fig.i - _SUBJECT_WORDS) - 1, -1):
        for kind, cls in ((TargetKind.LINE, "target_line"), (TargetKind.BORDER, "target_border")):
            if not s.is_(i, cls):
                continue
            first = i
            while first - 1 > lo and s.tokens[first - 1].is_cap and s.low(first - 1) != "the":
                first -= 1  # "The Ecuadorian border is less than 40 kilometers away"
            if s.low(first - 1) == "the":
                ref, _ = read_target(s, first - 1)  # "The border with Ecuador is …": the countries it names
                if ref is None or ref.kind is not kind:
                    ref = TargetRef(kind, s.chars(i - 1, i + s.is_(i, cls)), name=s.chars(i - 1, i + s.is_(i, cls)),
                                    span=s.span_of(i - 1, i + s.is_(i, cls)))
                return _Reach(ref, direction, first - 1, end, rule)
    names = [r for r in runs(s, lo, fig.i) if r[1] >= fig.i - 4]
    if s.low(fig.i - 2) == "the" and s.is_(fig.i - 1, "target_town_words") and not (names and names[-1][1] == fig.i):
        # "… as hard as parts of the capital 20 miles away": a town word the text does not name
        ref = TargetRef(TargetKind.PLACE, s.chars(fig.i - 2, fig.i), span=s.span_of(fig.i - 2, fig.i))
        return _Reach(ref, direction, fig.i - 2, end, rule)
    if not names:
        return _Reach(None, direction, fig.i, end, rule)
    i, j = names[-1]
    locator = None
    if len(names) >= 2 and [s.low(x) for x in range(names[-2][1], i)] == [","] and _state_abbreviation(s.chars(i, j)):
        locator, (i, j) = s.chars(i, j), names[-2]  # "Las Cruces, N.M., 46 miles to the northwest"
    j += max(s.is_(j, kind) for kind in _FACILITY_KINDS)  # "Charles de Gaulle airport is 14 miles away": the airport
    if s.low(i - 1) == "of" and s.is_(i - 2, "target_coast"):  # "The coast of Morocco lies 16 km to the south"
        start = i - 2 - (s.low(i - 3) == "the")
        ref = TargetRef(TargetKind.COAST, s.chars(start, j), name=s.chars(i, j), span=s.span_of(start, j),
                        countries=(s.chars(i, j),))
        return _Reach(ref, direction, start, end, rule)
    ref = TargetRef(TargetKind.PLACE, s.chars(i, j), name=s.chars(i, j), span=s.span_of(i, j), locator=locator)
    return _Reach(ref, direction, i, end, rule)


def _town_after(s: Sentence, end: int) -> Mention | None:
    """The town named after 'in/at' or 'in/at the (neighbouring) city of' right after 'N km away' or 'N km to the
    east': where the thing measured lies, so the end the figure reaches."""
    if s.low(end) not in ("in", "at"):
        return None
    named = s.place_at.get(end + 1)
    if named is not None and not named.is_region and not LEXICON.names_a_country(named.name):
        return named  # "the three-day equestrian events are 90 miles to the north in Karuizawa"
    k = end + 1 + (s.low(end + 1) == "the")
    h = next((x for x in range(k, min(len(s), k + _DESCRIPTION_GAP)) if s.is_(x, "target_town_words")), None)
    if h is None or s.low(h + 1) != "of" or any(s.tokens[x].is_cap or s.tokens[x].kind != "word" for x in range(k, h)):
        return None
    return s.place_at.get(h + 2)


_DESCRIPTION_GAP = 4  # "in the neighbouring port city of": the words before the town word


def _state_abbreviation(text: str) -> bool:
    """'N.M.', 'Ga.', 'Calif.': a state's abbreviation as news writes it after a town."""
    low = text.strip().lower()
    return low in LEXICON.admin1_abbreviations or f"{low}." in LEXICON.admin1_abbreviations


def _apart(s: Sentence, fig: Figure) -> _Reach | None:
    """'Osh and Jalalabad—are just 30 miles apart'."""
    pair = _pair_before(s, fig.i)
    if pair is None:
        return _Reach(None, None, fig.i, fig.j + 1, "apart")
    (a, b) = pair
    anchor = AnchorRef(s.chars(*a), s.span_of(*a))
    target = TargetRef(TargetKind.PLACE, s.chars(*b), name=s.chars(*b), span=s.span_of(*b))
    return _Reach(target, None, a[0], fig.j + 1, "apart", anchor, "apart")


def _pair_before(s: Sentence, i: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    names = runs(s, clause_start(s, i), i)
    for x in range(len(names) - 1, 0, -1):
        a, b = names[x - 1], names[x]
        gap = [s.low(t) for t in range(a[1], b[0])]
        if gap in (["and"], ["and", "the"], [",", "and"]):
            return a, b
    return None


def _between(s: Sentence, fig: Figure, k: int) -> _Reach | None:
    """'40 km lie between Vilnius and Belarus', '65 km separate A from B'."""
    names = runs(s, k, len(s))
    if not names:
        return None
    a = names[0]
    feature = "island" if s.low(a[1]) in ("island", "isle") else None
    rest = [r for r in names[1:] if not s.in_aside(r[0], len(s))]  # "Mong Cai (Quang Ninh province) and …"
    after_and = [r for r in rest if s.any_in(a[1], r[0], "between_words") is None
                 and any(s.low(x) == "and" for x in range(a[1], r[0]))
                 and (s.low(r[0] - 1) in ("and", "the") or s.is_(r[0] - 1, "directions"))]
    b = (after_and or rest[:1] or [None])[0]
    if b is None:
        return None
    anchor = AnchorRef(s.chars(*a), s.span_of(*a), feature)
    target, end = read_target(s, b[0] - bool(s.is_(b[0] - 1, "directions")))  # "and north Dien Bien": a part
    return _Reach(target, None, fig.i, end, "between", anchor, "between") if target else None


def _distance_between(s: Sentence, fig: Figure) -> _Reach | None:
    """'the distance between X and Y is 65 km', 'the distance from X to Y … is 1,593 km' (the figure
    after its two ends)."""
    lo = clause_start(s, fig.i)
    frm = s.last_in(lo, fig.i, "from_words")
    if frm is not None and s.any_in(max(lo, frm - 3), frm, "distance_words") is not None:
        return _distance_from_to(s, fig, frm) or _distance_from(s, fig, frm)
    seg = max(lo, (s.last_of(frm, _PHRASE_MARKS) or -1) + 1) if frm is not None else lo
    if frm is not None and all(s.is_(x, "clause_openers") or s.tokens[x].kind == "punct" for x in range(seg, frm)):
        opening = _from_to_before(s, fig, frm)
        if opening is not None:
            return opening
    at = s.last_in(lo, fig.i, "between_words")
    if at is None or s.any_in(max(lo, at - 3), at, "distance_words") is None:
        return None
    pair = _pair_before(s, fig.i)
    if pair is None or pair[0][0] < at:
        return _distance_between_and(s, fig, at) or _Reach(None, None, fig.i, fig.j, "between")
    a, b = pair
    target = TargetRef(TargetKind.PLACE, s.chars(*b), name=s.chars(*b), span=s.span_of(*b))
    return _Reach(target, None, a[0], fig.j, "between", AnchorRef(s.chars(*a), s.span_of(*a)), "between")


def _distance_between_and(s: Sentence, fig: Figure, at: int) -> _Reach | None:
    """'The distance between the Georgian capital and the city of Telavi is just over 80 km': two target phrases
    (a description, a town word and its name) joined by 'and'; the first is the anchor."""
    first, end = read_target(s, at + 1)
    if first is None or first.kind is not TargetKind.PLACE or s.low(end) != "and":
        return None
    second, _ = read_target(s, end + 1)
    if second is None or not (first.name or "capital" in first.text.lower().split()):
        return None
    return _Reach(second, None, at - 2 if at >= 2 else at, fig.j, "between",
                  AnchorRef(first.name or first.text, first.span), "between")


_PHRASE_MARKS = frozenset({",", ";", ":", "—", "–"})


def _from_to_before(s: Sentence, fig: Figure, frm: int) -> _Reach | None:
    """'From Goma to Bukavu is about 100 km', 'because from here to Pundanhar it is 54km': the two ends before
    the figure, with only a verb of being (and 'it') between them and it; 'here' is the place the text is
    about."""
    here = s.low(frm + 1) == "here"
    first, end = (None, frm + 2) if here else read_target(s, frm + 1)
    if (first is None and not here) or s.low(end) != "to":
        return None
    second, end2 = read_target(s, end + 1)
    if second is None or second.kind is not TargetKind.PLACE or not second.name or end2 >= fig.i or not all(
            s.is_(x, "copulas") or s.low(x) in ("it", ",") for x in range(end2, fig.i)):
        return None
    if here:
        return _Reach(second, None, frm, fig.j, "from-to", from_context=True)
    if first.kind is not TargetKind.PLACE or not first.name:
        return None
    return _Reach(second, None, frm, fig.j, "from-to", AnchorRef(first.name, first.span), "from-to")


def _distance_from_to(s: Sentence, fig: Figure, frm: int) -> _Reach | None:
    first, end = read_target(s, frm + 1)
    if first is None or s.low(end) != "to":
        return None
    second, _ = read_target(s, end + 1)
    if second is None:
        return None
    anchor = AnchorRef(first.name or first.text, first.span) if first.kind is TargetKind.PLACE and first.name else None
    if anchor is None and second.kind is TargetKind.PLACE and second.name:
        # "the distance from the Ukrainian border to Yelabuga": the town is the anchor, the border the target
        anchor, second = AnchorRef(second.name, second.span), first
    return _Reach(second, None, frm - 2 if frm >= 2 else frm, fig.j, "between", anchor, "between")


def _distance_from(s: Sentence, fig: Figure, frm: int) -> _Reach | None:
    """'The distance from Batumi is approximately 18 kilometers': the place after 'from' is the target; what
    it is measured from is what the text is about (read as 'it')."""
    target, end = read_target(s, frm + 1)
    if target is None or target.kind is not TargetKind.PLACE or not target.name:
        return None
    if not all(s.is_(x, "copulas") or s.is_(x, "hedges") for x in range(end, fig.i)) or end == fig.i:
        return None
    return _Reach(target, None, frm - 2 if frm >= 2 else frm, fig.j, "between", from_context=True)


def clause_start(s: Sentence, i: int) -> int:
    """The first token of the clause holding token ``i``: after the last ';' or ':' before it outside brackets
    ("Zwoleń (Yiddish: Zvolin) is …": the colon is the aside's)."""
    k = s.last_of(i, _CLAUSE_ENDS)
    while k is not None and s.in_aside(k, i):
        k = s.last_of(k, _CLAUSE_ENDS)
    return 0 if k is None else k + 1


# ---------------------------------------------------------------------------- anchors
def _anchor_for(s: Sentence, fig: Figure, reach: _Reach, prev: Reading | None, before: list[Sentence]
                ) -> tuple[AnchorRef | None, str, str | None]:
    """(anchor, rule id, why not checkable) for the figure."""
    from .anchors import find_anchor

    if reach.anchor is not None:
        return reach.anchor, reach.anchor_rule or reach.rule, None
    if prev is not None and (prev.anchor is not None or prev.why_not) and (
            _joined(s, prev.end, reach.start) or _bearings_in_brackets(s, prev, reach)):
        return prev.anchor, "shared-anchor", prev.why_not
    if reach.rule == "named-with-figure":  # "Located between Arusha (46 km) and Moshi (40 km), the airport …"
        from .anchors import subject_after

        after = subject_after(s, reach.end, before)
        if after is not None:
            return after
    if reach.from_context:  # "The distance from Batumi is 18 km": from what the text is about
        from .anchors import referent_of_it

        return referent_of_it(s, before)
    if reach.rule in ("to-the-direction", "away-after-name") and reach.target is not None:
        first = next((m for m in mentions_in(s, 0, reach.start) if not m.is_region), None)
        if first is not None and first.i == 0:
            return AnchorRef(first.name, first.span, first.feature), "subject", None
    found = find_anchor(s, fig, reach.start, reach.end, before)
    if found[1] == "no-anchor" and reach.rule in _IMPLIED_END and reach.target is not None and (
            (reach.target.name and reach.target.kind in (TargetKind.PLACE, TargetKind.COAST))
            or reach.target.kind is TargetKind.BORDER):
        # "Mandalay, …, which lies just 64 kilometers to the west": of the place the text is about
        from .anchors import place_about

        about = place_about(before)
        if about is not None and not _same_place(about, reach.target):
            return about, "back-reference", None
    return found


_IMPLIED_END = frozenset({"to-the-direction", "away-after-name"})  # 'N km away', 'N km to the west': from where?



_APPOSITION_WORDS = 8  # ", the nearest Ukrainian town," between two figures: a short noun phrase
_JOIN_WORDS = frozenset({",", ")", "and", "while", "but", "is", "lies", "about", "around", "some", "roughly",
                         "just", "only", "nearly", "almost", "approximately", "(", "—", "–", "or", "also", ";"})


def _bearings_in_brackets(s: Sentence, prev: Reading, reach: _Reach) -> bool:
    """"It is served by Port Bell (10 km east) on Lake Victoria and by the airport at Entebbe (34 km
    south-southwest)": bearings in brackets after the names of one clause are all given from one place."""
    return reach.rule == "to-the-direction" and "to-the-direction" in prev.rules and s.low(prev.end) == ")" \
        and s.low(reach.end) == ")" and clause_start(s, reach.start) <= prev.start


def _joined(s: Sentence, prev_end: int, start: int) -> bool:
    """The tokens between the previous claim and this one only join them ("… and 90 km from …",
    "… of Iraklion, Crete; 220 km …": a name after a comma only locates the previous target)."""
    gap = list(range(prev_end, start))
    if len(gap) > 3 and s.low(prev_end) == "," and s.low(prev_end + 1) in ("the", "a", "an"):
        # "… off the coast of Vylkove, the nearest Ukrainian town, and 300 km west of Crimea": an
        # apposition to the previous target sits between the two figures
        close = next((x for x in gap[2:] if s.low(x) == ","), None)
        if close is not None and close - prev_end <= _APPOSITION_WORDS and \
                all(s.tokens[x].kind != "num" for x in range(prev_end, close)):
            gap = gap[close - prev_end:]
            if [s.low(x) for x in gap] == [","]:
                return False  # "… from Istanbul to Edirne, the last stop, 9 kilometers from …": Edirne's own figure
    if len(gap) > 8:
        return False
    feature = CLASSES.match(s.tokens, prev_end, "features") if gap else 0
    for x in gap:
        if s.low(x) in _JOIN_WORDS or (s.low(x) in ("in", "with") and s.tokens[x + 1].is_cap):
            continue
        if x < prev_end + feature or (x == start - 1 and s.low(x) == "at" and s.low(x - 1) in (",", "and")):
            continue  # "… from the border at Kalotino checkpoint, at 113 km from …": the list goes on
        if not (s.tokens[x].is_cap and (s.low(x - 1) in (",", "(", "in", "with") or s.tokens[x - 1].is_cap)):
            return False  # a name after a comma or 'in' locates the previous target; in brackets it shortens it
    return True


def mentions_in(s: Sentence, lo: int, hi: int, *, lenient: bool = False) -> list[Mention]:
    """The sentence's place-like names whose tokens lie in ``[lo, hi)``."""
    found = s.lenient_mentions if lenient else s.mentions
    return [m for m in found if m.i >= lo and m.j <= hi]

