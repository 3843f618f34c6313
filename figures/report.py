"""The review page: each document's text with every figure highlighted, in one static HTML file.

The page is self-contained (inline CSS and SVG, no script, no font, no image) and its
Content-Security-Policy forbids loading anything, so it opens anywhere without a network.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import pandas as pd

COLOURS = {
    "killed": "#d62728", "injured": "#ff7f0e", "missing": "#9467bd", "captured": "#8c564b",
    "evacuated": "#17becf", "launched": "#1f77b4", "destroyed": "#2ca02c",
    "failed_to_reach": "#bcbd22", "hit": "#e377c2", "deployed": "#7f7f7f", "area": "#6b8e23",
    "other_incident": "#aec7e8",
}  # fmt: skip
STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:13px;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.num{text-align:right}
.text{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.8rem;font-size:14px}
mark{border-radius:3px;padding:0 2px;color:#000;position:relative;cursor:help}
mark:hover::after{content:attr(data-row);position:absolute;left:0;top:1.6em;z-index:2;
white-space:pre;background:#222;color:#fff;font-size:12px;padding:4px 6px;border-radius:4px}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:middle}
.meta{color:#666;font-size:13px}.legend span{margin-right:1rem;white-space:nowrap}
"""


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, list) and pd.isna(value)) else str(value)


def _number(row: Mapping[str, Any]) -> str:
    if _text(row["value"]):
        return f"{float(row['value']):g}"
    low, high = _text(row["low"]), _text(row["high"])
    return f"{float(low):g}-{float(high):g}" if high else f"≥{float(low):g}" if low else ""


def _describe(row: Mapping[str, Any]) -> str:
    """The row as shown on hover."""
    fields = [
        ("metric", row["metric"]), ("subject", row["subject"]), ("value", _number(row)),
        ("approx", row["approx"]), ("unit", row["unit"]), ("source", row["source"]),
        ("location", row["location"]), ("date", _text(row["date"])[:10]), ("rule", row["rule"]),
    ]  # fmt: skip
    return "\n".join(f"{name}: {_text(value)}" for name, value in fields if _text(value))


def _swatch(metric: str) -> str:
    return f'<span class="swatch" style="background:{COLOURS.get(metric, "#ccc")}"></span>'


def _highlighted(text: str, rows: list[dict[str, Any]]) -> str:
    """The text with a <mark> on every figure; rows that share a span share one mark."""
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for row in rows:
        spans.setdefault((int(row["start"]), int(row["end"])), []).append(row)
    out, last = [], 0
    for (start, end), same in sorted(spans.items()):
        if start < last or end > len(text) or text[start:end] != same[0]["number_text"]:
            continue  # the text changed since the table was made: leave it unmarked
        tip = "\n\n".join(_describe(r) for r in same)
        out.append(html.escape(text[last:start]))
        out.append(
            f'<mark class="m-{same[0]["metric"]}" style="background:{COLOURS[same[0]["metric"]]}66"'
            f' data-row="{html.escape(tip)}" title="{html.escape(tip)}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        last = end
    return "".join(out) + html.escape(text[last:])


def _chart(totals: pd.Series[float]) -> str:
    """A horizontal bar chart of totals, as inline SVG."""
    if totals.empty:
        return ""
    width, bar, top = 520, 18, max(float(totals.max()), 1.0)
    bars = []
    for i, (metric, total) in enumerate(totals.items()):
        length = max(1.0, 300 * float(total) / top)
        y = i * (bar + 6)
        bars.append(
            f'<text x="0" y="{y + 13}" font-size="12">{html.escape(str(metric))}</text>'
            f'<rect x="120" y="{y}" width="{length:.1f}" height="{bar}" '
            f'fill="{COLOURS.get(str(metric), "#ccc")}"/>'
            f'<text x="{124 + length:.1f}" y="{y + 13}" font-size="12">{float(total):,.0f}</text>'
        )
    height = len(totals) * (bar + 6)
    return (
        f'<svg width="{width}" height="{height}" '
        f'role="img" aria-label="totals by metric">{"".join(bars)}</svg>'
    )


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _summary(found: pd.DataFrame) -> str:
    counts = found[found["unit"] == "count"]
    numbers = counts["value"].fillna(counts["low"]).astype("Float64")
    totals = numbers.groupby(counts["metric"], observed=True).sum().sort_values(ascending=False)
    by_label = found.groupby(["metric", "subject"], observed=True).size().reset_index(name="rows")
    by_source = found["source"].fillna("(none)").value_counts().rename_axis("source").reset_index()
    label_rows = [
        [f"{_swatch(str(r.metric))} {html.escape(str(r.metric))}", html.escape(str(r.subject)),
         str(r.rows)]
        for r in by_label.itertuples()
    ]  # fmt: skip
    source_rows = [[html.escape(str(r.source)), str(r.count)] for r in by_source.itertuples()]
    return (
        "<h2>Totals by metric</h2><p class='meta'>Sum of values (or lower bounds) of count "
        f"figures; restatements are counted again.</p>{_chart(totals)}"
        f"<h2>Figures by metric and subject</h2>{_table(['metric', 'subject', 'rows'], label_rows)}"
        f"<h2>Figures by source</h2>{_table(['source', 'rows'], source_rows)}"
    )


def render_report(documents: pd.DataFrame, found: pd.DataFrame, texts: Mapping[str, str]) -> str:
    """The review page for a dataset; `texts` maps a document path to its text."""
    legend = "".join(f"<span>{_swatch(m)} {m}</span>" for m in COLOURS)
    sections = []
    for doc in documents.to_dict("records"):
        rows = found[found["doc_id"] == doc["doc_id"]].to_dict("records")
        text = texts.get(str(doc["path"]))
        body = (
            f'<div class="text">{_highlighted(text, rows)}</div>' if text is not None
            else "<p class='meta'>The text could not be read again from its path.</p>"
        )  # fmt: skip
        table = _table(
            ["", "number", "value", "metric", "subject", "source", "location"],
            [[_swatch(str(r["metric"])), html.escape(str(r["number_text"])), _number(r),
              str(r["metric"]), str(r["subject"]), html.escape(_text(r["source"])),
              html.escape(_text(r["location"]))] for r in rows],
        )  # fmt: skip
        meta = " · ".join(
            html.escape(_text(doc[key])[:10] if key == "published" else _text(doc[key]))
            for key in ("doc_id", "source", "published", "status", "message")
            if _text(doc[key])
        )
        sections.append(
            f"<section><h2>{html.escape(str(doc['path']))}</h2><p class='meta'>{meta} · "
            f"{len(rows)} figures</p>{body}{table if rows else ''}</section>"
        )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>figures review</title><style>{STYLE}</style></head><body>"
        f"<h1>figures: review</h1><p>{len(documents)} documents, {len(found)} figures. "
        f"Hover a highlighted number to see its row.</p><p class='legend'>{legend}</p>"
        f"{_summary(found)}{''.join(sections)}</body></html>\n"
    )
