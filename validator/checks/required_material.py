"""PKG001 missing-required-material: the item's package lacks a required part (clauses 15.2, 15.5).

Clause 15 lists what a package comprises; the profile's ``required`` lists the parts whose
absence returns the package: each entry is a role, or alternatives joined by ``|``. The
Oskemen profile requires ``draft-resolution|draft-protocol-decision`` (15.2: the decision the
meeting takes) and ``participant-list`` (15.5). Materials are submitted in Kazakh and Russian
(clause 15), so when the files' languages are known a part present in one language only is
reported with the missing language; when no language is known for that part the language
question is left to the language rules (LNG). A file whose text was not read (FIL001, FIL003,
SEC003, FIL002) is still there: its role and its language come from its name, and when its
name marks no language the language of that part is not judged (the file's own finding
speaks; it may be the version that seems missing).

When a part is missing but the package holds documents whose role could not be recognised
(role ``other``), one of them may be that part under an unhelpful name: the finding is
``needs-review`` and lists them, instead of a violation. So is it when items of the package
were not read at all (a link, an archive inside the package, a limit): the part may be among
them, and their own findings (FIL001, FIL003) say why; nor is the language of any part judged
then. A single file given on its own (not a package) is not judged: required materials need a
package. Parameters: ``required``, ``languages``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from validator.checks.base import Hit, Param, Params, rule
from validator.core.errors import WordedError
from validator.core.findings import Status
from validator.core.outcome import not_read
from validator.language import language_from_filename
from validator.materials.roles import ROLES, localized_group, localized_language

if TYPE_CHECKING:
    from validator.checks.base import PackageContext
    from validator.core.findings import FileReport

KNOWN_LANGUAGES = frozenset({"kk", "ru"})
#: Kinds of file that could be a required part whose name and title say nothing.
CHECKED_KINDS = frozenset({"document", "presentation", "spreadsheet"})


@rule(
    code="PKG001",
    reads_language=True,
    name="missing-required-material",
    scope="package",
    params={
        "required": Param("str-list", "required roles; alternatives joined by '|'"),
        "languages": Param("str-list", "languages each required part must exist in",
                           ("kk", "ru", "en")),
    },
)
def missing_required_material(ctx: PackageContext, params: Params) -> Iterator[Hit]:
    if ctx.single:
        return
    for group in params["required"]:
        roles = tuple(r.strip() for r in group.split("|"))
        unknown = [r for r in roles if r not in ROLES]
        if unknown:
            raise WordedError("profile.required_roles", where="PKG001",
                              roles=", ".join(unknown), known=", ".join(ROLES))
        present = [e.report for e in ctx.files if e.report.role in roles]
        if not present:
            yield _absent(ctx, roles, group)
            continue
        if ctx.refusals:
            continue  # an item of the package not read may be the other language: it speaks
        languages = {lang for f in present if (lang := _language(f))}
        if any(_unread(f) and not _language(f) for f in present):
            continue  # an unread file of this part may be the other language: it speaks
        if "mixed" in languages or not languages & KNOWN_LANGUAGES:
            continue
        for lang in params["languages"]:
            if lang not in languages:
                names = ", ".join(f.path for f in present)
                yield Hit(
                    message="language",
                    evidence=f"{' or '.join(roles)} only in {sorted(languages & KNOWN_LANGUAGES)}"
                             f": {names}",
                    args={"role": localized_group(roles), "language": localized_language(lang)},
                    fingerprint_extra=f"{group}|{lang}",
                )


def _absent(ctx: PackageContext, roles: tuple[str, ...], group: str) -> Hit:
    """The finding of a part no file of the package is: a violation, unless items of the
    package were not read (a link, an archive with a password, a limit: it may be among
    them) or files have no recognisable role (it may be one of them); then a person looks."""
    unclassified = [e.report.path for e in ctx.files
                    if e.report.role == "other" and e.report.kind in CHECKED_KINDS]
    evidence = f"no file with role {' or '.join(roles)} among {len(ctx.files)} file(s)"
    if ctx.refusals:
        evidence += f"; not read: {', '.join(r.path for r in ctx.refusals)}"
        message, count = "not_read", len(ctx.refusals)
    elif unclassified:
        evidence += f"; unclassified: {', '.join(unclassified)}"
        message, count = "unclassified", len(unclassified)
    else:
        message, count = "default", 0
    return Hit(status=Status.VIOLATION if message == "default" else Status.NEEDS_REVIEW,
               message=message, measured=0, threshold=1, unit="files", evidence=evidence,
               args={"role": localized_group(roles), "count": count},
               fingerprint_extra=group)


def _unread(report: FileReport) -> bool:
    """The file's report says that it, or its text, was not read."""
    return any(not_read(f) for f in report.findings)


def _language(report: FileReport) -> str | None:
    """The file's language: its text's, or, for a file whose text was not read, the one its
    name marks (``_қаз``, ``_рус``), as its role comes from its name: what little text such a
    file gave (a caption above a pasted scan, none at all) does not say its language."""
    if _unread(report):
        return language_from_filename(report.path)
    return report.language or None
