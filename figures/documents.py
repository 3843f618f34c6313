"""Read input files into documents: decode safely, read header metadata, never raise."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import regex

from .lexicons import Pattern
from .records import Document, Status

SUFFIXES = (".txt", ".md", ".jsonl", ".csv", ".parquet", ".html", ".htm")
STDIN = "-"
MAX_BYTES = 64 * 1024 * 1024  # larger documents are refused as `too_large`

SOURCE_HEADER = Pattern(r"\A\s*(?:Source|By)\s*:\s*(?P<source>[^\n]{1,80}?)\s*$", regex.M)
DATE_HEADER = Pattern(
    r"\A\s*(?:date|published|dated)\s*:?\s*(?P<date>\d{4}-\d{2}-\d{2})\b", regex.IGNORECASE
)
DATELINE = Pattern(r"\A[^\n]{0,60}?(?:\((?P<a>[A-Z][A-Za-z]{1,15})\)|/(?P<b>[A-Z]{2,12})/)")
BYLINE = Pattern(r"\n\s*(?P<source>[A-Z][A-Za-z&.]*(?:[ /][A-Z][A-Za-z&.]*){0,3})\s*\Z")


class UsageError(ValueError):
    """The inputs named on the command line cannot be used (missing path, no input files)."""


def discover(paths: Iterable[str]) -> list[str]:
    """Input files under `paths`, folders searched recursively, in a stable order."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if given == STDIN:
            found.append(given)
            continue
        if not path.exists():
            raise UsageError(f"no such file or folder: {given}")
        if path.is_dir():
            found.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            found.append(given)
    if not found:
        raise UsageError(
            f"no input files ({', '.join(SUFFIXES)}) under: {' '.join(map(str, paths))}"
        )
    return sorted(dict.fromkeys(found))


def make_doc_id(text: str) -> str:
    """A stable content hash: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and a note on how it was decoded; (None, reason) for binary content."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                return None, f"invalid {name} after its byte-order mark"
            return text, None if name == "utf-8-sig" else "decoded as UTF-16 (byte-order mark)"
    if b"\x00" in data:
        return None, "binary content (NUL bytes)"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text, note = data.decode("cp1252"), "decoded as cp1252 (not valid UTF-8)"
    except UnicodeDecodeError:
        text, note = data.decode("latin-1"), "decoded as latin-1 (not valid UTF-8)"
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f") + text.count("\ufffd")
    if controls > max(8, len(text) // 100):
        return None, "binary content (control bytes, not text)"
    return text, note


def _header(text: str) -> tuple[str | None, str | None]:
    """The outlet or byline and the published date a document's own header gives."""
    head = text[:400]
    source_line = SOURCE_HEADER.search(head)
    dateline = DATELINE.search(head)
    byline = BYLINE.search(text[-60:]) if len(text) > 60 else None
    source = (
        source_line.group("source") if source_line
        else (dateline.group("a") or dateline.group("b")) if dateline
        else byline.group("source") if byline
        else None
    )  # fmt: skip
    date = DATE_HEADER.search(head)
    return source, date.group("date") if date else None


def _document(path: str, text: str | None, note: str | None, **meta: str | None) -> Document:
    status: Status = "ok"
    if text is None:
        return Document(make_doc_id(path), path, "", status="unreadable", message=note)
    if not text.strip():
        status, note = "empty", "empty or whitespace-only document"
    source, published = _header(text)
    return Document(
        make_doc_id(text), path, text,
        source=meta.get("source") or source,
        published=meta.get("published") or published,
        url=meta.get("url"),
        status=status, message=note, n_chars=len(text),
    )  # fmt: skip


def _jsonl(path: str, data: bytes) -> Iterator[Document]:
    text, note = decode(data)
    if text is None:
        yield _document(path, None, note)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            yield _document(f"{path}#{number}", None, f"line {number}: not JSON ({error})")
            continue
        if not isinstance(record, dict):
            yield _document(f"{path}#{number}", None, f"line {number}: not a JSON object")
            continue
        yield _record(path, number, record, "text")


def _read_bytes(path: str, max_bytes: int) -> bytes | Document:
    """The file's bytes, or the document row that says why they cannot be had."""
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
            size = len(data)
        else:  # a file's size is known before it is read: a huge one is never loaded
            size = os.path.getsize(path)
            data = Path(path).read_bytes() if size <= max_bytes else b""
    except OSError as error:
        return Document(make_doc_id(path), path, "", status="unreadable", message=str(error))
    if size > max_bytes:
        return Document(make_doc_id(path), path, "", status="too_large",
                        message=f"{size} bytes is over --max-bytes {max_bytes}")  # fmt: skip
    return data


def read_documents(
    path: str, max_bytes: int = MAX_BYTES, text_column: str = "text"
) -> Iterator[Document]:
    """The documents in one input file (or `-`, standard input); each problem becomes a
    document with a status."""
    data = _read_bytes(path, max_bytes)
    if isinstance(data, Document):
        yield data
        return
    suffix = Path(path).suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl(path, data)
    elif suffix in (".csv", ".parquet"):
        yield from _table(path, data, text_column)
    elif suffix in (".html", ".htm"):
        yield _html(path, data)
    else:
        text, note = decode(data)
        yield _document(path, text, note)


def _table(path: str, data: bytes, text_column: str) -> Iterator[Document]:
    """One document per row of a CSV or Parquet file with a text column."""
    import io

    import pandas as pd

    try:
        if path.lower().endswith(".parquet"):
            frame = pd.read_parquet(io.BytesIO(data))
        else:
            text, note = decode(data)
            if text is None:
                yield _document(path, None, note)
                return
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (ValueError, OSError, ImportError) as error:  # pyarrow and pandas raise these
        yield _document(path, None, f"not a readable table: {error}")
        return
    if text_column not in frame.columns:
        yield _document(path, None, f"no column {text_column!r} (use --text-column)")
        return
    for number, row in enumerate(frame.to_dict("records"), start=1):
        yield _record(path, number, {str(k): v for k, v in row.items()}, text_column)


def _record(path: str, number: int, record: dict[str, object], text_column: str) -> Document:
    """A document from one JSON line or table row: its text and optional id, source, date."""
    body = record.get(text_column)
    given_id = record.get("id")
    where = f"{path}#{given_id}" if given_id not in (None, "") else f"{path}#{number}"
    if not isinstance(body, str):
        return _document(where, None, f"row {number}: {text_column!r} is not text")
    published = str(record["published"])[:10] if record.get("published") else None
    source = str(record["source"]) if record.get("source") else None
    url = str(record["url"]) if record.get("url") else None
    return _document(where, body, None, source=source, published=published, url=url)


def _html(path: str, data: bytes) -> Document:
    """A saved news page: main text, date and site name read by trafilatura."""
    try:
        import trafilatura
    except ImportError as error:
        return _document(path, None, f"HTML input needs: pip install 'figures[html]' ({error})")
    page, note = decode(data)
    if page is None:
        return _document(path, None, note)
    found = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    text = getattr(found, "text", None) if found is not None else None
    if not text:
        return _document(path, "", "no article text found in the page")
    title = getattr(found, "title", None)
    body = f"{title}\n\n{text}" if title and not text.startswith(title) else text
    date = getattr(found, "date", None)
    site = getattr(found, "sitename", None) or getattr(found, "hostname", None)
    url = getattr(found, "url", None)
    return _document(path, body, note, source=site, published=(date or "")[:10] or None, url=url)


def read_texts(paths: Iterable[str]) -> dict[str, str]:
    """The text of each document path of a `documents` table ("a.txt", "b.jsonl#7"), read
    again from its file; paths that cannot be read are left out."""
    wanted = {str(p) for p in paths if p != STDIN}
    files = {p.split("#", 1)[0] if not os.path.exists(p) else p for p in wanted}
    texts: dict[str, str] = {}
    for path in sorted(files):
        if os.path.exists(path):
            texts.update((d.path, d.text) for d in read_documents(path) if d.path in wanted)
    return texts
