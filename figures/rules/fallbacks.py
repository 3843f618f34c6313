"""Numbers no trigger governs: list items ("killed 38, 24 in X"), items sharing the verb after
them ("Three guards, 8 visitors and one cook were killed"), anaphors, fact-box cells
("Wounded | 58", "Deaths42"), troop counts; and the places of "one each in A and B"."""

from __future__ import annotations

from dataclasses import replace

import regex

from ..context import row_cells
from ..lexicons import (
    METRIC_WORDS,
    PLACE_NOUNS,
    SUBJECT_WORDS,
    Pattern,
)
from ..records import Label, NumberMention
from .phrases import (
    OF_THEM,
    Context,
    Phrase,
)
from .vocabulary import (
    CASUALTIES,
    DEFAULT_SUBJECT,
    GROUPS,
    METRIC_ANYWHERE,
    QUALIFIER_RE,
    make_label,
    metric_of,
    subject_of,
)

# "19 soldiers were returned", "40 troops surrendered": a verb we do not count, not a deployment.
OTHER_VERB = Pattern(
    r"\s+(?:(?:were|was|have|has|had|been|being|are|is|reportedly|later)\s+)*[a-z]+ed\b"
)
# "the army has 150,000 soldiers and 80,000 reservists": a size, even for the second item
HAS_BEFORE = Pattern(
    r"\b(?:has|have|had|having|with|employs|numbers)\s+(?:\w+\s+){0,2}"
    r"(?:#+(?:\s+\w+){0,3}\s*(?:,|and)\s+(?:\w+\s+){0,2})*$"
)
# "caps the army at 85,000 troops", "grow by 180,000 troops": a level or a change of a size.
LEVEL_BEFORE = Pattern(
    r"\b(?:cap|limit|grow|increase|expand|boost|raise|cut|reduce|shrink)\w*\b[^.;]{0,60}"
    r"\b(?:at|by|to)\s+(?:[a-z]+\s+){0,2}$"
)
# "a crew of 90 soldiers", "out of a total of 850", "losses of up to 1,200 servicemen"
SIZE_OF = Pattern(
    r"\b(?:crew|total|strength|size|capacity)\s+of\s+(?:[a-z]+\s+){0,2}$"
    r"|\blosses\b[^.;#]{0,40}$"  # "losses amounted to up to 230 servicemen"
)
PREDICATE = Pattern(r"\s+(?:were|are|was|is)\s+(?P<word>[A-Za-z]+)")
# "Brigade 45", "Flight 17": a bare number after a name is a designation, not a count.
NAME_BEFORE = Pattern(r"(?<![.!?:]\s*)\b[A-Z][a-z]+\s$", regex.REVERSE)
ANAPHOR = Pattern(
    r"\b(?:this|that|the)\s+(?:figure|number|toll|tally|total|estimate)\b[^#.;]{0,40}$",
    regex.IGNORECASE,
)
# The cell of a table or fact box just before the number: "Wounded | 58", "Injuries: 31", and
# scraped infobox text whose label runs into the number ("Deaths42").
CELL_LABEL = Pattern(
    r"(?:^|[|;•\t]|(?<=#),?\s)[^\w|;]*(?P<label>[A-Za-z][A-Za-z’' ]{1,40}?)"
    r"(?:\s*[:|\t]\s*|(?<=[a-z]))$",
    regex.REVERSE,
)
# "Fatalities 12 Injuries 40": in scraped infobox text a lone outcome word heads its number.
BARE_CELL = Pattern(r"(?:^|[|;•\t]|(?<=#)\s)\W*(?P<label>[A-Z][a-z]+)\s+$", regex.REVERSE)
# "arrested 20", "rescued 40": a number right after a verb we do not count is its object; but
# what was reported, confirmed or estimated is still the figure.
REPORTED = frozenset(
    "reported confirmed recorded estimated counted registered documented assessed listed "
    "verified tallied noted logged identified announced cited claimed stated".split()
)
OBJECT_OF = Pattern(
    rf"(?<![\w-])(?P<verb>(?-i:[a-z]+ed))\s+(?:the\s+)?(?:(?:{QUALIFIER_RE})\s+)?$",
    regex.IGNORECASE | regex.REVERSE,
)
# "dozens missing, thousands of people who could not return home": an item with its own clause
# is not the list's.
RELATIVE = Pattern(r"(?:\s+of\s+[\w’'-]+)?\s+(?:who|that|which)\b")
# "Three guards, 8 visitors and one cook were killed": items before the last share its verb.
SHARED_GAP = Pattern(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# "120 passengers, 30 of whom are missing": the second counts a part of the first, whose
# predicate it is not.
PART_OF_BEFORE = Pattern(r"\s+of\s+(?:whom|which|them|these|those)\b", regex.IGNORECASE)
LIST_LEAD = Pattern(  # "93 missiles and around 200 drones", "killed 38, 24 in El Tarf"
    rf"(?::|,|\band|\bincluding|,\s*of\s+(?:whom|which)|;|\bwith|\baccount(?:ing|ed|s)?\s+for"
    rf"|\bamong\s+(?:them|whom|those|these)|\bas\s+(?:did|do|does|were|was|have|had|has))"
    rf"\s+(?:(?:{QUALIFIER_RE})\s+)?$",
    regex.IGNORECASE | regex.REVERSE,
)
WORDS = Pattern(r"[\w’'-]+")
EACH_PLACES = Pattern(r"\s+each\s+(?:over|in|at|on)\s+(?P<places>[^.;:#]+)", regex.IGNORECASE)
LIST_SPLIT = Pattern(r",\s*(?:and\s+)?|\s+and\s+")


def fallback(masked: str, mention: NumberMention, ctx: Context, phrase: Phrase) -> list[Label]:
    """No verb governs the number: a table cell, a list item, an anaphor, a header, or a troop
    count."""
    subject = phrase.subject
    if OTHER_VERB.match(masked, phrase.end):  # "30 were rescued": a verb we do not count
        return []
    column = ctx.columns.get(mention.start)  # "Sindh | 12 | 30" under "Province | Dead | ..."
    # and the row's first cell may name what is counted: "Shahed drones | 128 | 96" under
    # "Weapon | Launched | Shot down"
    if column and (labels := _from_label(f"{column} | {row_cells(masked)[0]}", mention, phrase)):
        return labels
    prior = masked[max(0, mention.start - 30) : mention.start]
    cell = _cell(masked, mention.start, prior)
    if cell and (labels := _from_label(cell, mention, phrase)):
        return labels
    verb = "ed " in prior and OBJECT_OF.search(masked, max(0, mention.start - 30), mention.start)
    if verb and verb.group("verb") not in REPORTED and verb.group("verb") not in METRIC_WORDS:
        return []  # "arrested 20", "rescued 40": the object of a verb we do not count
    # "thousands who could not return home" has its own clause; "including 400 who fled" not
    own_clause = RELATIVE.match(masked, phrase.end) and "including" not in prior
    if (
        ctx.last
        and not own_clause
        and LIST_LEAD.search(masked, max(0, mention.start - 30), mention.start)
    ):
        labels = [make_label(mention, ctx.last.metric, subject or ctx.last.subject, "list")]
        return each_place(masked, mention, labels)
    anchor = ctx.last or ctx.previous
    if anchor and (OF_THEM.match(masked, mention.end) or phrase.fronted):
        # "Two of them are in serious condition", "Of them, 12 were children"
        said = PREDICATE.match(masked, phrase.end)
        if said and said.group("word").lower() in SUBJECT_WORDS:
            subject = subject_of(said.group("word"))
        return [make_label(mention, anchor.metric, subject or anchor.subject, "partitive")]
    if anchor and ANAPHOR.search(masked, max(0, mention.start - 60), mention.start):
        return [make_label(mention, anchor.metric, subject or anchor.subject, "anaphor")]
    if ctx.label and (labels := _from_label(ctx.label, mention, phrase)):
        return labels
    subject = subject or phrase.left_subject
    named = phrase.inherited and NAME_BEFORE.search(
        masked, max(0, mention.start - 20), mention.start
    )
    if (
        subject in ("troops", "soldiers")
        and not named
        and not HAS_BEFORE.search(masked, max(0, mention.start - 60), mention.start)
        and not LEVEL_BEFORE.search(masked, max(0, mention.start - 30), mention.start)
        and not SIZE_OF.search(masked, max(0, mention.start - 30), mention.start)
    ):  # "the army has 150,000 soldiers", "caps it at 85,000 troops": a size, not a deployment
        return [make_label(mention, "deployed", subject, "troops")]
    return []


def _cell(masked: str, start: int, prior: str) -> str | None:
    """The label of the table cell or fact-box line just before the number, if any."""
    tail = prior.rstrip()
    if tail[-1:] in (":", "|") or "\t" in prior[-3:] or prior[-1:].isalpha():
        cell = CELL_LABEL.search(masked, max(0, start - 60), start)
        if cell:
            return cell.group("label")
    if tail[tail.rfind(" ") + 1 : tail.rfind(" ") + 2].isupper():
        bare = BARE_CELL.search(masked, max(0, start - 30), start)  # an outcome word alone
        return bare.group("label") if bare and bare.group("label").lower() in METRIC_WORDS else None
    return None


def _from_label(text: str, mention: NumberMention, phrase: Phrase) -> list[Label]:
    """The figure a header or cell label names: "LOSSES: 720 homes", "Deaths: 3,455"."""
    words = WORDS.findall(text)
    if any(w.lower() in PLACE_NOUNS for w in words):
        return []  # "Villages affected: 57" counts places
    named = next((subject_of(w) for w in reversed(words) if w.lower() in SUBJECT_WORDS), None)
    # The label's own noun outranks one borrowed from the cell before, which a label that
    # names another kind of outcome drops ("Missing: 6 | Houses destroyed: 212 | Evacuees: 80").
    subject = (named or phrase.subject) if phrase.inherited else (phrase.subject or named)
    in_text = list(METRIC_ANYWHERE.finditer(text))
    in_label = in_text[0] if in_text else None
    group = GROUPS[subject] if subject else None
    found = metric_of(in_label.group("metric"), group) if in_label else None
    if found is None and in_label and phrase.inherited and not named:
        found, subject = metric_of(in_label.group("metric"), None), None
    outcomes = {metric_of(m.group("metric"), "people") for m in in_text}
    if found and len({o[0] for o in outcomes if o and o[0] in CASUALTIES}) > 1:
        found = "other_incident", found[1]  # "Dead or missing: 300", one count of both
    subject = subject or (DEFAULT_SUBJECT.get(found[1] or "") if found else None)
    return [make_label(mention, found[0], subject, "label")] if found and subject else []


def each_place(masked: str, mention: NumberMention, labels: list[Label]) -> list[Label]:
    """'one each over A, B and C' gives one row per place."""
    each = EACH_PLACES.match(masked, mention.end)
    if not each:
        return labels
    places = tuple(p.strip() for p in LIST_SPLIT.split(each.group("places")) if p.strip())
    return [replace(label, places=places) for label in labels]


def shared_predicates(
    masked: str, labelled: list[tuple[NumberMention, list[Label]]], ctx: Context
) -> None:
    """Give an unlabelled list item the verb of the item after it, right to left: "Three
    guards, 8 visitors and one cook were killed" (the verb reached only the last two)."""
    for k in range(len(labelled) - 2, -1, -1):
        mention, labels = labelled[k]
        following, after = labelled[k + 1]
        phrase = ctx.phrases.get(mention.start)
        if labels or not after or phrase is None or phrase.subject is None:
            continue
        shared = after[0]
        if (
            shared.rule in ("own_trigger", "list")
            and GROUPS[phrase.subject] == GROUPS[shared.subject]
            and SHARED_GAP.fullmatch(masked, phrase.end, following.start)
            and not PART_OF_BEFORE.match(masked, following.end)
        ):
            labelled[k] = (mention, [make_label(mention, shared.metric, phrase.subject, "list")])


def with_noun(label: Label, text: str, phrase: Phrase | None) -> Label:
    """The label with the noun phrase its number counts, as written ("coal miners")."""
    if phrase is None or phrase.noun is None or label.unit != "count":
        return label
    start, end = phrase.noun
    return replace(label, noun=text[start:end].strip() or None)
