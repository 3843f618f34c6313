"""Read input files into documents: decode safely, read header metadata, never raise."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import regex

from .lexicons import Pattern
from .records import Document, Status

SUFFIXES = (".txt", ".md", ".jsonl")
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
    try:
        return _read_header(text)
    except TimeoutError:
        return None, None


def _read_header(text: str) -> tuple[str | None, str | None]:
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
        where = f"{path}#{number}"
        try:
            record = json.loads(line)
            body = record["text"]
            if not isinstance(body, str):
                raise TypeError("'text' is not a string")
        except (ValueError, KeyError, TypeError) as error:
            yield _document(
                where, None, f"line {number}: not a JSON object with a 'text' string ({error})"
            )
            continue
        if record.get("id") is not None:
            where = f"{path}#{record['id']}"
        published = str(record["published"])[:10] if record.get("published") else None
        source = str(record["source"]) if record.get("source") else None
        yield _document(where, body, note, source=source, published=published)


def read_documents(path: str, max_bytes: int = MAX_BYTES) -> Iterator[Document]:
    """The documents in one input file; each problem becomes a document with a status."""
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            yield Document(make_doc_id(path), path, "", status="too_large",
                           message=f"{size} bytes is over --max-bytes {max_bytes}")  # fmt: skip
            return
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        yield Document(make_doc_id(path), path, "", status="unreadable", message=str(error))
        return
    if path.lower().endswith(".jsonl"):
        yield from _jsonl(path, data)
        return
    text, note = decode(data)
    yield _document(path, text, note)
