"""Wording shared by the reports for people: where a finding is, language shares, rule links.

Everything is looked up in the message catalogue (``messages/_ui.toml``), so each report reads
the same in Kazakh, Russian and English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from validator.core.catalogue import RuleText, clause_ref, limit_kind, ui
from validator.core.findings import (
    FileReport,
    FileState,
    Finding,
    Location,
    Notice,
    PackageReport,
    Report,
    Status,
    number_ranges,
)
from validator.files.member import format_of
from validator.materials.roles import MANIFEST_REASON
from validator.plain.places import place_words
from validator.plain.quantities import language_name, quantity, shares_words

#: The project's home; rule documentation lives in docs/RULES.md there.
PROJECT_URL = "https://github.com/akimat-validator/validator"


def rule_url(code: str) -> str:
    """Where rule ``code`` is documented: the rule catalogue, docs/RULES.md (its table has one
    row per code; ``validator explain CODE`` prints the full text)."""
    return f"{PROJECT_URL}/blob/main/docs/RULES.md"


def split_member(path: str) -> tuple[str, str | None]:
    """``item.zip/Справка.docx`` -> (``item.zip``, ``Справка.docx``): the file in the checked
    tree (what code scanning and CI annotations can point at) and the member inside it."""
    pos = path.lower().find(".zip/")
    if pos >= 0:
        return path[:pos + 4], path[pos + 5:]
    return path, None


def where_text(location: Location, lang: str) -> str:
    """A finding's place in plain words, e.g. ``slide 3, text box «Title 1»``, ``header of the
    document, paragraph 1`` (empty: whole file); see ``validator.plain.places``."""
    return place_words(location, lang)


def member_path(file: str | None, package: str) -> str:
    """The member a package's finding is about (a link or a special file found inside the
    package), given the finding's ``file`` and its package's path, or "" when the finding is
    about the package as a whole. The CLI's reports and the gate's pages (which read a
    stored JSON report) both name it through here."""
    return file if file and file != package else ""


def member_of(f: Finding, package: str) -> str:
    """``member_path`` of a finding object."""
    return member_path(f.file, package)


def finding_where(f: Finding, lang: str) -> str:
    """Where a finding is, in words: its place, or ``slides 2-8`` when it shows at several;
    several places on one slide are ``slide 1`` (one slide is never "slides")."""
    places = f.places
    if len(places) == 1:
        return where_text(places[0], lang)
    slides = [p.slide for p in places if p.slide is not None]
    if slides and len(slides) == len(places):
        if len(set(slides)) == 1:
            return ui(lang, "where.slide", n=slides[0])
        return ui(lang, "where.slides", range=number_ranges(slides))
    return "; ".join(where_text(p, lang) for p in places)


#: The language of the technical detail (places in the files' own terms, the readers'
#: evidence, the run's notes on page counting): English, as JSON and SARIF carry it. The
#: reports for people fold it under "details" in that language only; a Kazakh or Russian
#: report says once where to find it (``technical_pointer``), so every word it shows is in
#: its language.
TECHNICAL_LANG = "en"


def details_text(f: Finding, lang: str = TECHNICAL_LANG) -> str:
    """The technical detail of a finding, for the folded "details" line of the reports for
    people: the technical place (``slide[2]/shape[TextBox 4]``, the part), the root and the
    evidence, as JSON and SARIF carry them. Empty when there is none, and in a report whose
    language is not ``TECHNICAL_LANG``."""
    if lang != TECHNICAL_LANG:
        return ""
    logical = finding_logical(f)
    parts = [logical]
    part = f.location.part
    if part and part not in logical:
        parts.append(f"part[{part}]")
    if f.root is not None:
        parts.append(f"{f.root.part} {f.root.element}")
    parts.append(f.evidence)
    return "; ".join(dict.fromkeys(p for p in parts if p))


def technical_pointer(lang: str, findings: Iterable[Finding], notes: Sequence[str] = ()) -> str:
    """The line a Kazakh or Russian report for people ends with when it leaves technical
    detail out (the ``findings`` it shows have evidence or a place in the file's terms, or it
    leaves out the run's ``notes``): where to read it. Empty in ``TECHNICAL_LANG`` (the detail
    is folded in place) and when there is none."""
    if lang == TECHNICAL_LANG:
        return ""
    if notes or any(details_text(f) for f in findings):
        return ui(lang, "report.technical_in_json")
    return ""


def finding_logical(f: Finding) -> str:
    """The technical place of a finding (``slide[3]/shape[Title 1]``; ``slide[2-8]`` for many)."""
    places = f.places
    if len(places) == 1:
        return places[0].logical()
    slides = [p.slide for p in places if p.slide is not None]
    if slides and len(slides) == len(places):
        return f"slide[{number_ranges(slides)}]"
    return "; ".join(p.logical() for p in places)


_REASON = re.compile(r"^(file type|file name|document title|first heading|line (\d+)): (.*)$")
_REASON_KEYS = {"file type": "why.file_type", "file name": "why.file_name",
                "document title": "why.title", "first heading": "why.heading"}


def role_text(role: str | None, lang: str) -> str:
    """A file's role in words (``анықтама``), the code itself when the catalogue lacks it."""
    if not role:
        return ""
    from validator.materials.roles import role_label

    return role_label(role, lang) or role


def role_reason_text(reason: str | None, lang: str) -> str:
    """Why a file has its role, in ``lang``: ``файл атауы: «Анықтама»``.

    The reason is stored in the report as the classifier wrote it (``file name: 'Анықтама'``);
    only its known forms are put into words, anything else is shown as it is.
    """
    if not reason:
        return ""
    if reason.startswith("no role named"):
        return ui(lang, "why.none")
    if reason == MANIFEST_REASON:
        return ui(lang, "why.manifest")
    m = _REASON.match(reason)
    if m is None:
        return reason
    quoted = m.group(3)
    if len(quoted) >= 2 and quoted[0] == quoted[-1] and quoted[0] in "'\"":
        quoted = f"«{quoted[1:-1]}»"
    if m.group(2):
        return ui(lang, "why.line", n=m.group(2), text=quoted)
    return ui(lang, _REASON_KEYS[m.group(1)], text=quoted)


def shares_text(shares: dict[str, float] | None, lang: str = "en") -> str:
    """``казахский 93 %, русский 7 %``, largest first (empty when unknown)."""
    return shares_words(shares, lang)


def language_text(code: str | None, shares: dict[str, float] | None, lang: str) -> str:
    """A file's language by name, with the shares when it is not one language alone:
    ``русский язык``, ``смешение языков (казахский 60 %, русский 40 %)``."""
    name = language_name(code, lang)
    if not name or not shares or max(shares.values()) >= 0.995:
        return name
    return f"{name} ({shares_words(shares, lang)})"


def value_text(value: object, unit: str | None, lang: str = "en") -> str:
    """A measured value with its unit in ``lang``'s words (``14 пт``, ``3 слайда``)."""
    return quantity(value, unit, lang)


#: The measured line's words by the kind of a rule's limit (``limit_kind``).
_MEASURED_KEYS = {"minimum": "report.measured_min", "exact": "report.measured_exact",
                  "maximum": "report.measured"}


def measure_text(f: Finding, lang: str) -> str:
    """What a finding measured against its limit, in words: ``measured: 10.05 pt; required:
    at least 20 pt`` for a rule whose limit is a minimum, ``measured: 4:3 (1.33); required:
    16:9 (1.78)`` for one that asks for a value exactly, ``measured: 12 MB; allowed: 10 MB``
    otherwise (``limit_kind``); empty when the finding has no measured value or no limit."""
    if f.measured is None or f.threshold is None:
        return ""
    key = _MEASURED_KEYS.get(limit_kind(f.code), "report.measured")
    return ui(lang, key, measured=value_text(f.measured, f.unit, lang),
              threshold=value_text(f.threshold, f.unit, lang))


def slug_clause(f: Finding, lang: str) -> str:
    """The parenthesis after a finding in the text report: the clause, and in English the
    rule's name too (``min-font-size; clause 15.3``). Kazakh and Russian show no English name:
    the code before the finding already names the rule."""
    clause = clause_label(f, lang)
    return f"{f.name}; {clause}" if lang == "en" else clause


def shown_state(fr: FileReport) -> str:
    """The state every report shows for a file: ``not-checked`` for a file that is not a
    material and asks nothing of anyone (a picture: a note at most); otherwise its state (a
    program: non-compliant; an archive whose files were not read: needs-review; a link that
    was not followed: unreadable), so no report calls such a file merely not checked."""
    if fr.kind == "other" and fr.state is FileState.COMPLIANT:
        return "not-checked"
    return fr.state.value


def copies_of(pkg: PackageReport) -> dict[str, str]:
    """Each file that is a copy of a material beside it (another format of it, or the same
    file twice), and that material's file (the package record's ``copies``,
    ``run.packagecheck``)."""
    copies = dict(pkg.extra).get("copies")
    if not isinstance(copies, list):
        return {}
    return {str(c.get("path")): str(c.get("of")) for c in copies if isinstance(c, Mapping)}


def same_file(pkg: PackageReport, path: str, of: str) -> bool:
    """Whether the copy ``path`` of ``of`` is the same file twice (the same bytes, by the
    files' SHA-256), not the material in another format."""
    digests = {f.path: f.sha256 for f in pkg.files if f.path in (path, of)}
    return bool(digests.get(path)) and digests.get(path) == digests.get(of)


def signed_file(pkg: PackageReport, path: str) -> bool:
    """Whether the file ``path`` is a document read out of its electronic signature file (its
    report's ``signed``)."""
    return any(f.path == path and dict(f.extra).get("signed") for f in pkg.files)


def in_package(path: str, package: str) -> str:
    """A file's path shown inside its package section: relative to the package."""
    prefix = package.rstrip("/") + "/"
    return path[len(prefix):] if path.startswith(prefix) and len(path) > len(prefix) else path


def clause_label(f: Finding, lang: str) -> str:
    """The clause a finding cites as the language says it: ``пункт 15.3``, ``15.3-тармақ``
    (the number first in Kazakh), ``clauses 15.2, 15.5``; the tool's own word for none."""
    return clause_ref(f.clause, lang)


def extra(report: FileReport, key: str) -> object:
    """A value of a file report's ``extra`` (None when absent)."""
    for k, v in report.extra:
        if k == key:
            return v
    return None


def rule_texts(code: str, lang: str, report: Report | None = None) -> RuleText | None:
    """The rule's texts in ``lang`` as the report's profile applies it (its thresholds and
    clause filled in); None when the catalogue lacks the rule."""
    from validator.core.catalogue import rule_text_in

    info = report.rule(code) if report is not None else None
    try:
        return rule_text_in(code, lang, info.clause if info else None,
                            dict(info.params) if info else {})
    except (KeyError, FileNotFoundError, OSError):
        return None


def rule_title(code: str, lang: str, report: Report | None = None) -> str:
    """The rule's title in ``lang``, or the code when the catalogue lacks it."""
    texts = rule_texts(code, lang, report)
    return texts.title if texts is not None else code


def how_to_fix(code: str, lang: str, report: Report | None = None,
               files: Iterable[str] = ()) -> str:
    """The rule's one line on how to mend its findings, in ``lang`` (empty when none). For
    findings on ``files`` that are all PDFs, the rule's line for a PDF when it has one: a PDF
    is mended in the file it was made from, and ``validator fix`` does not edit it."""
    texts = rule_texts(code, lang, report)
    if texts is None:
        return ""
    shown = list(files)
    if texts.how_to_fix_pdf and shown and all(
            format_of(path.rsplit("/", 1)[-1]) == "pdf" for path in shown):
        return texts.how_to_fix_pdf
    return texts.how_to_fix


def how_to_fix_lines(findings: Iterable[Finding], lang: str, indent: str,
                     report: Report | None = None, *, labelled: bool = True) -> list[str]:
    """One "how to fix" line per rule among ``findings`` (waived ones left out), in order;
    under a heading that already says "how to fix", ``labelled=False`` gives the code alone."""
    files: dict[str, list[str]] = {}
    for f in findings:
        if f.status is not Status.WAIVED:
            files.setdefault(f.code, []).append(f.file)
    return [f"{indent}{ui(lang, 'report.how_to_fix', code=code) if labelled else code}: {text}"
            for code, paths in files.items() if (text := how_to_fix(code, lang, report, paths))]


def notice_text(notice: Notice, lang: str) -> str:
    """A run notice (e.g. an expired waiver) in ``lang``."""
    return ui(lang, notice.key, **dict(notice.args))


def checked_line(report: Report, lang: str) -> str:
    """When the check ran (Kazakhstan time), with the toolkit's and the profile's versions;
    without the time for a report not made by a check run."""
    args = {"version": report.tool_version, "profile": report.profile.id,
            "profile_version": report.profile.version}
    if report.checked_at is None:
        return ui(lang, "report.generated", **args)
    from validator.core.clock import shown

    return ui(lang, "report.checked", when=shown(report.checked_at), **args)
