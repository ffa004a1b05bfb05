"""References to documents in Vietnamese text, as officials and reporters write them, and one
key per document to look them up by.

"Chỉ thị số 05-CT/TW", "chi thi 05/CT-TW", "05-CT/TW", "Quy định số 101-QĐ/TW, ngày 07-6-2012",
"Nghị quyết số 05/2016/NQ-HĐND" and "Công văn số 123/UBND-VP" are all references; the key is the
kind's code in document symbols, the number without leading zeros, the year when the symbol
has one, and the issuer: "ct-5-tw", "nq-5-2016-hdnd", "cv-123-ubnd-vp". The code comes from the
symbol when there is one ("Quy định" and "Quyết định" are both QĐ), otherwise from the kind word.

Text is matched folded (website.text.fold), so "chi thi so 05-CT/TW" typed without accents is
the same reference. Offsets are into `clean(text)`, which is what callers replace.
"""

import dataclasses
import datetime
import functools
import re

from website.text import clean, fold, match_key

# Kind words (folded, lower-case) and the code each kind has in document symbols.
KIND_CODES = {
    "chi thi": "ct",
    "nghi quyet": "nq",
    "quy dinh": "qd",
    "quyet dinh": "qd",
    "ke hoach": "kh",
    "huong dan": "hd",
    "thong bao": "tb",
    "cong van": "cv",
    "ket luan": "kl",
    "thong tu": "tt",
    "nghi dinh": "nd",
    "bao cao": "bc",
    "chuong trinh": "ctr",
    "de an": "da",
    "to trinh": "ttr",
    "quy che": "qc",
}
CODES = frozenset(KIND_CODES.values())

_KIND = "|".join(word.replace(" ", r"\s+") for word in sorted(KIND_CODES, key=len, reverse=True))
_CODE = "|".join(sorted(CODES, key=len, reverse=True))
# "TW", "HU", "UBND-VP", "BTGTW", "TTg": letters, parts joined by "-" or "/" without spaces.
_ISSUER = r"[a-z]{1,10}(?:[-/][a-z]{1,10})*"
_DASH = r"[-–—]"
_SEP = r"[-–—/]"

_REFERENCE = re.compile(
    rf"""
    (?:(?<!\w)(?P<kind>{_KIND})(?:\s+(?P<so>so)(?:\s*[.:])?)?\s*)?
    # Without a kind word, a number starts a word: not the "195" of "1.195", nor the "9" of "20/9".
    (?(kind)|(?<![\w/.,–—-]))(?P<number>\d{{1,5}})
    (?:
        # 05-CT/TW, 05/CT-TW, 05 – CT/TW, 05/2016/NQ-HĐND, 123/QĐ-UBND
        \s*(?:{_SEP}|\.)\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?
        (?P<code>{_CODE})\s*{_SEP}\s*(?P<issuer>{_ISSUER})
      |
        # 123/UBND-VP: a symbol without the kind's code, only after a kind word.
        \s*/\s*(?:(?P<bare_year>(?:19|20)\d\d)\s*/\s*)?(?P<bare_issuer>{_ISSUER})
    )?
    (?![\w])
    (?P<date>
        \s*,?\s*(?:ban\s+hanh\s+)?ngay\s+(?P<day>\d{{1,2}})
        (?:\s*{_SEP}\s*|\s*\.\s*|\s+thang\s+)(?P<month>\d{{1,2}})
        (?:\s*{_SEP}\s*|\s*\.\s*|\s+nam\s+)(?P<date_year>\d{{4}})(?!\d)
    )?
    """,
    re.IGNORECASE | re.VERBOSE,
)

# What follows a number that counts things rather than names a document: "kế hoạch 5 năm",
# "Hướng dẫn 3 bước", "Quy định 10 điều" (folded; the first word of "nội dung", "nhiệm vụ"…).
# fmt: off
_COUNTED = frozenset({
    "nam", "thang", "ngay", "tuan", "quy", "gio", "phut", "diem", "buoc", "dieu", "khoan",
    "chuong", "muc", "noi", "nhiem", "giai", "van", "nguoi", "lan", "ty", "trieu", "nghin",
    "ngan", "dong", "xa", "ap", "to", "%",
})
# fmt: on
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+|%)")
_QUERY = re.compile(rf"\s*(?P<code>{_KIND}|{_CODE})\s*[-.]?\s*(?:so\s*)?(?P<number>\d{{1,5}})\s*")


@dataclasses.dataclass(frozen=True)
class Reference:
    code: str
    number: str
    issuer: str = ""
    year: str = ""
    date: datetime.date | None = None
    # Where the reference (without its date) is in `clean(text)`, and how it is written there.
    start: int = 0
    end: int = 0
    text: str = ""

    @property
    def key(self):
        return "-".join(part for part in (self.code, self.number, self.year, self.issuer) if part)

    @property
    def partial_key(self):
        """Kind and number only: what "Chỉ thị số 05" or "CT05" says of a document."""
        return f"{self.code}-{self.number}"


def _folded(text):
    """`fold(text)` with one character for each of `text`'s, so offsets carry over."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded
    return "".join(map(_fold_char, text))


# Text that is not NFC (decomposed marks, common in old stories) is folded letter by letter:
# a whole import's bodies are a few dozen distinct letters.
@functools.lru_cache(maxsize=4096)
def _fold_char(char):
    folded = fold(char)
    return folded if len(folded) == 1 else char


def _date(match):
    if not match["date"]:
        return None
    try:
        return datetime.date(int(match["date_year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _issuer(text):
    return "-".join(match_key(text).split()) if text else ""


def _names_a_document(match, text, folded, strict):
    """Whether a match is a reference rather than a number near a kind word."""
    if match["code"]:
        return True
    if not match["kind"]:
        return False
    if match["so"] or match["bare_issuer"] or not strict:
        return True
    # "Chỉ thị 05" without "số" or symbol: a title (capitalised), not "kế hoạch 5 năm", not a year.
    if not text[match.start("kind")].isupper():
        return False
    if 1900 <= int(match["number"]) <= 2099:
        return False
    after = folded[match.end("number") :]
    if re.match(rf"\s*{_SEP}\s*\d", after):
        return False
    following = _NEXT_WORD.match(after)
    return not (following and following.group(1).lower() in _COUNTED)


def find_references(text, strict=True):
    """Every reference to a document in `text`, in order.

    `strict` (prose) wants "số" or a symbol after a lower-case kind word; a search box does not
    ("chi thi 05").
    """
    text = clean(text)
    folded = _folded(text)
    found = []
    for match in _REFERENCE.finditer(folded):
        if not _names_a_document(match, text, folded, strict):
            continue
        code = (match["code"] or KIND_CODES[" ".join(match["kind"].lower().split())]).lower()
        start = match.start("kind") if match["kind"] else match.start("number")
        end = match.start("date") if match["date"] else match.end()
        found.append(
            Reference(
                code=code,
                number=str(int(match["number"])),
                issuer=_issuer(match["issuer"] or match["bare_issuer"]),
                year=match["year"] or match["bare_year"] or "",
                date=_date(match),
                start=start,
                end=end,
                text=text[start:end],
            )
        )
    return found


def parse_query(text):
    """The one reference a reader typed as a whole ("05/CT-TW", "chi thi 05", "CT05",
    "Chỉ thị số 05-CT/TW ngày 07-6-2012"), or None."""
    text = clean(text).strip()
    found = find_references(text, strict=False)
    if len(found) == 1 and not text[: found[0].start].strip(" ,.;:"):
        match = _REFERENCE.match(_folded(text), found[0].start)
        if match and not text[match.end() :].strip(" ,.;:"):
            return found[0]
    match = _QUERY.fullmatch(_folded(text).lower())
    if match:
        word = " ".join(match["code"].split())
        return Reference(code=KIND_CODES.get(word, word), number=str(int(match["number"])))
    return None


def parse_number(number, kind_word):
    """The reference of a document whose number and symbol are written `number` ("05-CT/TW",
    "123/UBND-VP") and whose kind is `kind_word` ("chi thi"; None for a kind without one), or
    None when `number` is not one reference."""
    prefix = f"{kind_word} so " if kind_word else ""
    text = prefix + clean(number).strip()
    found = find_references(text, strict=False)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text) > len(prefix):
        return found[0]
    return None
