"""Matching each Kazakh document of a package with its Russian counterpart.

Clause 15 wants every material in both languages, so every kk document needs a ru one of the
same role.  Names differ between the languages (``Анықтама_каз.docx`` / ``Справка_рус.docx``),
so a pair is scored on role, name (after language markers are removed and role words mapped
to one vocabulary), and structure: slide or page count, numbered-item markers, and the
figures both texts carry (figures differ between random documents almost always).  The best
pairs are taken greedily, one to one.  A material saved in two formats under one name (a .docx
and its .pdf), or printed or scanned to a PDF of another name whose text is its text, is matched
once; the other file is its copy.  Pure: works on descriptors, reads no file.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from validator.formats.cms import unsigned_name
from validator.language.filename import KK_MARKERS, RU_MARKERS, language_from_filename

# Role words of the two languages mapped to one token, so "Анықтама" matches "Справка".
ROLE_WORDS = {
    "анықтама": "reference", "справка": "reference",
    "баяндама": "report", "доклад": "report",
    "таныстырылым": "presentation", "презентация": "presentation", "presentation": "presentation",
    "қаулы": "resolution", "постановление": "resolution", "постановления": "resolution",
    "жобасы": "draft", "проект": "draft",
    "хаттамалық": "protocol", "протокольное": "protocol", "протокольного": "protocol",
    "шешім": "decision", "шешімі": "decision", "решение": "decision", "решения": "decision",
    "салыстырма": "comparison", "сравнительная": "comparison",
    "кесте": "table", "кестесі": "table", "таблица": "table",
    "қатысушылар": "participants", "участников": "participants",
    "тізімі": "list", "список": "list",
    "ақпарат": "information", "информация": "information",
}
_BILINGUAL = "mixed"


@dataclass(frozen=True)
class PairCandidate:
    """What pairing knows of one document."""

    path: str
    kind: str
    language: str | None
    role: str | None = None
    units: int | None = None  # slides of a deck, pages of a PDF
    markers: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    readable: bool = True  # False: its text could not be read; only its name speaks
    sha256: str | None = None  # the file's bytes: the same file twice is one material
    shingles: frozenset[int] = frozenset()  # its text's word pairs (``text_shingles``)

    @property
    def effective_language(self) -> str | None:
        """The content's language; the file name decides only when content cannot."""
        if self.language in ("kk", "ru", "en", _BILINGUAL):
            return self.language
        return language_from_filename(self.path)


@dataclass(frozen=True)
class Pair:
    """A matched kk/ru pair and its score (higher is more alike)."""

    kk: PairCandidate
    ru: PairCandidate
    score: float


@dataclass(frozen=True)
class Pairing:
    """Pairs, documents without a counterpart, and documents that need no counterpart."""

    pairs: tuple[Pair, ...]
    unpaired: tuple[PairCandidate, ...]  # kk or ru documents with no counterpart
    bilingual: tuple[PairCandidate, ...]  # hold both languages themselves
    other_language: tuple[PairCandidate, ...]  # neither kk nor ru (en)
    undetermined: tuple[PairCandidate, ...]  # language unknown even from the name
    #: (copy, the document it copies): the same material in another format, beside it
    copies: tuple[tuple[PairCandidate, PairCandidate], ...] = ()
    #: (a file, the file of its name in another format whose text it does not share): two
    #: materials, or an old print beside the current document, never one material's copies
    apart: tuple[tuple[PairCandidate, PairCandidate], ...] = ()


#: A file name's extension.
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
#: The share of their word pairs (of all either holds: Jaccard) at and above which a PDF and a
#: file of another format in one language hold one text: a print or scan of the document.
#: Measured on the samples' references: a PDF saved from the .docx 1.0, the same PDF printed
#: at 300 dpi and read by Tesseract 0.94 (kk 1.0); two references of one language 0.03-0.34.
COPY_SIMILARITY = 0.5
#: Texts with fewer word pairs are too short to tell a copy by (a title, a list's header).
COPY_MIN_SHINGLES = 20
#: The share of word pairs under which two files of one name hold other texts, not one
#: material in two formats (two references of one language share 0.03-0.34; an OCR-read scan
#: that shares less is read unsurely, and its text is then not compared at all).
OTHER_TEXT = 0.2
#: Roles whose material is a table, kept in Word in one language and in Excel in the other as
#: often as not: their document and workbook pair (any other document and workbook do not,
#: and a deck never pairs with a document).
TABLE_ROLES = frozenset({"participant-list", "comparison-table"})
_TABLE_KINDS = frozenset({"document", "spreadsheet"})


def may_pair(kk: PairCandidate, ru: PairCandidate) -> bool:
    """Whether two files' kinds and roles let them be one material's two versions: one kind
    and no two roles, or a table's document and workbook (``TABLE_ROLES``)."""
    if kk.role and ru.role and kk.role != ru.role:
        return False
    if kk.kind == ru.kind:
        return True
    return {kk.kind, ru.kind} == _TABLE_KINDS and kk.role == ru.role and kk.role in TABLE_ROLES


def text_shingles(text: str) -> frozenset[int]:
    """The pairs of consecutive words of ``text`` (letter case aside), each as a CRC-32: what
    a print or a scan of a document keeps of it, whatever its layout and line breaks."""
    words = re.findall(r"\w+", text.casefold())
    return frozenset(zlib.crc32(f"{a} {b}".encode()) for a, b in itertools.pairwise(words))


def _alike(a: PairCandidate, b: PairCandidate) -> float | None:
    """The share of their word pairs two texts have in common (Jaccard), or None when either is
    too short to tell."""
    if min(len(a.shingles), len(b.shingles)) < COPY_MIN_SHINGLES:
        return None
    shared = len(a.shingles & b.shingles)
    return shared / (len(a.shingles) + len(b.shingles) - shared)


def _same_text(a: PairCandidate, b: PairCandidate) -> bool:
    """Whether one of ``a`` and ``b`` is a PDF of the other's text in another format: their
    word pairs alike, and their figures too (a print keeps the figures; this month's report
    beside last month's shares its wording, not its figures)."""
    if (_name_parts(a.path)[2] == "pdf") == (_name_parts(b.path)[2] == "pdf"):
        return False
    alike = _alike(a, b)
    if alike is None or alike < COPY_SIMILARITY:
        return False
    return not (a.figures and b.figures) or _jaccard(a.figures, b.figures) >= COPY_SIMILARITY


def name_key(path: str) -> str:
    """The file name without folder, extension, language markers and case, role words mapped."""
    base = unsigned_name(re.split(r"[\\/]", path)[-1])
    stem = _EXTENSION.sub("", base).lower()
    words = [w for w in re.split(r"[\W_]+", stem) if w]
    kept = [ROLE_WORDS.get(w, w) for w in words if w not in KK_MARKERS and w not in RU_MARKERS]
    return " ".join(kept)


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
    if not a and not b:
        return 0.5
    return difflib.SequenceMatcher(None, list(a), list(b), False).ratio()


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    ca, cb = Counter(a), Counter(b)
    union = sum((ca | cb).values())
    return sum((ca & cb).values()) / union if union else 0.5


def score(kk: PairCandidate, ru: PairCandidate) -> float | None:
    """How alike two documents are as a translation pair; None when they cannot pair."""
    if not may_pair(kk, ru):
        return None
    total = 2.0 if kk.role and kk.role == ru.role else 0.0
    total += difflib.SequenceMatcher(None, name_key(kk.path), name_key(ru.path)).ratio()
    if kk.units and ru.units:
        total += 1 - abs(kk.units - ru.units) / max(kk.units, ru.units)
    total += _ratio(kk.markers, ru.markers)
    total += _jaccard(kk.figures, ru.figures)
    return total


def _name_parts(path: str) -> tuple[str, str, str]:
    """A file's folder, its name without the extension (letter case aside) and its extension
    (lower case), read as Windows reads a name that ends in dots or spaces."""
    folder, _, base = path.replace("\\", "/").rpartition("/")
    base = unsigned_name(base.rstrip(". "))
    ext = _EXTENSION.search(base)
    stem = base[:ext.start()] if ext else base
    return (folder, unicodedata.normalize("NFC", stem).casefold(),
            ext.group()[1:].lower() if ext else "")


def _copies(candidates: Sequence[PairCandidate]
            ) -> tuple[list[PairCandidate], tuple[tuple[PairCandidate, PairCandidate], ...],
                       tuple[tuple[PairCandidate, PairCandidate], ...]]:
    """The candidates that take part in pairing, the copies left out of it, and the files of
    one name that are not copies: their texts share under ``OTHER_TEXT`` of their word pairs.

    Files of one folder and one name, extension aside, in one language, are one material
    saved in several formats (``Справка_рус.docx`` and the ``Справка_рус.pdf`` printed or
    scanned from it, or the ``Справка_рус.docx.cms`` it was signed in); so is a PDF of
    another name whose text is a file's of another format (``Справка_рус_подписанная.pdf``,
    its word pairs ``COPY_SIMILARITY`` alike). The same file twice
    (the same bytes under another name or in another folder: a download saved again as
    ``Справка_рус (1).docx``) is one material too. One file of a group stands for the
    material: a file whose text was read before one whose was not, an editable format before
    PDF, a file in fewer folders, the shorter name (a copy's name is usually the original's and
    more), then by path. The others are its copies: a material in
    both languages needs no second counterpart for each format or copy. Files of one name
    whose texts are plainly other (an old print of the reference beside its current .docx)
    are not copies: each needs its own counterpart, and LNG001 names the other one.
    """
    keys: dict[tuple[str, ...], list[PairCandidate]] = {}
    for c in candidates:
        lang = c.effective_language
        if lang in ("kk", "ru"):
            folder, stem, _ = _name_parts(c.path)
            keys.setdefault(("name", folder, stem, lang), []).append(c)
            if c.sha256:
                keys.setdefault(("bytes", c.sha256, lang), []).append(c)
    lead: dict[str, str] = {}  # a path -> a path of its group (union-find)

    def root(path: str) -> str:
        while lead.setdefault(path, path) != path:
            path = lead[path]
        return path

    apart: list[tuple[PairCandidate, PairCandidate]] = []
    for key, members in keys.items():
        for c in members[1:]:
            alike = _alike(c, members[0]) if key[0] == "name" else None
            if alike is not None and alike < OTHER_TEXT:
                apart.append((c, members[0]))
                continue
            lead[root(c.path)] = root(members[0].path)
    for a, b in itertools.combinations([c for c in candidates if c.shingles], 2):
        if a.effective_language == b.effective_language in ("kk", "ru") and _same_text(a, b):
            lead[root(b.path)] = root(a.path)
    groups: dict[str, list[PairCandidate]] = {}
    for c in candidates:
        if c.path in lead:
            groups.setdefault(root(c.path), []).append(c)
    copies: list[tuple[PairCandidate, PairCandidate]] = []
    for group in groups.values():
        group.sort(key=_standing)
        copies.extend((c, group[0]) for c in group[1:])
    left_out = {copy.path for copy, _ in copies}
    kept = [c for c in candidates if c.path not in left_out]
    return kept, tuple(sorted(copies, key=lambda pair: pair[0].path)), tuple(apart)


def _standing(c: PairCandidate) -> tuple[bool, bool, int, int, str]:
    """Which file of a group of copies stands for the material: the least comes first."""
    folder, stem, ext = _name_parts(c.path)
    return not c.readable, ext == "pdf", folder.count("/"), len(stem), c.path


def pair_documents(candidates: Sequence[PairCandidate]) -> Pairing:
    """Match kk documents with ru documents, best-scoring pairs first, one to one; a copy of a
    document in another format (``_copies``) is not matched on its own."""
    candidates, copies, apart = _copies(candidates)
    kk = [c for c in candidates if c.effective_language == "kk"]
    ru = [c for c in candidates if c.effective_language == "ru"]
    scored: list[tuple[float, int, int]] = []
    for i, a in enumerate(kk):
        for j, b in enumerate(ru):
            s = score(a, b)
            if s is not None:
                scored.append((s, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_kk: set[int] = set()
    used_ru: set[int] = set()
    pairs: list[Pair] = []
    for s, i, j in scored:
        if i in used_kk or j in used_ru:
            continue
        used_kk.add(i)
        used_ru.add(j)
        pairs.append(Pair(kk[i], ru[j], round(s, 3)))
    unpaired = [c for i, c in enumerate(kk) if i not in used_kk]
    unpaired += [c for j, c in enumerate(ru) if j not in used_ru]
    return Pairing(
        pairs=tuple(sorted(pairs, key=lambda p: p.kk.path)),
        unpaired=tuple(sorted(unpaired, key=lambda c: c.path)),
        bilingual=tuple(c for c in candidates if c.effective_language == _BILINGUAL),
        other_language=tuple(c for c in candidates if c.effective_language == "en"),
        undetermined=tuple(c for c in candidates if c.effective_language is None),
        copies=copies,
        apart=apart,
    )
