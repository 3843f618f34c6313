"""Read input files into documents: decode safely, read header metadata, never raise."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .headers import iso_date, read_header
from .lexicons import Pattern
from .records import Document, Status

SUFFIXES = (".txt", ".md", ".jsonl", ".csv", ".parquet", ".html", ".htm")
STDIN = "-"
MAX_BYTES = 64 * 1024 * 1024  # larger documents are refused as `too_large`

# A lone surrogate ("\\ud800" in a JSON string) cannot be written as UTF-8: it becomes U+FFFD, one
# character for one, so offsets into the rest of the text stay true.
SURROGATE = Pattern(r"[\ud800-\udfff]")
BYTE_ORDER_MARKS = (  # UTF-32's marks begin with UTF-16's, so they are tried first
    (codecs.BOM_UTF8, "utf-8-sig", None),
    (codecs.BOM_UTF32_LE, "utf-32", "decoded as UTF-32 (byte-order mark)"),
    (codecs.BOM_UTF32_BE, "utf-32", "decoded as UTF-32 (byte-order mark)"),
    (codecs.BOM_UTF16_LE, "utf-16", "decoded as UTF-16 (byte-order mark)"),
    (codecs.BOM_UTF16_BE, "utf-16", "decoded as UTF-16 (byte-order mark)"),
)


class UsageError(ValueError):
    """The inputs named on the command line cannot be used (missing path, no input files)."""


def discover(paths: Iterable[str]) -> list[str]:
    """Input files under `paths`, folders searched recursively, in a stable order. A folder that
    cannot be listed is kept as a path of its own, so that its read gives it a row."""
    found: list[str] = []
    for given in paths:
        if given == STDIN:
            found.append(given)
            continue
        try:
            is_folder = stat.S_ISDIR(os.stat(given).st_mode)
        except (FileNotFoundError, NotADirectoryError):
            raise UsageError(f"no such file or folder: {given}") from None
        except OSError:  # a folder on the way may not be entered: the read says so on its row
            is_folder = False
        found.extend(_walk(given) if is_folder else [given])
    if not found:
        raise UsageError(
            f"no input files ({', '.join(SUFFIXES)}) under: {' '.join(map(str, paths))}"
        )
    return sorted(dict.fromkeys(found))


def _walk(folder: str) -> list[str]:
    """Files with an input suffix under `folder`, and the subfolders that could not be listed.
    Special files (FIFOs, devices, broken links) are kept, to be refused on their own row."""
    found: list[str] = []

    def refused(error: OSError) -> None:
        found.append(str(Path(error.filename)))

    for root, _, names in os.walk(folder, onerror=refused):
        found.extend(str(Path(root) / n) for n in names if Path(n).suffix.lower() in SUFFIXES)
    return found


def make_doc_id(text: str) -> str:
    """A stable content hash: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and a note on how it was decoded; (None, reason) for binary content."""
    for bom, name, note in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            try:
                return data.decode(name), note
            except UnicodeDecodeError:
                if name != "utf-32":  # else a UTF-16 text that begins with U+0000
                    return None, f"invalid {name} after its byte-order mark"
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


def _document(path: str, text: str | None, note: str | None, **meta: object) -> Document:
    """A document with its status; `meta` (source, published, url) outranks the text's header."""
    status: Status = "ok"
    if text is None:
        return Document(make_doc_id(path), path, "", status="unreadable", message=note)
    if not text.strip():
        status, note = "empty", "empty or whitespace-only document"
    header = read_header(text)
    published, date_note = iso_date(meta.get("published"))
    if date_note is None and published is None:
        published, date_note = header.published, header.note
    notes = [n for n in (note, date_note) if n]
    return Document(
        make_doc_id(text), path, text,
        source=_text(meta.get("source")) or header.source,
        published=published,
        url=_text(meta.get("url")),
        status=status, message="; ".join(notes) or None, n_chars=len(text),
    )  # fmt: skip


def _text(value: object) -> str | None:
    """A metadata value as text; missing values (None, NaN, "") as None."""
    if value is None or value != value:
        return None
    return str(value) or None


def _jsonl(path: str, text: str) -> Iterator[Document]:
    """One document per JSON line. Only "\\n" ends a line: U+2028 or a form feed may stand raw
    inside a JSON string. Lines are cut one at a time, so the file is not held twice."""
    start, number = 0, 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line, start, number = text[start:end], end + 1, number + 1
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
        del line
        yield _record(path, number, record, "text")


def _read_bytes(path: str, max_bytes: int) -> bytes | Document:
    """The file's bytes, or the document row that says why they cannot be had. At most
    `max_bytes + 1` bytes are read, whatever size the file reports."""
    try:
        if path == STDIN:
            data, size = sys.stdin.buffer.read(max_bytes + 1), None
        else:
            data, size = _read_file(path, max_bytes)
    except OSError as error:
        return Document(make_doc_id(path), path, "", status="unreadable", message=str(error))
    if isinstance(data, str):
        return Document(make_doc_id(path), path, "", status="unreadable", message=data)
    if size is None and len(data) <= max_bytes:
        return data
    read = f"{size} bytes" if size is not None else f"more than {max_bytes} bytes"
    return Document(make_doc_id(path), path, "", status="too_large",
                    message=f"{read} is over --max-bytes {max_bytes}")  # fmt: skip


def _read_file(path: str, max_bytes: int) -> tuple[bytes | str, int | None]:
    """A regular file's bytes (at most `max_bytes + 1`) and its reported size, or why it is
    refused. Opening does not wait for a FIFO's writer, and nothing but a regular file is read:
    a device such as /dev/zero reports size 0 and never ends."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with open(descriptor, "rb", buffering=0) as file:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            return "a folder, not a file", None
        if not stat.S_ISREG(info.st_mode):
            return f"not a regular file ({_kind(info.st_mode)}): refused", None
        size = info.st_size
        if size > max_bytes:  # refused before reading
            return b"", size
        # One read for a file whose size is known, with no copy; then on to the bound, for files
        # that report a wrong size (/proc reports 0).
        chunks = [file.read(size + 1)]
        left = max_bytes + 1 - len(chunks[0])
        while left > 0 and (chunk := file.read(min(left, 1 << 24))):
            chunks.append(chunk)
            left -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks), None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "a special file"


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
    if suffix in (".csv", ".parquet"):
        yield from _table(path, data, text_column)
        return
    if suffix in (".html", ".htm"):
        yield _html(path, data)
        return
    text, note = decode(data)
    del data  # not held while a document is extracted
    if text is not None and suffix == ".jsonl":
        yield from _jsonl(path, text)
    else:
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
    notes: list[str] = []
    for key, value in record.items():
        if isinstance(value, str) and SURROGATE.search(value):
            record[key] = SURROGATE.sub("\ufffd", value)
            notes.append(f"{key!r} had a lone surrogate: replaced by U+FFFD")
    body = record.get(text_column)
    given_id = record.get("id")
    where = f"{path}#{given_id}" if given_id not in (None, "") else f"{path}#{number}"
    if not isinstance(body, str):
        return _document(where, None, f"row {number}: {text_column!r} is not text")
    note = "; ".join(notes) or None
    meta = {key: record.get(key) for key in ("source", "published", "url")}
    return _document(where, body, note, **meta)


def _html(path: str, data: bytes) -> Document:
    """A saved news page: main text, date and site name read by trafilatura."""
    try:
        import trafilatura
    except ImportError as error:
        return _document(
            path, None, f"HTML input needs: pip install 'incident-figures[html]' ({error})"
        )
    page, note = decode(data)
    if page is None:
        return _document(path, None, note)
    found = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    text = getattr(found, "text", None) if found is not None else None
    if not text:
        return _document(path, "", "no article text found in the page")
    title = getattr(found, "title", None)
    body = f"{title}\n\n{text}" if title and not text.startswith(title) else text
    site = getattr(found, "sitename", None) or getattr(found, "hostname", None)
    url = getattr(found, "url", None)
    return _document(path, body, note, source=site, published=getattr(found, "date", None), url=url)


def read_texts(paths: Iterable[str]) -> dict[str, str]:
    """The text of each document path of a `documents` table ("a.txt", "b.jsonl#7"), read
    again from its file as extraction reads it (regular files up to MAX_BYTES); paths that
    cannot be read are left out."""
    wanted = {str(p) for p in paths if p != STDIN}
    files = {p.split("#", 1)[0] if not os.path.exists(p) else p for p in wanted}
    texts: dict[str, str] = {}
    for path in sorted(files):
        if os.path.exists(path):
            texts.update(
                (d.path, d.text)
                for d in read_documents(path)
                if d.path in wanted and d.status in ("ok", "empty")
            )
    return texts
