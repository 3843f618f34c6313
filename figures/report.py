"""The review page: totals from claims, the claims (conflicts first), then each document's text
with every figure highlighted, in one static HTML file.

The page trusts nothing in its dataset: every value is escaped, unknown labels are shown as they
are, and a document's text is shown only when the file read again hashes to the document's
`doc_id`, so a `path` of /etc/passwd shows nothing of that file. Its only script, the filter, is
inline and allowed by its hash in the Content-Security-Policy, which forbids loading anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
import os
import stat
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import pandas as pd

from .documents import STDIN, make_doc_id, read_texts

COLOURS = {
    "killed": "#d62728", "injured": "#ff7f0e", "missing": "#9467bd", "captured": "#8c564b",
    "evacuated": "#17becf", "launched": "#1f77b4", "destroyed": "#2ca02c",
    "failed_to_reach": "#bcbd22", "hit": "#e377c2", "deployed": "#7f7f7f", "area": "#6b8e23",
    "other_incident": "#aec7e8",
}  # fmt: skip
QUALIFIERS = {"about": "about ", "at_least": "at least ", "more_than": "more than ",
              "at_most": "at most "}  # fmt: skip
UNITS = {"km2": "km²"}
HTML_SUFFIXES = (".html", ".htm")
# Unknown metrics keep the grey of .k and mark; each known one gets its colour by class.
STYLE = (
    "body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#222;"
    "padding:0 1rem}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;"
    "border-bottom:1px solid #ddd}table{border-collapse:collapse;font-size:13px;margin:.5rem 0}"
    "td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}"
    "th{background:#f4f4f4}.n{text-align:right}.meta{color:#666;font-size:13px}"
    ".text{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.8rem}"
    ".flag{background:#fff3cd;border:1px solid #e0c36b;padding:.3rem .6rem}"
    "mark{border-radius:3px;padding:0 2px;background:#ccc8}"
    ".k{display:inline-block;width:.8em;height:.8em;border-radius:2px;background:#ccc}"
    "form{margin:.5rem 0}form *{margin-right:.5rem}"
    + "".join(
        f".k.k-{m}{{background:{c}}}mark.k-{m}{{background:{c}66}}" for m, c in COLOURS.items()
    )
)
# The filter: a document or claim shows when it has the chosen metric and status and contains
# the text; figure rows of other metrics hide. ?m=&s=&t= in the address presets it.
SCRIPT = """
const f=document.forms.filter,q=new URLSearchParams(location.search);f.hidden=false;
for(const k of['m','s','t'])if(q.has(k)){f[k].value=q.get(k);if(f[k].selectedIndex<0)f[k].value=''}
const has=(e,k,v)=>!v||e.dataset[k].split(' ').includes(v);
function run(){const m=f.m.value,s=f.s.value,t=f.t.value.trim().toLowerCase();let n=0;
for(const e of document.querySelectorAll('.f')){e.hidden=!(has(e,'m',m)&&has(e,'s',s)&&
(!t||e.textContent.toLowerCase().includes(t)));n+=!e.hidden}
for(const e of document.querySelectorAll('tr.r'))e.hidden=!has(e,'m',m);
for(const a of document.querySelectorAll('li.d a'))
a.parentNode.hidden=document.getElementById(a.hash.slice(1)).hidden;
f.n.value=n+' shown'}
f.addEventListener('input',run);f.addEventListener('submit',e=>e.preventDefault());run();
"""
NO_TEXT = {
    "stdin": "Read from standard input: its text is not kept. Each figure's sentence is shown.",
    "changed": "The text changed since extraction: the file at this path no longer hashes to "
    "this document's id. Each figure's sentence is shown instead.",
    "missing": "The text could not be read again (run from the extraction's folder, or give "
    "--texts DIR). Each figure's sentence is shown instead.",
}


def _text(value: Any) -> str:
    """A cell as text: "" for a missing value, whatever its type."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value)


def _e(value: Any) -> str:
    return html.escape(_text(value))


def _day(value: Any) -> str:
    """A date cell (a timestamp at midnight) as its day."""
    return html.escape(_text(value)[:10])


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _int(value: Any) -> int | None:
    number = _float(value)
    return int(number) if number is not None and number.is_integer() else None


def _token(value: Any) -> str:
    """A label as one word of a data-* list."""
    return "_".join(_text(value).split()) or "none"


def _num(number: float) -> str:
    """A number as a reader writes it.

    >>> _num(1300.0), _num(2.5)
    ('1,300', '2.5')
    """
    return f"{number:,.0f}" if number.is_integer() else f"{number:,g}"


def amount(row: Mapping[str, Any]) -> str:
    """A figure's number with its qualifier, as the report said it.

    >>> amount({"value": 14.0, "approx": "at_least"}), amount({"low": 10, "high": 12})
    ('at least 14', '10–12')
    """
    value, low, high = (_float(row.get(k)) for k in ("value", "low", "high"))
    if value is not None:
        return QUALIFIERS.get(_text(row.get("approx")), "") + _num(value)
    if low is not None and high is not None:
        return f"{_num(low)}–{_num(high)}"
    if low is not None:
        return f"at least {_num(low)}"
    return f"at most {_num(high)}" if high is not None else _text(row.get("value"))


def _list(value: Any) -> list[Any]:
    """A list cell (a list, an array, or missing) as a list."""
    if isinstance(value, str):
        return [value]
    try:
        return list(value)
    except TypeError:
        return []


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _swatch(metric: Any) -> str:
    known = f" k-{metric}" if _text(metric) in COLOURS else ""
    return f'<i class="k{known}"></i> {_e(metric)}'


def _table(header: Sequence[str], rows: Iterable[str]) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _cells(cells: Iterable[str]) -> str:
    return "".join(f"<td>{cell}</td>" for cell in cells)


def _marked(text: str, rows: Sequence[Mapping[str, Any]]) -> tuple[str, int]:
    """The text with a <mark> on every figure, and how many figures did not fit it."""
    spans: dict[tuple[int, int], Mapping[str, Any]] = {}
    for row in rows:
        start, end = _int(row.get("start")), _int(row.get("end"))
        if start is not None and end is not None:
            spans.setdefault((start, end), row)
    out, last, placed = [], 0, 0
    for (start, end), row in sorted(spans.items()):
        if start < last or start >= end or text[start:end] != _text(row.get("number_text")):
            continue
        tip = f"{_text(row.get('metric'))} {_text(row.get('subject'))}: {amount(row)}"
        metric = _text(row.get("metric"))
        known = f' class="k-{metric}"' if metric in COLOURS else ""
        out.append(f'{html.escape(text[last:start])}<mark{known} title="{html.escape(tip)}">')
        out.append(f"{html.escape(text[start:end])}</mark>")
        last, placed = end, placed + 1
    return "".join(out) + html.escape(text[last:]), len(spans) - placed


def _in_sentence(row: Mapping[str, Any]) -> str:
    """A figure's sentence with its number marked, for a document whose text is not shown."""
    sentence, number = _text(row.get("sentence")), _text(row.get("number_text"))
    at = sentence.find(number) if number else -1
    if at < 0:
        return html.escape(sentence)
    end = at + len(number)
    before, after = html.escape(sentence[:at]), html.escape(sentence[end:])
    return f"{before}<mark>{html.escape(number)}</mark>{after}"


class Page:
    """The parts of a page that link to each other: anchors of documents and claims."""

    def __init__(self, documents: list[dict[str, Any]], claims: list[dict[str, Any]]) -> None:
        self.doc_anchor: dict[str, int] = {}
        for i, doc in enumerate(documents, start=1):
            self.doc_anchor.setdefault(_text(doc.get("doc_id")), i)
        self.claim_anchor = {_text(c.get("claim_id")): f"c{i}" for i, c in enumerate(claims, 1)}
        self.agreement = {_text(c.get("claim_id")): _text(c.get("agreement")) for c in claims}

    def claim_link(self, claim_id: Any) -> str:
        anchor = self.claim_anchor.get(_text(claim_id))
        word = _e(self.agreement.get(_text(claim_id))) or "claim"
        return f'<a href="#{anchor}">{word}</a>' if anchor else _e(claim_id)

    def doc_link(self, doc_id: Any) -> str:
        number = self.doc_anchor.get(_text(doc_id))  # as numbered in the contents
        return f'<a href="#d{number}">{number}</a>' if number else _e(doc_id)


def _claim_order(claim: Mapping[str, Any]) -> tuple[int, str, str, float]:
    rank = {"conflict": 0, "agree": 1}.get(_text(claim.get("agreement")), 2)
    return (
        rank,
        _text(claim.get("metric")),
        _text(claim.get("subject")),
        -(_float(claim.get("best")) or 0.0),
    )


def claim_totals(
    claims: Sequence[Mapping[str, Any]], found: Sequence[Mapping[str, Any]]
) -> dict[tuple[str, str, str], tuple[float, int]]:
    """The sum of claims' `best` and how many facts it counts, by metric, subject and unit.

    A claim whose figures are parts of a total (`part_of`) is left out, as its total counts it;
    claims in conflict over one place and day are one fact, counted once at the lowest `best`.
    """
    parts = {_text(f.get("claim_id")) for f in found if _text(f.get("part_of"))}
    facts: dict[tuple[str, ...], tuple[tuple[str, str, str], float]] = {}
    for claim in claims:
        best = _float(claim.get("best"))
        if best is None or _text(claim.get("claim_id")) in parts:
            continue
        key = (_text(claim.get("metric")), _text(claim.get("subject")), _text(claim.get("unit")))
        fact: tuple[str, ...] = (_text(claim.get("claim_id")),)
        if _text(claim.get("agreement")) == "conflict":
            fact = (
                *key,
                _text(claim.get("location")).casefold(),
                _text(claim.get("first_date"))[:10],
            )
        if fact not in facts or best < facts[fact][1]:
            facts[fact] = (key, best)
    totals: dict[tuple[str, str, str], tuple[float, int]] = {}
    for key, best in facts.values():
        total, count = totals.get(key, (0.0, 0))
        totals[key] = (total + best, count + 1)
    return dict(sorted(totals.items()))


def _totals(claims: list[dict[str, Any]], found: list[dict[str, Any]]) -> str:
    rows = (
        f"<tr>{_cells([_swatch(m), _e(s), _e(UNITS.get(u, u))])}"
        f'<td class="n">{_num(total)}</td><td class="n">{count}</td></tr>'
        for (m, s, u), (total, count) in claim_totals(claims, found).items()
    )
    return (
        '<h2 id="totals">Totals</h2><p class="meta">Each claim counted once at its best value; '
        "parts of a total left out; claims in conflict over one place and day counted once, at "
        "the lowest.</p>" + _table(["metric", "subject", "unit", "total", "claims"], rows)
    )


def _window(first: Any, last: Any) -> str:
    """The days a claim's reports give: one day, or first–last."""
    start, end = _day(first), _day(last)
    return start if end in ("", start) else f"{start}–{end}"


def _claims(claims: list[dict[str, Any]], page: Page) -> str:
    rows = []
    for claim in claims:
        low, high = _float(claim.get("low")), _float(claim.get("high"))
        span = "" if low is None or high is None or low == high else f"{_num(low)}–{_num(high)}"
        best = _float(claim.get("best"))
        against = " ".join(page.claim_link(c) for c in _list(claim.get("conflicts_with")))
        cells = [
            _e(claim.get("agreement")) + (f" with {against}" if against else ""),
            _swatch(claim.get("metric")), _e(claim.get("subject")),
            _num(best) if best is not None else _e(claim.get("best")), span,
            _e(UNITS.get(_text(claim.get("unit")), claim.get("unit"))),
            _e(", ".join(map(_text, _list(claim.get("sources"))))),
            " ".join(page.doc_link(d) for d in _list(claim.get("doc_ids"))),
            _e(claim.get("location")), _window(claim.get("first_date"), claim.get("last_date")),
        ]  # fmt: skip
        anchor = page.claim_anchor[_text(claim.get("claim_id"))]
        rows.append(
            f'<tr id="{anchor}" class="f" data-m="{html.escape(_token(claim.get("metric")))}" '
            f'data-s="{html.escape(_token(claim.get("agreement")))}">{_cells(cells)}</tr>'
        )
    header = ["agreement", "metric", "subject", "best", "range", "unit", "sources", "documents",
              "location", "dates"]  # fmt: skip
    if not rows:
        return '<h2 id="claims">Claims</h2><p class="meta">No claims table in this dataset.</p>'
    return f'<h2 id="claims">Claims</h2>{_table(header, rows)}'


def _figure_rows(rows: list[dict[str, Any]], page: Page, sentences: bool) -> str:
    header = ["number", "figure", "metric", "subject", "unit", "source", "location", "date",
              "claim"] + (["sentence"] if sentences else [])  # fmt: skip
    lines = []
    for row in rows:
        part = " (part)" if _text(row.get("part_of")) else ""
        cells = [
            _e(row.get("number_text")), html.escape(amount(row)), _swatch(row.get("metric")),
            _e(row.get("subject")), _e(UNITS.get(_text(row.get("unit")), row.get("unit"))),
            _e(row.get("source")), _e(row.get("location")), _day(row.get("date")),
            page.claim_link(row.get("claim_id")) + part,
        ] + ([_in_sentence(row)] if sentences else [])  # fmt: skip
        metric = html.escape(_token(row.get("metric")))
        lines.append(f'<tr class="r" data-m="{metric}">{_cells(cells)}</tr>')
    return _table(header, lines) if lines else ""


UNREAD = ("unreadable", "too_large")  # documents whose text extraction never had


def text_state(doc: Mapping[str, Any], texts: Mapping[str, str], changed: Iterable[str]) -> str:
    """How a document's text stands: "text" (shown), "stdin", "changed", "missing" (flagged),
    or "unread" (never read at extraction, as its status says)."""
    doc_id = _text(doc.get("doc_id"))
    if doc_id in texts:
        return "text"
    if _text(doc.get("path")) == STDIN:
        return "stdin"
    if doc_id in changed:
        return "changed"
    return "unread" if _text(doc.get("status")) in UNREAD else "missing"


def text_states(
    documents: pd.DataFrame, texts: Mapping[str, str], changed: Iterable[str]
) -> Counter[str]:
    """How many documents' texts stand each way (see `text_state`)."""
    changed = set(changed)
    return Counter(text_state(doc, texts, changed) for doc in _records(documents))


def _section(anchor: str, doc: Mapping[str, Any], rows: list[dict[str, Any]], page: Page,
             text: str | None, state: str) -> tuple[str, set[str]]:  # fmt: skip
    """A document's section, and the statuses the filter knows it by."""
    body, unplaced = f'<p class="flag">{NO_TEXT[state]}</p>' if state in NO_TEXT else "", 0
    if text is not None:
        marked, unplaced = _marked(text, rows)
        body = f'<div class="text">{marked}</div>'
    meta = [_day(doc.get(k)) if k == "published" else _e(doc.get(k)) for k in
            ("doc_id", "source", "published", "status", "message", "url")]  # fmt: skip
    meta.append(_count(len(rows), "figure"))
    if unplaced:
        meta.append(f"{unplaced} not found at their offsets in the text")
    statuses = {_token(doc.get("status"))} | ({f"text-{state}"} if state in NO_TEXT else set())
    statuses |= {_token(page.agreement.get(_text(r.get("claim_id")))) for r in rows}
    statuses = {html.escape(s) for s in statuses} - {"none"}
    metrics = " ".join(sorted({html.escape(_token(r.get("metric"))) for r in rows}))
    return (
        f'<section id="{anchor}" class="f" data-m="{metrics}" '
        f'data-s="{" ".join(sorted(statuses))}">'
        f'<h3>{_e(doc.get("path"))}</h3><p class="meta">{" · ".join(m for m in meta if m)}</p>'
        f"{body}{_figure_rows(rows, page, sentences=text is None)}</section>"
    ), statuses


def _options(name: str, label: str, values: Iterable[str]) -> str:
    options = "".join(f"<option>{v}</option>" for v in sorted(set(values) - {"none"}))
    return (
        f'<label>{label} <select name="{name}"><option value="">any</option>{options}'
        "</select></label>"
    )


def _source_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    return [] if frame is None else cast(list[dict[str, Any]], frame.to_dict("records"))


class Documents:
    """The documents' sections, their entries in the contents, and what the filter offers."""

    def __init__(self, docs: list[dict[str, Any]], figures: list[dict[str, Any]], page: Page,
                 texts: Mapping[str, str], changed: set[str]) -> None:  # fmt: skip
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for row in figures:
            by_doc.setdefault(_text(row.get("doc_id")), []).append(row)
        self.sections: list[str] = []
        self.entries: list[str] = []
        self.statuses: set[str] = set()
        self.untexted = 0
        for i, doc in enumerate(docs, start=1):
            doc_id = _text(doc.get("doc_id"))
            rows, state = by_doc.get(doc_id, []), text_state(doc, texts, changed)
            section, statuses = _section(f"d{i}", doc, rows, page, texts.get(doc_id), state)
            self.sections.append(section)
            self.statuses |= statuses
            self.untexted += state in ("changed", "missing")
            flag = f" · text {state}" if state in NO_TEXT else ""
            self.entries.append(
                f'<li class="d"><a href="#d{i}">{_e(doc.get("path"))}</a> <span class="meta">'
                f"{_count(len(rows), 'figure')} · {_e(doc.get('status'))}{flag}</span></li>"
            )


def render_report(
    documents: pd.DataFrame,
    found: pd.DataFrame,
    claims: pd.DataFrame | None,
    texts: Mapping[str, str],
    changed: Iterable[str] = (),
) -> str:
    """The review page; `texts` maps a doc_id to its verified text, `changed` names documents
    whose file holds another text now."""
    docs, figures = _records(documents), _records(found)
    claim_rows = sorted(_records(claims), key=_claim_order)
    page = Page(docs, claim_rows)
    shown = Documents(docs, figures, page, texts, set(changed))
    statuses = shown.statuses | {html.escape(_token(c.get("agreement"))) for c in claim_rows}
    metrics = [html.escape(_token(r.get("metric"))) for r in [*figures, *claim_rows]]
    conflicts = sum(_text(c.get("agreement")) == "conflict" for c in claim_rows)
    form = (
        '<form name="filter" hidden>' + _options("m", "metric", metrics)
        + _options("s", "status", statuses)
        + '<label>text <input name="t" type="search"></label><output name="n"></output></form>'
    )  # fmt: skip
    policy = (
        f"default-src 'none'; style-src {_source_hash(STYLE)}; "
        f"script-src {_source_hash(SCRIPT)}; form-action 'none'"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f"<title>figures review</title><style>{STYLE}</style></head><body>"
        f"<h1>figures: review</h1><p>{len(docs)} documents, {len(figures)} figures, "
        f"{len(claim_rows)} claims ({conflicts} in conflict); {shown.untexted} documents "
        f'shown without their text.</p><nav><h2>Contents</h2>{form}<ul><li><a href="#totals">'
        f'Totals</a></li><li><a href="#claims">Claims</a> <span class="meta">{len(claim_rows)}'
        f', {conflicts} in conflict</span></li><li><a href="#documents">Documents</a><ol>'
        f"{''.join(shown.entries)}</ol></li></ul></nav>{_totals(claim_rows, figures)}"
        f'{_claims(claim_rows, page)}<h2 id="documents">Documents</h2>'
        f"{''.join(shown.sections)}<script>{SCRIPT}</script></body></html>\n"
    )


def find_texts(documents: pd.DataFrame, bases: Sequence[Path]) -> tuple[dict[str, str], set[str]]:
    """The texts of documents by doc_id, read again from their paths as given, then against each
    of `bases`; a text is kept only when it hashes to its doc_id. Also the doc_ids whose file
    was read but now holds another text."""
    wanted = [
        (_text(d.get("doc_id")), _text(d.get("path"))) for d in _records(documents)
        if _text(d.get("status")) not in UNREAD and _text(d.get("path")) not in ("", STDIN)
    ]  # fmt: skip
    texts: dict[str, str] = {}
    other: set[str] = set()
    tried: set[str] = set()
    for base in [None, *bases]:
        candidates: dict[str, list[str]] = {}
        for doc_id, path in wanted:
            candidate = path if base is None else str(base / path)
            if doc_id not in texts and candidate not in tried:
                candidates.setdefault(candidate, []).append(doc_id)
        tried |= candidates.keys()
        read = read_texts(candidates)
        for candidate, doc_ids in candidates.items():
            text = read.get(candidate)
            if text is None:
                continue
            for doc_id in doc_ids:
                if make_doc_id(text) == doc_id:
                    texts[doc_id] = text
                else:
                    other.add(doc_id)
    return texts, other - texts.keys()


def target_problem(target: str) -> str | None:
    """Why the page may not be written to `target`, or None: it replaces only a regular .html
    (or .htm) file, or makes a new one in an existing folder; never a folder or a link."""
    path = Path(target)
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as error:
        return f"cannot write the page to {target}: {error}"
    if info is not None and stat.S_ISLNK(info.st_mode):
        return f"{target} is a symbolic link: give a new file, or the file it points to"
    if info is not None and stat.S_ISDIR(info.st_mode):
        return f"{target} is a folder: the page is one file, such as {path / 'report.html'}"
    if info is not None and not stat.S_ISREG(info.st_mode):
        return f"{target} is not a regular file"
    if path.suffix.lower() not in HTML_SUFFIXES:
        return f"{target} does not end in .html: the page replaces no other kind of file"
    if not path.parent.is_dir():
        return f"no such folder: {path.parent}"
    return None
