"""Reports built by hand for the format tests: a deck with slide findings and geometry, a
hostile file name, a clean file, a waived finding, a package finding and an unreadable file."""

from __future__ import annotations

from validator.core.findings import (
    Box,
    FileReport,
    Finding,
    Location,
    PackageReport,
    ProfileInfo,
    Report,
    RuleInfo,
    Severity,
    Status,
    fingerprint,
)

HOSTILE = "<img src=x onerror=alert(1)>.pptx"
SLIDE_W, SLIDE_H = 12192000, 6858000
CLAUSE_153 = {
    "kk": "қаріп өлшемі 20-дан кем болмайтын",
    "ru": "с размером шрифта не менее 20 (перевод проекта)",
    "en": "with a font size of no less than 20 (project's translation)",
}


def _finding(code: str, name: str, file: str, loc: Location, *, severity: Severity =
             Severity.ERROR, status: Status = Status.VIOLATION, clause: str | None = "15.3",
             measured: float | None = None, threshold: float | None = None,
             unit: str | None = None, waiver: str | None = None, package: str = "item1",
             text: str = "text") -> Finding:
    return Finding(
        code=code, name=name, severity=severity, status=status, clause=clause,
        package=package, file=file, location=loc,
        messages=(("kk", f"kk: {text}"), ("ru", f"ru: {text}"), ("en", f"en: {text}")),
        measured=measured, threshold=threshold, unit=unit,
        evidence="run rPr sz=1400 on slide", fingerprint=fingerprint(code, file, loc),
        waiver=waiver,
    )


def _shape(sid: int, name: str, x: int, y: int, w: int, h: int, size: float,
           text: str) -> dict[str, object]:
    return {"shape_id": sid, "name": name, "origin": "slide", "x": x, "y": y, "width": w,
            "height": h, "size_pt": size, "text": text}


def deck_findings(path: str) -> tuple[Finding, ...]:
    small = Location(slide=3, shape="Body <b>2</b>", shape_id=3,
                     box=Box(SLIDE_W, SLIDE_H, 600000, 1800000, 10900000, 3000000))
    footer = Location(slide=5, shape="Footnote 7", shape_id=7,
                      box=Box(SLIDE_W, SLIDE_H, 600000, 6000000, 6000000, 500000))
    return (
        _finding("SLD002", "min-font-size", path, small, measured=14.0, threshold=20.0,
                 unit="pt", text="text of 14 pt is smaller than 20 pt"),
        _finding("SLD002", "min-font-size", path, footer, measured=10.0, threshold=20.0,
                 unit="pt", text="footnote of 10 pt is smaller than 20 pt"),
    )


def sample_report() -> Report:
    deck = FileReport(
        path=f"item1/{HOSTILE}", format="pptx", kind="presentation", size=123456,
        sha256="a" * 64, findings=deck_findings(f"item1/{HOSTILE}"), role="presentation",
        language="kk", language_shares={"kk": 0.93, "ru": 0.07}, slides=7,
        extra=(
            ("slide_size", {"width": SLIDE_W, "height": SLIDE_H}),
            ("slide_shapes", {
                "3": [
                    _shape(2, "Title 1", 600000, 300000, 10900000, 1200000, 40.0,
                           "Ауыл шаруашылығын дамыту"),
                    _shape(3, "Body <b>2</b>", 600000, 1800000, 10900000, 3000000, 14.0,
                           "<script>alert(2)</script> кестедегі көрсеткіштер"),
                ],
                "5": [
                    _shape(2, "Title 1", 600000, 300000, 10900000, 1200000, 36.0, "Қорытынды"),
                    _shape(7, "Footnote 7", 600000, 6000000, 6000000, 500000, 10.0,
                           "Дереккөз: статистика бюросы"),
                ],
            }),
        ),
    )
    clean = FileReport(path="item1/Анықтама.docx", format="docx", kind="document", size=20480,
                       sha256="b" * 64, findings=(), role="reference", language="kk",
                       language_shares={"kk": 1.0}, pages=3, pages_method="estimate")
    waived_loc = Location(page=2)
    waived = FileReport(
        path="item1/Справка.pdf", format="pdf", kind="document", size=40960, sha256="c" * 64,
        findings=(_finding("DOC001", "page-limit", "item1/Справка.pdf", waived_loc,
                           clause="15.1", measured=7, threshold=5, unit="pages",
                           status=Status.WAIVED, waiver="annex agreed by the apparatus",
                           text="7 pages, at most 5"),),
        role="reference", language="ru", language_shares={"ru": 0.98, "kk": 0.02}, pages=7,
        pages_method="pdf")
    broken = FileReport(
        path="item1/broken.docx", format="docx", kind="document", size=10, sha256="d" * 64,
        findings=(_finding("FIL001", "unreadable-file", "item1/broken.docx", Location(),
                           clause=None, text="the file cannot be read"),))
    pkg1 = PackageReport(
        path="item1", files=(deck, clean, waived, broken),
        findings=(_finding("PKG001", "required-materials", "item1", Location(),
                           clause="15.5", severity=Severity.ERROR,
                           text="no participant list"),),
        extra=(("pairs", [{"kk": "item1/Анықтама.docx", "ru": "item1/Справка.pdf"}]),
               ("copies", [{"path": "item1/Справка.docx", "of": "item1/Справка.pdf"}])),
    )
    pkg2 = PackageReport(
        path="item2.zip",
        files=(FileReport(path="item2.zip/deck.pptx", format="pptx", kind="presentation",
                          size=5000, sha256="e" * 64, slides=3,
                          findings=(_finding("SLD003", "presentation-file-size",
                                             "item2.zip/deck.pptx", Location(),
                                             severity=Severity.WARNING, package="item2.zip",
                                             status=Status.NEEDS_REVIEW,
                                             text="size needs review"),)),
               FileReport(path="item2.zip/notes.txt", format="txt", kind="other", size=12,
                          sha256="f" * 64, findings=())),
    )
    return Report(
        tool_version="0.1.0",
        profile=ProfileInfo("oskemen-2025", "2025-12-09",
                            {"kk": "Өскемен регламенті", "ru": "Регламент", "en": "Regulation"}),
        packages=(pkg1, pkg2),
        clauses={"15.3": CLAUSE_153,
                 "15.1": {"kk": "5 беттен аспайтын", "ru": "не более 5 страниц",
                          "en": "no more than 5 pages"},
                 "15.5": {"kk": "қатысушылардың тізімін", "ru": "список участников",
                          "en": "the list of participants"}},
        rules=(RuleInfo("FIL001", "unreadable-file", Severity.ERROR),
               RuleInfo("SLD002", "min-font-size", Severity.ERROR, "15.3"),
               RuleInfo("SLD003", "presentation-file-size", Severity.ERROR, "15.3")),
    )
