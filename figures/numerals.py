"""Find numbers as reporters write them: digits, words, vague plurals, ranges and qualifiers;
ordinals, signed numbers and digit strings are found too, marked by their kind, as no counts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

import regex

from .lexicons import (
    NUMBER_WORDS,
    QUALIFIERS,
    SUBJECT_WORDS,
    VAGUE_NUMBERS,
    Pattern,
    alternation,
    normalise,
)
from .records import Approx, Kind, NumberMention

# Thousands separators besides the comma: (no-break, thin, figure, six-per-em, narrow no-break)
# spaces and the Swiss apostrophe ("12'000", "12’000").
_GROUP = r"\u0020\u00a0\u2006\u2007\u2009\u202f'’"
SEPARATORS = Pattern(rf"[,\s{_GROUP}]")
_SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6, "billion": 10**9,
    "bn": 10**9, "lakh": 10**5, "crore": 10**7,  # South Asian English: "2 lakh people", "3 crore"
}  # fmt: skip

# "1.2m people", "300k have fled": a suffix that is a scale only before what is counted ("5m waves"
# are metres).
_COUNTED = alternation(SUBJECT_WORDS)
DIGITS = Pattern(
    rf"""
    (?<![\d.,/]|[A-Za-z][-‐])             # not the tail of a number or a model name (Kh-59)
    (?P<num>
        \d{{1,2}}(?:,\d\d)+,\d{{3}}(?![\d,])    # 1,20,000: lakh grouping (South Asian papers)
      | \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?       # 1,300 or 1,300.5: commas only between thousands
      | \d{{1,3}}(?P<group>[{_GROUP}])\d{{3}}(?:(?P=group)\d{{3}})*(?!\d|[,.’']\d)  # 1 300, 12'000
      | \d+(?:\.\d+)?                      # 1300 or 1.73
    )
    (?:\s*(?P<scale>(?i:million|billion|thousand|lakh|crore))s?\b|(?P<scale>bn|mn)\b
       |(?P<scale>m|k)\b(?=\s+(?:{_COUNTED}|have|had|were|are|more|others)\b))  # "1.2m people"
    ?
    (?![\d]|(?:st|nd|rd|th|s)\b|[.,]\d)    # not an ordinal (10th) or a decade (1990s)
    """,
    regex.VERBOSE,
)


def _ordinal(word: str) -> str:
    """The ordinal of a cardinal number word: "two" -> "second", "forty" -> "fortieth"."""
    irregular = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                 "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}  # fmt: skip
    return irregular.get(word) or (word[:-1] + "ieth" if word.endswith("y") else word + "th")


# Ordinals are read (so that they are refused by name, never taken for counts) and end a number:
# "one thousand two hundred thirtieth", "twenty-first".
ORDINALS = {
    _ordinal(word): word
    for word, (_, kind) in NUMBER_WORDS.items()
    if word != "zero" and kind != "dozen"
}

# A run of number words ("two hundred and five", "Sixty-six"); the run is parsed, and split where
# the words stop forming one number ("one two three" is three numbers).
_PLURAL_SCALES = ("hundreds", "thousands", "millions", "billions")
_WORD = alternation([*NUMBER_WORDS, *_PLURAL_SCALES, *ORDINALS])
# A spoken "o" is a zero only before another number word ("o six" in a phone number).
_RUN_WORD = rf"(?:{_WORD}|(?-i:o)(?=\s+(?:{_WORD})(?![\w’'‐])))"
_WORD_RUN = rf"""
    (?<![\w’'‐-])
    (?:(?:an?)\s+(?=(?:hundred|thousand|lakh|crore|million|billion|dozen)\b))?  # a dozen, a lakh
    {_RUN_WORD}
    (?:(?:\s+and\s+|\s*[-‐]\s*|\s+){_RUN_WORD}(?![\w’'‐]))*
    (?![\w’'‐]|-(?!\s))
    """
_VAGUE = rf"(?<![\w-])(?:{alternation(VAGUE_NUMBERS)})(?![\w-])"
# Calendar dates and clock times are written with digits but count nothing.
LEADING_ZERO = Pattern(r"0\d")  # "0800": a phone number's digits, not a count
DATE_OR_TIME = Pattern(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}")
# One pass for every worded number: vague plurals first, so "tens of thousands" beats "tens".
WORDS = Pattern(
    rf"(?P<vague>{_VAGUE})|(?P<both>(?<![\w-])both(?![\w-]))|(?P<run>{_WORD_RUN})",
    regex.VERBOSE | regex.IGNORECASE,
)


# The cheap first pass, over the whole document: where digits and number words start. Sentences
# with neither never reach the rules; the rest are searched for worded numbers only there.
DIGIT_RUN = Pattern(r"\d+")
_FIRST_WORDS = {
    surface.split()[0].lower()
    for surface in [*NUMBER_WORDS, *_PLURAL_SCALES, *ORDINALS, *VAGUE_NUMBERS, "both"]
}
_WORD_START = rf"\b(?:{alternation(_FIRST_WORDS)})\b"
WORD_START = Pattern(_WORD_START)
WORD_START_ANY_CASE = Pattern(_WORD_START, regex.IGNORECASE)
ARTICLE_BEFORE = Pattern(r"(?<![\w’'‐-])(?:an?|(?-i:o))\s+$", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Hints:
    """Offsets where a digit run and where a number word starts, ascending."""

    digits: list[int]
    words: list[int]


def number_hints(text: str) -> Hints:
    """Where numbers may stand in `text`: two fast scans instead of every rule."""
    digits = [m.start() for m in DIGIT_RUN.finditer(text)]
    lowered = text.lower()
    if len(lowered) == len(text):  # matching lower-cased text is faster than IGNORECASE
        words = [m.start() for m in WORD_START.finditer(lowered)]
    else:  # a character whose lower case is longer would shift every offset
        words = [m.start() for m in WORD_START_ANY_CASE.finditer(text)]
    return Hints(digits, words)


QUALIFIER = Pattern(
    rf"(?<![\w-])(?P<q>{alternation(QUALIFIERS)})\s+(?:a\s+total\s+of\s+)?$", regex.IGNORECASE
)
AFTER_QUALIFIER = Pattern(r"^(?:\s+or\s+more\b|\+)", regex.IGNORECASE)
RANGE_GAP = Pattern(r"^(?:\s*[-–—]\s*|\s+to\s+|\s+and\s+)$", regex.IGNORECASE)
RANGE_OPENER = Pattern(r"(?:\bbetween|\bfrom)\s+$", regex.IGNORECASE)
# "raising the toll from 12 to 15": a change from one figure to another, not a range.
CHANGE_FROM = Pattern(
    r"\b(?:toll|tally|total|count|number|figure|estimate|rose|risen|rising|rises|climbed|jumped"
    r"|increased|raised|raising|revised|bringing|brought|fell|dropped)\s+(?:[\w’'-]+\s+){0,4}?"
    r"from\s+$",
    regex.IGNORECASE,
)
TOKEN = Pattern(r"[A-Za-z]+")

_KIND_VALUE = {word: value for word, (value, _) in NUMBER_WORDS.items()}
_KIND = {word: kind for word, (_, kind) in NUMBER_WORDS.items()}
_KIND |= {"hundreds": "hundred", "thousands": "scale", "millions": "scale", "billions": "scale"}
_KIND_VALUE |= {"hundreds": 100, "thousands": 1000, "millions": 10**6, "billions": 10**9}


class _Number:
    """Accumulates number words left to right; `add` refuses a word that cannot continue it."""

    def __init__(self) -> None:
        self.total = 0
        self.current = 0
        self.last_scale = 10**15
        self.words = 0
        self.last_kind = ""
        self.ordinal = False  # an ordinal word ends the number
        self.leading_zero = False

    @property
    def kind(self) -> Kind:
        if self.ordinal:
            return "ordinal"
        return "digits" if self.leading_zero and self.words > 1 else "cardinal"

    @property
    def value(self) -> float:
        return float(self.total + self.current)

    def add(self, word: str) -> bool:
        if self.ordinal:
            return False
        cardinal = "zero" if word == "o" else ORDINALS.get(word, word)
        kind, value = _KIND.get(cardinal, ""), _KIND_VALUE.get(cardinal, 0)
        if word.endswith("s") and not self.words:  # a bare "hundreds" is vague, not 100
            return False
        if self.words and (cardinal == "zero" or self.last_kind == "zero") and self.value:
            return False  # "fifty zero" is two numbers; leading zeros ("zero eight") are one
        if not self._fits(kind, value):
            return False
        self.leading_zero = self.leading_zero or (cardinal == "zero" and not self.words)
        self.words += 1
        self.ordinal = word in ORDINALS
        self.last_kind = "zero" if cardinal == "zero" and not self.value else kind
        return True

    def _fits(self, kind: str, value: int) -> bool:
        low = self.current % 100
        if kind == "unit":  # "twenty one" but not "one two" or "sixty fifteen"
            if self.words and not (low == 0 or (low >= 20 and low % 10 == 0 and value < 10)):
                return False
            self.current += value
        elif kind == "ten":
            if self.words and low:
                return False
            self.current += value
        elif kind == "hundred":  # "forty five hundred", "a hundred"; not "hundred hundreds"
            if self.current >= 100 or self.last_kind == "hundred":
                return False
            self.current = (self.current or 1) * 100
        elif kind == "scale":  # scales must fall: not "thousand million" or "million million"
            if value >= self.last_scale:
                return False
            self.total += (self.current or 1) * value
            self.current, self.last_scale = 0, value
        elif kind == "dozen":
            if self.last_kind == "dozen":
                return False
            self.current = (self.current or 1) * 12
        else:
            return False
        return True


def _word_numbers(match: regex.Match[str], offset: int) -> list[NumberMention]:
    """Split one run of number words into the numbers it holds."""
    found: list[NumberMention] = []
    text = match.group()
    number, start, end = _Number(), -1, -1
    for token in TOKEN.finditer(text):
        word = token.group().lower()
        if word == "and" or (word in ("a", "an") and not number.words):
            start = token.start() if word != "and" and start < 0 else start
            continue
        if not number.add(word):
            if word in ORDINALS and text[end : token.start()].strip() in ("-", "‐"):
                number, start, end = _Number(), -1, token.end()  # "one-fifth": a fraction
                continue
            if number.words:
                found.append(_mention(text, start, end, number, offset))
            number, start = _Number(), -1
            if not number.add(word):
                continue
        start = token.start() if start < 0 else start
        end = token.end()
    if number.words:
        found.append(_mention(text, start, end, number, offset))
    return found


def _mention(text: str, start: int, end: int, number: _Number, offset: int) -> NumberMention:
    return NumberMention(
        offset + start, offset + end, text[start:end], number.value, None, None, "exact",
        number.kind,
    )  # fmt: skip


def _digit_value(match: regex.Match[str]) -> float | None:
    """The value of a number in digits, or None for digits newer than Python's Unicode tables
    (the `regex` module knows more scripts' digits than `float` reads)."""
    digits = SEPARATORS.sub("", match.group("num"))
    try:
        number = float(digits)
    except ValueError:
        return None
    scale = _SCALES.get((match.group("scale") or "").lower(), 1)
    return scaled(digits, scale) if scale != 1 and "." in digits else number * scale


def scaled(digits: str, scale: int) -> float:
    """A decimal times a scale, exactly: "2.3 lakh" is 230000, not 229999.99999999997.

    >>> scaled("2.3", 10**5), scaled("4.1", 10**5)
    (230000.0, 410000.0)
    """
    return float(Decimal(digits) * scale)


def _worded(text: str, starts: Sequence[int] | None) -> Iterator[regex.Match[str]]:
    """The worded numbers of `text`: a scan, or a match at each of `starts` (from the first pass),
    reaching back for "a"/"an" ("a dozen")."""
    if starts is None:
        yield from WORDS.finditer(text)
        return
    done = 0
    for start in starts:
        if start < done:
            continue  # inside the last match: "sixty" of "sixty-six"
        article = ARTICLE_BEFORE.search(text, max(done, start - 12), start)
        match = (article and WORDS.match(text, article.start())) or WORDS.match(text, start)
        if match:
            done = match.end()
            yield match


def _points(text: str, word_starts: Sequence[int] | None) -> list[NumberMention]:
    """Every single number in `text`; of overlapping spans the longest wins, then the earliest."""
    found = [
        NumberMention(m.start(), m.end(), m.group(), value, None, None, "exact",
                      "digits" if LEADING_ZERO.match(m.group()) else "cardinal")
        for m in DIGITS.finditer(text)
        if (value := _digit_value(m)) is not None
    ]  # fmt: skip
    for m in _worded(text, word_starts):
        if m.group("vague"):
            low, approx = VAGUE_NUMBERS[normalise(m.group())]
            found.append(NumberMention(m.start(), m.end(), m.group(), None, low, None, approx))  # type: ignore[arg-type]
        elif m.group("both"):
            found.append(NumberMention(m.start(), m.end(), m.group(), 2.0, None, None, "exact"))
        else:
            found.extend(_word_numbers(m, m.start()))
    lowered = text.lower()
    if "half" in lowered:
        found = _halves(text, found)
    maybe_dates = any(ch in text for ch in ":/-")
    masked = [m.span() for m in DATE_OR_TIME.finditer(text)] if maybe_dates else []
    found.sort(key=lambda n: (n.start, -(n.end - n.start)))
    kept: list[NumberMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        if any(start < mention.end and mention.start < end for start, end in masked):
            continue
        if _pronoun(text, mention) or (
            kept and kept[-1].kind == "ordinal" and _one_after(text, kept[-1], mention)
        ):
            continue
        kept.append(mention)
    kept = _decimals(text, kept) if "point" in lowered else kept
    return _signed(text, kept) if "minus" in lowered or "plus" in lowered else kept


def _one_after(text: str, ordinal: NumberMention, mention: NumberMention) -> bool:
    """ "the sixth one": "one" after an ordinal is the pronoun."""
    return mention.text.lower() == "one" and text[ordinal.end : mention.start].isspace()


# "minus five degrees"; "plus" is a sign only where no count stands before it ("were plus 20"),
# since "four soldiers plus two civilians" adds counts.
SIGN_BEFORE = Pattern(
    r"""(?:(?<![\w’'-])(?P<sign>minus)
         |(?:^\s*|(?<![\w’'-])(?:is|are|was|were|be|been|have|has|had|of|at|to|from)\s+)
          (?P<sign>plus))\s+$""",
    regex.IGNORECASE | regex.VERBOSE,
)


def _signed(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """Numbers after "minus" or "plus" as signed numbers, their span taking in the sign."""
    signed = []
    for mention in found:
        sign = SIGN_BEFORE.search(text, max(0, mention.start - 20), mention.start)
        if sign and mention.value is not None and mention.kind == "cardinal":
            start = sign.start("sign")
            value = -mention.value if sign.group("sign").lower() == "minus" else mention.value
            mention = NumberMention(
                start, mention.end, text[start : mention.end], value, None, None, "exact", "signed"
            )
        signed.append(mention)
    return signed


_SCALE_WORDS = {"dozen": 12, "hundred": 100, "thousand": 10**3, "lakh": 10**5, "million": 10**6,
                "crore": 10**7, "billion": 10**9}  # fmt: skip
# "half a million", "half a dozen", "half million".
HALF = Pattern(
    r"(?<![\w-])half\s+(?:an?\s+)?(?P<scale>dozen|hundred|thousand|million|billion)(?![\w-])",
    regex.IGNORECASE,
)
AND_A_HALF = Pattern(  # "one and a half million", "a million and a half"
    r"\s+and\s+a\s+half(?:\s+(?P<scale>dozen|hundred|thousand|million|billion))?(?![\w-])",
    regex.IGNORECASE,
)
POINT = Pattern(r"\s+point\s+", regex.IGNORECASE)
LEADING_POINT = Pattern(r"(?:^|(?<=[.!?;:,]\s))\s*(?-i:point)\s+", regex.IGNORECASE)
SPOKEN_ZERO = Pattern(r"(?i:o|zero)(?![\w’'-])\s*")
AT_BEFORE = Pattern(r"(?<![\w-])at\s+$", regex.IGNORECASE)
SCALE_AFTER = Pattern(
    r"\s+(?P<scale>thousand|lakh|million|crore|billion)(?![\w-])", regex.IGNORECASE
)
COUNTED_AFTER = Pattern(rf"\s+(?:{_COUNTED})(?![\w-])", regex.IGNORECASE)


def _halves(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """ "half a million" as a number; "one and a half million" and "a million and a half"."""
    halves = [
        NumberMention(m.start(), m.end(), m.group(), _SCALE_WORDS[m.group("scale").lower()] / 2,
                      None, None, "exact")
        for m in HALF.finditer(text)
    ]  # fmt: skip
    for i, mention in enumerate(found):
        more = AND_A_HALF.match(text, mention.end)
        if more and mention.value is not None:
            words = mention.text.lower().split()
            unit = _SCALE_WORDS.get(words[-1], 1) if not more.group("scale") else 1
            scale = _SCALE_WORDS[more.group("scale").lower()] if more.group("scale") else 1
            value = (mention.value + unit / 2) * scale
            end = more.end()
            found[i] = NumberMention(
                mention.start, end, text[mention.start : end], value, None, None, "exact"
            )
    return found + halves


def _decimal_digits(text: str, start: int, words: list[NumberMention]) -> tuple[str, int, int]:
    """The digits said after "point" from `start` ("two three six" -> "236", "o five" -> "05",
    "ninety-nine" -> "99"), where they end, and the scale closing them ("point three million")."""
    digits, end, scale, k = "", start, 1, 0
    while True:
        zero = SPOKEN_ZERO.match(text, end)
        if zero and not (k < len(words) and words[k].start == end):
            digits, end = digits + "0", zero.end()
            continue
        if k < len(words) and words[k].start == end and words[k].value is not None:
            spoken = words[k].text.lower().split()
            if spoken[-1] in _SCALE_WORDS and spoken[-1] not in ("dozen", "hundred"):
                scale = _SCALE_WORDS[spoken[-1]]
            zeros = len(spoken) - len([w for w in spoken if w not in ("zero", "o")])
            value = int((words[k].value or 0) / scale)
            digits += "0" * zeros + (str(value) if value or not zeros else "")
            end = words[k].end
            k += 1
            gap = regex.match(r"\s*", text[end:])
            if scale == 1 and gap and k < len(words) and words[k].start == end + gap.end():
                end += gap.end()
                continue
        return digits, end, scale


def _decimals(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """Join decimals said in words: "two point three", "nine point nine nine nine", "point one".

    Not after "at" ("at one point two drones were seen" is the idiom, not 1.2), and not when the
    digits after "point" are followed by what is counted ("one point two drones"): counts are whole.
    """
    joined: list[NumberMention] = []
    k = 0
    while k < len(found):
        mention = found[k]
        point = POINT.match(text, mention.end) if _spoken(mention) else None
        if point is None and k == 0:
            point = LEADING_POINT.match(text, 0, mention.start)
            point = point if point and point.end() == mention.start else None
            whole, first = 0.0, text.find("point", point.start()) if point else mention.start
            rest = found[k:]
        else:
            whole, first = mention.value or 0.0, mention.start
            rest = found[k + 1 :]
        if point is None or AT_BEFORE.search(text, max(0, first - 6), first):
            joined.append(mention)
            k += 1
            continue
        words = [w for w in rest if w.start >= point.end() and _spoken(w)]
        digits, end, scale = _decimal_digits(text, point.end(), words)
        scale_after = SCALE_AFTER.match(text, end) if scale == 1 else None
        if not digits or (scale_after is None and scale == 1 and COUNTED_AFTER.match(text, end)):
            joined.append(mention)
            k += 1
            continue
        if scale_after:
            scale, end = _SCALE_WORDS[scale_after.group("scale").lower()], scale_after.end()
        value = scaled(f"{int(whole)}.{digits}", scale)
        joined.append(NumberMention(first, end, text[first:end], value, None, None, "exact"))
        while k < len(found) and found[k].start < end:
            k += 1
    return joined


# "no one was hurt", "one cannot know": "one" as a pronoun counts nothing.
PRONOUN_BEFORE = Pattern(r"(?<![\w-])no\s+$", regex.IGNORECASE)
MODAL_AFTER = Pattern(
    r"\s+(?:can|cannot|can['’]t|could|must|should|would|will|may|might|shall)(?![\w-])",
    regex.IGNORECASE,
)


def _pronoun(text: str, mention: NumberMention) -> bool:
    """Whether a lone "one" is the pronoun: "no one", "one must"."""
    return mention.text.lower() == "one" and bool(
        PRONOUN_BEFORE.search(text, max(0, mention.start - 4), mention.start)
        or MODAL_AFTER.match(text, mention.end)
    )


def _spoken(mention: NumberMention) -> bool:
    """A whole number said in words ("two", "forty nine"), not digits, an ordinal or a vague
    plural."""
    return (
        mention.value is not None
        and mention.text[:1].isalpha()
        and mention.value.is_integer()
        and mention.kind != "ordinal"
    )


def _qualified(text: str, mention: NumberMention) -> NumberMention:
    """Attach the qualifier written before ("at least 5") or after ("5 or more") a number."""
    before = QUALIFIER.search(text, max(0, mention.start - 40), mention.start)
    approx: Approx = mention.approx
    if before:
        approx = QUALIFIERS[normalise(before.group("q"))]  # type: ignore[assignment]
    elif AFTER_QUALIFIER.match(text[mention.end : mention.end + 10]):
        approx = "more_than" if text[mention.end : mention.end + 1] == "+" else "at_least"
    if mention.value is None:  # vague plurals keep their own bound
        return mention
    return NumberMention(
        mention.start, mention.end, mention.text, mention.value, None, None, approx, mention.kind
    )


def _ranges(text: str, points: list[NumberMention]) -> list[NumberMention]:
    """Join "10,000-12,000", "between 11,000 and 12,000" and "46,000 to 80,000" into ranges."""
    joined: list[NumberMention] = []
    i = 0
    while i < len(points):
        first = points[i]
        second = points[i + 1] if i + 1 < len(points) else None
        if (
            second
            and first.value is not None
            and second.value is not None
            and first.kind == second.kind == "cardinal"
        ):
            gap = text[first.end : second.start]
            opener = RANGE_OPENER.search(text, max(0, first.start - 10), first.start)
            word_gap = gap.strip().lower()
            change = (
                word_gap == "to"
                and opener
                and CHANGE_FROM.search(text, max(0, first.start - 80), first.start)
            )
            if (
                RANGE_GAP.match(gap)
                and first.value < second.value
                and (word_gap != "and" or opener is not None)
                and not change
            ):
                joined.append(
                    NumberMention(
                        first.start, second.end, text[first.start : second.end],
                        None, first.value, second.value, "range",
                    )
                )  # fmt: skip
                i += 2
                continue
        joined.append(first)
        i += 1
    return joined


def find_numbers(text: str, word_starts: Sequence[int] | None = None) -> list[NumberMention]:
    """Every number in `text` as a `NumberMention`, in order of position. `word_starts`, where
    the first pass (`number_hints`) saw number words, spares a scan for them.

    >>> [(n.text, n.value, n.approx) for n in find_numbers("at least 1,300 and Sixty-six")]
    [('1,300', 1300.0, 'at_least'), ('Sixty-six', 66.0, 'exact')]
    >>> [(n.text, n.low, n.high, n.approx) for n in find_numbers("between 11,000 and 12,000")]
    [('11,000 and 12,000', 11000.0, 12000.0, 'range')]
    >>> [(n.text, n.value, n.kind) for n in find_numbers("the third day, minus five, 0800")]
    [('third', 3.0, 'ordinal'), ('minus five', -5.0, 'signed'), ('0800', 800.0, 'digits')]
    """
    if not isinstance(text, str):
        return []
    return [
        _qualified(text, mention) if mention.approx != "range" else mention
        for mention in _ranges(text, _points(text, word_starts))
    ]
