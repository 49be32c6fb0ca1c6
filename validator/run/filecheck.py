"""One file through the file rules: a Document for the member (or its cached report), the
rules for its kind, FIL001/FIL003 when a rule cannot finish, and its FileReport (counts,
role, language, slide pictures). The run's per-file check (``run.filejob.FileJob``, which the
reader runs in its workers) calls ``check_file`` for every file; nothing here knows how files
are scheduled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from validator.checks import ALL_RULES, RULES_BY_CODE
from validator.checks.base import SHIPPED_VIEWS
from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import (
    NOT_READ,
    FileReport,
    Finding,
    has_code,
)
from validator.files.document import Document
from validator.files.member import Member, ReadLimits, format_of
from validator.formats.archive import ArchiveLimits
from validator.formats.ocr import OcrSettings
from validator.materials.roles import RoleResult, classify_role
from validator.paging import PageCounter, PageCountUnavailable
from validator.run import failsafe as guard
from validator.run.ocr_review import ocr_hit
from validator.run.stamping import ALWAYS_ON, Stamper, failure_hit
from validator.settings.profile import Profile
from validator.slides.picture import slide_shapes

if TYPE_CHECKING:
    from validator.language import LanguageResult
    from validator.storage.cache import FileCache


def read_limits(profile: Profile) -> ReadLimits:
    """Build the reading limits from the profile's FIL003 parameters."""
    settings = profile.rules.get("FIL003")
    if settings is None:
        raise UnreadableError("the profile has no [rules.FIL003] limits")
    p = settings.params
    archive = ArchiveLimits(
        max_members=p["max_members"],
        max_total_bytes=p["max_total_bytes"],
        max_member_bytes=p["max_member_bytes"],
        max_ratio=p["max_ratio"],
        ratio_min_bytes=p["ratio_min_bytes"],
        max_nesting=p["max_nesting"],
    )
    ocr = profile.rules.get("FIL002")
    return ReadLimits(archive, p["max_part_bytes"], p.get("max_part_elements"),
                      p.get("pdf_max_stream_bytes"),
                      OcrSettings.from_params(ocr.params if ocr is not None else {}))


def _role(doc: Document) -> RoleResult:
    """The classification step; a file that cannot be read is classified by its name."""
    try:
        return doc.role
    except Exception:  # hostile input must not stop the run; the name is still evidence
        return classify_role(doc.name)


def _run_file_rules(doc: Document, stamper: Stamper, package: str) -> list[Finding]:
    findings: list[Finding] = []
    kind = doc.kind  # "other": only FIL002 applies (a file that is not a material is named)
    for rule in ALL_RULES:
        if rule.scope != "file" or kind not in rule.kinds or not stamper.active(rule):
            continue
        if rule.code not in ALWAYS_ON and stamper.settings.ignored_for(rule.code, doc.path):
            continue
        params = stamper.profile.rules[rule.code].params
        try:
            hits = list(rule.check(doc, params))
        except MemoryError:
            raise  # the worker reports it and is replaced
        except Exception as exc:  # any failure on hostile input is a finding, never a crash
            code, hit = failure_hit(exc, rule)
            target = RULES_BY_CODE[code]
            if code == "SEC003" and not stamper.active(target):
                code, target = "FIL001", RULES_BY_CODE["FIL001"]  # never a silent pass
            if stamper.active(target):
                f = stamper.stamp(target, hit, package, doc.path)
                if f is not None:
                    findings.append(f)
            break
        for hit in hits:
            hit = ocr_hit(rule.code, hit, (doc,))  # text read by OCR: say so, unsure: review
            f = stamper.stamp(rule, hit, package, doc.path)
            if f is not None:
                findings.append(f)
        if rule.code == "FIL001" and hits:
            break  # nothing else can be judged on a file that cannot be read
    return findings


def _counts(doc: Document,
            findings: Sequence[Finding]) -> tuple[int | None, int | None, str | None]:
    """Slides of a deck, or pages of a document and how they were counted."""
    if has_code(findings, NOT_READ):
        return None, None, None
    try:
        if doc.format == "pdf" and doc.kind == "presentation":
            return len(doc.pdf.pages), None, None
        if doc.container == "zip" and doc.declared_kind == "presentation":
            return len(doc.deck.slides), None, None
        if doc.kind == "document" and (doc.format == "pdf" or doc.page_counter is not None):
            # Without LibreOffice: a rule that needs the exact count (DOC001) asks for
            # ``page_count`` and the report is updated with it after the package rules.
            count = doc.quick_page_count
            return None, count.pages, count.method
    except (UnreadableError, LimitError, PageCountUnavailable):
        return None, None, None
    return None, None, None


def needs_language(stamper: Stamper) -> bool:
    """Whether the reports must carry each file's language: an active rule reads it
    (``Rule.reads_language``; package rules read it from the file reports)."""
    return any(rule.reads_language and stamper.active(rule) for rule in ALL_RULES)


def _language(doc: Document, findings: Sequence[Finding],
              needed: bool = True) -> LanguageResult | str | None:
    """The document's language for the report; None when its text cannot be read, and the
    reason ``not-needed`` when no active rule reads it and none has computed it (``needed``:
    see ``needs_language``), so the detector is not run for nothing."""
    if doc.declared_kind in ("other", "legacy") or has_code(findings, NOT_READ):
        return None
    if not needed and not doc.has_view("language"):
        return "not-needed"
    try:
        return doc.language
    except (UnreadableError, LimitError):
        return None


def check_file(member: Member, stamper: Stamper, limits: ReadLimits, package: str,
               page_counter: PageCounter | None = None,
               cache: FileCache | None = None) -> tuple[Document, FileReport]:
    """Check one file; return the opened document (for package rules) and its report.

    With a ``cache``, a file whose content, path and settings were seen before is not opened:
    its report comes from the cache, with the views package rules read (its text), so the
    document stays lazy and unparsed.
    """
    doc, cached, key = cached_file(member, limits, package, page_counter, cache)
    if cached is not None:
        return doc, cached
    report = _file_report(doc, stamper, package)
    store_file(cache, key, doc, report)
    return doc, report


def cached_file(member: Member, limits: ReadLimits, package: str,
                page_counter: PageCounter | None, cache: FileCache | None
                ) -> tuple[Document, FileReport | None, str | None]:
    """A Document for ``member``, and its cached report and cache key (None without)."""
    doc = Document(member, limits, page_counter)
    key = None
    if cache is not None:
        if member.disk is not None and member.blob is None:
            try:
                doc.adopt_digest(cache.digest(member.disk))
            except OSError:  # e.g. permission denied: not cached; the reader says FIL001
                return doc, None, None
        key = cache.key(doc.sha256, doc.path, package)
        found = cache.get_with_views(key)
        if found is not None:
            cached, views = found
            doc.adopt(views)
            return doc, cached, key
    return doc, None, key


def store_file(cache: FileCache | None, key: str | None, doc: Document,
               report: FileReport) -> None:
    """Keep a file's report and the views package rules read in the cache."""
    if cache is not None and key is not None:
        cache.put(key, report, doc.views(SHIPPED_VIEWS))


def _file_report(doc: Document, stamper: Stamper, package: str) -> FileReport:
    findings = _run_file_rules(doc, stamper, package)
    slides, pages, pages_method = _counts(doc, findings)  # a scan's pages are still counted
    no_text = guard.no_text_hit(doc, findings)
    if no_text is not None:
        f = stamper.stamp(RULES_BY_CODE["FIL001"], no_text, package, doc.path)
        findings.extend(() if f is None else (f,))
    role = _role(doc)
    extra = _slide_pictures(doc, findings)
    own = format_of(doc.name) or "none"  # a converted file: its own extension
    if doc.member.signed is not None:  # read out of its signature file: that file's extension
        extra += (("signed", own),)
        own = doc.member.signed
    if doc.member.converted_from is not None:
        extra += (("converted_from", doc.member.converted_from),)
    elif doc.member.read_as is not None:  # Office Open XML under a legacy name, read as is
        extra += (("read_as", doc.member.read_as),)
    lang = _language(doc, findings, needs_language(stamper))
    if isinstance(lang, str):  # left null: the report says why
        extra += (("language_reason", lang),)
        lang = None
    report = FileReport(
        path=doc.path,
        format=own,
        kind=doc.kind,
        size=doc.size,
        sha256=doc.sha256,
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        role=role.role,
        role_reason=role.reason,
        slides=slides,
        pages=pages,
        pages_method=pages_method,
        extra=extra,
        language=lang.language if lang else None,
        language_shares=dict(lang.shares) if lang else None,
        script=lang.script if lang else None,
    )
    return report


def _slide_pictures(doc: Document, findings: Sequence[Finding]) -> tuple[tuple[str, Any], ...]:
    """For a PresentationML deck whose findings point at slides: every text shape's box on
    each flagged slide (``slide_shapes``) and the slide size, so reports can draw the slide."""
    if doc.container != "zip" or doc.declared_kind != "presentation":
        return ()
    flagged = {p.slide for f in findings for p in f.places if p.slide is not None}
    if not flagged or has_code(findings, NOT_READ):
        return ()
    try:
        picture = slide_shapes(doc.slide_runs, doc.deck, flagged)
    except (UnreadableError, LimitError):
        return ()
    return tuple(picture.items())


