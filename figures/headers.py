"""A document's own header and closing line: the outlet that carried it and its published date.

The header block is the first lines of a text: a Markdown title ("# ..."), metadata lines in any
order ("Source: ...", "Date: ...", "date 2025-04-26"), then the first lines of the body, where a
wire's dateline stands ("KYIV (Reuters) -", "MOSCOW, May 9. /TASS/.", "Kyiv, Ukraine — CNN —").
A closing line counts as a byline only when it names an outlet of `lexicons/outlets.csv`, so
page furniture ("Read More", "Advertisement", "Updated") never becomes a source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from .lexicons import Pattern, _table, alternation, normalise

# Outlets as written ("CNN", "BBC News"); a byline is compared in lower case.
OUTLETS: dict[str, str] = _table(
    "outlets.csv", lambda row: row["outlet"], lambda row: row["outlet"]
)
_BYLINES = {normalise(outlet): outlet for outlet in OUTLETS}

HEAD = 2_000  # characters searched for the header block
BODY_LINES = 2  # body lines searched for a dateline: a title without "#" may come first

META = Pattern(
    r"""
    [\s*_>]*+                                            # Markdown decoration: "**Source:**"
    (?:
        (?P<key>source|by|date|dated|published|updated|posted)
        [*_]*+\s*+:[*_\s]*+(?P<value>.*)                 # "Source: Reuters", "Date: 2025-04-26"
      | (?P<bare>date|dated|published)\s++
        (?P<iso>\d{4}-\d{2}-\d{2})(?P<rest>.*)           # "date 2025-04-26 Kyiv: ..."
    )
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
DATELINE = Pattern(
    r"""
    (?:[A-Z][\w.'’-]*+,?\s++){0,6}+                      # the place: "KYIV", "KYIV, Ukraine"
    \((?P<paren>[A-Z][\w&.'’ /-]{0,30}+)\)\s*+[-–—:]     # "(Reuters) -", "(CBS SF) –", "(CNN)—"
    | [^\n/]{0,60}+/(?P<slash>[A-Z][A-Za-z]{1,11})/      # "MOSCOW, November 16. /TASS/."
    | (?:[A-Z][\w.'’-]*+,?\s++){0,6}(?:[-–—]\s*+)?        # "Kyiv, Ukraine — CNN —", "CNN - "
      (?P<dash>"""
    + alternation(OUTLETS)
    + r""")\s*+[-–—]""",
    regex.VERBOSE,
)
ISO_DATE = Pattern(r"(?P<date>\d{4}-\d{2}-\d{2})(?=[T\s]|\Z)")
# pandas stores dates as nanoseconds, which reach from 1677 to 2262; a margin is left for the
# event dates read against `published` ("a week ago").
EARLIEST, LATEST = dt.date(1700, 1, 1), dt.date(2200, 12, 31)


@dataclass(frozen=True, slots=True)
class Header:
    """What a text says of itself: outlet or byline, published date, and a note on a date line
    that could not be read."""

    source: str | None = None
    published: str | None = None
    note: str | None = None


def iso_date(value: object, what: str = "published") -> tuple[str | None, str | None]:
    """An ISO date (YYYY-MM-DD) from a `published` value, and a note when a value was given but is
    not one; missing values (None, NaN, NaT, "") give (None, None).

    >>> iso_date("2025-04-26T08:00:00Z"), iso_date(None)
    (('2025-04-26', None), (None, None))
    >>> iso_date("04/26/2025")
    (None, "published '04/26/2025' is not an ISO date (YYYY-MM-DD): left empty")
    """
    if value is None or value != value:  # NaN and NaT are not equal to themselves
        return None, None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _in_range(value, what)
    text = str(value).strip()
    if not text:
        return None, None
    found = ISO_DATE.match(text)
    try:
        return _in_range(dt.date.fromisoformat(found.group("date")), what) if found else (
            None, f"{what} {text[:40]!r} is not an ISO date (YYYY-MM-DD): left empty"
        )  # fmt: skip
    except ValueError:
        return None, f"{what} {text[:40]!r} is not a calendar date: left empty"


def _in_range(date: dt.date, what: str) -> tuple[str | None, str | None]:
    if EARLIEST <= date <= LATEST:
        return date.isoformat(), None
    return None, f"{what} {date.isoformat()} is outside {EARLIEST.year}–{LATEST.year}: left empty"


def read_header(text: str) -> Header:
    """The source and published date that `text`'s header block and closing line give."""
    lines = text[:HEAD].split("\n")
    if len(text) > HEAD:
        lines.pop()  # cut short
    source = dateline = date = note = None
    body = 0
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped == "---":
            continue  # blank, a Markdown title, front matter
        meta = META.match(stripped)
        rest = stripped
        if meta:
            key = (meta.group("key") or meta.group("bare")).lower()
            value = (meta.group("value") or meta.group("iso") or "").strip(" *_")
            rest = (meta.group("rest") or "").strip()
            if key in ("source", "by"):
                source = source or value or None
            elif key not in ("updated", "posted") and date is None and note is None:
                date, note = iso_date(value, "header date")
        if rest:
            dateline = dateline or _dateline(rest)
            body += 1
            if body == BODY_LINES:
                break
    return Header(source or dateline or _byline(text), date, note)


def _dateline(line: str) -> str | None:
    found = DATELINE.match(line)
    if found is None:
        return None
    return found.group("paren") or found.group("slash") or found.group("dash")


def _byline(text: str) -> str | None:
    """The outlet a closing line names ("AP", "— CNN", "(Reuters)")."""
    tail = text[-200:].rstrip()
    last = tail[tail.rfind("\n") + 1 :] if "\n" in tail else ""
    return _BYLINES.get(normalise(last.strip(" \t-–—()©*_.")))
