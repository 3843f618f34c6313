"""Decide what each number of a sentence counts (metric, subject, unit), or that it is no figure.

`classify` is the one verb: it tries the rule families of `figures/rules/` in order (filters,
the noun phrase, triggers after and before the number, fallbacks, then shared predicates); the
words live in `lexicons/*.csv`. A number becomes a figure through one of these rules, whose id
lands in the `rule` column:

- `area`: a number with an area unit ("1,300 km²") in a sentence about control, fire or flood;
- `own_trigger`: the metric stands after the number and its noun ("66 drones were destroyed",
  "292 deaths", "10 homes damaged");
- `verb_before`: an active verb or noun before it governs it ("killing 4", "death toll rose to 89");
- `partitive`: "15 of the 22 drones ... were downed" (and the 22 is what was launched);
- `list`: a number listed after a figure takes its metric ("killed 38, 24 in El Tarf"), and a
  list item takes the verb of the item after it ("Three guards, 8 visitors and one cook were
  killed");
- `label`: a header names the metric ("LOSSES: 720 homes");
- `anaphor`: "this figure could be over 700,000" takes the metric of the figure before;
- `label`: also a table or fact-box cell before the number ("Wounded | 58", "Deaths42");
- `troops`: a troop count with no other verb, or "a 3,000-strong force", is a deployment;
- `all_launched`: "shot down all 29 drones" also says 29 were launched.

Overlaps follow one policy: the number layer keeps the longest span, then the earliest; here the
metric next to the number wins over one farther away.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import regex

from .lexicons import Pattern
from .records import Label, NumberMention, Sentence
from .rules.fallbacks import (
    OTHER_VERB,
    each_place,
    fallback,
    shared_predicates,
    with_noun,
)
from .rules.filters import (
    LIST_GOES_ON,
    REFUSED_LIST,
    not_figure,
)
from .rules.phrases import (
    Context,
    read_phrase,
)
from .rules.triggers import (
    candidates,
    choose,
)
from .rules.vocabulary import (
    GROUPS,
    METRIC_ANYWHERE,
    make_label,
    mask_numbers,
    metric_of,
)
from .units import UNIT_LABEL, Area, area_of, restates_an_area

# "a 3,000-strong force", "the 800-strong contingent": the number counts troops.
STRONG_FORCE = Pattern(
    r"[-‐\s]strong\s+(?:[\w’'-]+\s+){0,2}?(?:force|forces|strike\s*force|brigade|contingent"
    r"|battalion|detachment|unit|mission|army|garrison|deployment|task\s+force)\b",
    regex.IGNORECASE,
)
ALL_BEFORE = Pattern(r"\ball\s+$", regex.IGNORECASE)
SUBSET_LEAD = Pattern(
    r"\b(?:including|among\s+(?:them|whom|those|these))\s+$", regex.IGNORECASE | regex.REVERSE
)


def _classify_one(masked: str, mention: NumberMention, ctx: Context) -> list[Label]:
    """The labels of one number: an area, else the nearest trigger that fits, else a fallback."""
    area = area_of(masked, mention)
    if area:
        return _area(masked, mention, area)
    if STRONG_FORCE.match(masked, mention.end):  # "a 3,000-strong force": a deployment
        return [make_label(mention, "deployed", "troops", "troops")]
    phrase = read_phrase(masked, mention, ctx)
    ctx.phrases[mention.start] = phrase
    if phrase.labels is not None:
        return phrase.labels
    for surface, rule in candidates(masked, mention, phrase):
        chosen = choose(surface, phrase)
        if chosen is None:
            continue
        metric, subject = chosen
        labels = [make_label(mention, metric, subject, rule)]
        if (
            metric == "destroyed"
            and GROUPS[subject] == "weapons"
            and ALL_BEFORE.search(masked, max(0, mention.start - 8), mention.start)
        ):
            labels.append(make_label(mention, "launched", subject, "all_launched"))
        return each_place(masked, mention, labels)
    if phrase.unknown_noun:
        return []
    if phrase.noun_metric and not OTHER_VERB.match(masked, phrase.end):
        # "took 40 hostages": no verb, the noun is the outcome (not "40 hostages were freed")
        found = metric_of(phrase.noun_metric, "people")
        if found and phrase.subject:
            return [make_label(mention, found[0], phrase.subject, "own_trigger")]
    return fallback(masked, mention, ctx, phrase)


def _area(masked: str, mention: NumberMention, area: Area) -> list[Label]:
    """An area figure in km², when the sentence is about control, fire or flood."""
    if restates_an_area(masked, mention.start):
        return []
    if not METRIC_ANYWHERE.search(masked) and not UNIT_LABEL.search(masked[: mention.start]):
        return []
    low, high = area.km2(mention.low), area.km2(mention.high)
    return [Label("area", "land", "km2", "area", area.end, area.km2(mention.value), low, high)]


def classify(
    sentence: Sentence,
    mentions: Sequence[NumberMention],
    previous: Label | None = None,
    columns: Mapping[int, str] | None = None,
) -> list[tuple[NumberMention, Label]]:
    """Label each number of `sentence` that is an incident figure; `previous` is the last figure
    of the sentence before (for "38 of them"), `columns` the table column label of each number
    of a table row, by its start.

    Mentions index `sentence.text`. Numbers that are not figures are left out.
    """
    ctx = Context(sentence, previous, columns)
    masked = mask_numbers(sentence.text, mentions)
    labelled: list[tuple[NumberMention, list[Label]]] = []
    for mention in mentions:
        gap = sentence.text[ctx.refused_end : mention.start] if ctx.refused_end >= 0 else ""
        listed = gap.strip() == "," and LIST_GOES_ON.match(sentence.text, mention.end)
        if (ctx.refused_end >= 0 and (REFUSED_LIST.fullmatch(gap) or listed)) or not_figure(
            sentence.text, mention
        ):
            ctx.refused_end = mention.end
            labelled.append((mention, []))
            continue
        labels = _classify_one(masked, mention, ctx)
        labelled.append((mention, labels))
        if labels and not SUBSET_LEAD.search(masked, max(0, mention.start - 12), mention.start):
            # "1,100 killed, including 280 children, and 3,400 injured": the 3,400 are not children
            ctx.last = labels[0]
    if len(labelled) > 1:
        shared_predicates(masked, labelled, ctx)
    return [
        (mention, with_noun(label, sentence.text, ctx.phrases.get(mention.start)))
        for mention, labels in labelled
        for label in labels
    ]
