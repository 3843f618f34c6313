"""The rule families that `figures.classify.classify` tries, one module each.

- `vocabulary`: subject groups, word alternations from the lexicons, the metric of a trigger;
- `filters`: numbers that are no figure (ages, dates, designations, years, "one" as a pronoun);
- `phrases`: the noun phrase a number counts, and what the sentence has said so far;
- `triggers`: the verb or outcome noun that governs a number, after it or before it (tolls,
  "among the dead were", "attacked with");
- `fallbacks`: list items, shared predicates, anaphors, fact-box cells and troop counts.

Each family's capability table is in `tests/test_capabilities.py`.
"""
