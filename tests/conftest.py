"""Shared fixtures: the shipped profile, builders of small real files, and a check runner."""

from __future__ import annotations

import functools
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from validator.api import check
from validator.core.findings import Finding, Report
from validator.settings.options import Settings
from validator.settings.profile import Profile, load_profile, resolve_profile_path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The command line caches reports by default. Tests run it without a cache (a test that
    patches a check must not get an earlier run's result), and any cache they ask for stays in
    a private folder. The cache's own tests pass ``cache=`` or ``--cache-dir`` explicitly."""
    import os

    saved = {k: os.environ.get(k) for k in ("VALIDATOR_CACHE_DIR", "VALIDATOR_NO_CACHE")}
    os.environ["VALIDATOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("validator-cache"))
    os.environ["VALIDATOR_NO_CACHE"] = "1"
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


#: The moment every test's check "ran" (2026-03-02 09:00 in Kazakhstan): reports are
#: reproducible, as ``SOURCE_DATE_EPOCH`` makes them for anyone.
SOURCE_DATE_EPOCH = "1772424000"


@pytest.fixture(autouse=True)
def _fixed_check_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every report a test makes states the same check time (tests of the clock unset it)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)


@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile(resolve_profile_path("oskemen-2025"))


def build_pptx(width: int | None = 12192000, height: int | None = 6858000,
               slides: int = 1, text: str = "Слайд", pad: int = 0) -> bytes:
    """A real deck from python-pptx; width=None removes p:sldSz; ``pad`` adds an
    incompressible media part of that many bytes. The title is dark blue (a colour deck), so
    only what a test asks for is wrong."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    prs = Presentation()
    if width is not None and height is not None:
        prs.slide_width, prs.slide_height = width, height
    for _ in range(slides):
        s = prs.slides.add_slide(prs.slide_layouts[5])
        s.shapes.title.text_frame.text = text
        s.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(32)
        s.shapes.title.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0x1F, 0x4E,
                                                                                  0x79)
    buf = io.BytesIO()
    prs.save(buf)
    data = buf.getvalue()
    if width is None:
        data = rewrite_part(data, "ppt/presentation.xml",
                            lambda xml: _drop_sldsz(xml))
    if pad:
        import random

        data = add_part(data, "ppt/media/padding.bin", random.Random(7).randbytes(pad))
    return data


def _drop_sldsz(xml: bytes) -> bytes:
    import re

    return re.sub(rb"<p:sldSz[^>]*/>", b"", xml)


def rewrite_part(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """Return a copy of a zip with one member's bytes changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info.filename, change(body) if info.filename == name else body)
    return out.getvalue()


def add_part(data: bytes, name: str, body: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as z:
        z.writestr(name, body)
    return out.getvalue()


def build_zip(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` (name -> bytes), written in that order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def build_docx(paragraphs: list[str] | None = None) -> bytes:
    from docx import Document

    doc = Document()
    for p in paragraphs or ["Справка"]:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def build_pdf(pages: list[tuple[float, float]], rotate: int = 0) -> bytes:
    """Pages of the given sizes, each with a small dark blue square (a colour deck)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    for w, h in pages:
        page = writer.add_blank_page(width=w, height=h)
        square = DecodedStreamObject()
        square.set_data(b"0.12 0.31 0.47 rg 10 10 40 40 re f")
        page[NameObject("/Contents")] = writer._add_object(square)
        if rotate:
            page.rotate(rotate)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def run(path: Path | list[Path], **kwargs: object) -> Report:
    """Check with default settings (no config discovery from the test's folders).

    Every report a test produces is also rendered as JSON and validated against the
    published schema, so the contract holds for every case the tests build; so is its stored
    form, which must read back into the same report.
    """
    settings = kwargs.pop("settings", Settings())
    assert isinstance(settings, Settings)
    report = check(path, settings=settings, **kwargs)  # type: ignore[arg-type]
    assert_valid_json(report)
    return report


@functools.lru_cache(maxsize=1)
def _schema_validator() -> object:
    import jsonschema

    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def assert_valid_json(report: Report) -> None:
    from validator.reports.json import dump, render
    from validator.reports.load import load

    for lang in ("en", "kk"):
        _schema_validator().validate(json.loads(render(report, lang)))  # type: ignore[attr-defined]
    stored = dump(report)
    _schema_validator().validate(json.loads(stored))  # type: ignore[attr-defined]
    assert load(stored) == report, "the stored form does not read back into the same report"


def codes(report: Report) -> list[tuple[str, str]]:
    """(code, file name) of every finding, sorted."""
    return sorted((f.code, f.file.rsplit("/", 1)[-1]) for f in report.all_findings())


def only(report: Report, code: str) -> list[Finding]:
    return [f for f in report.all_findings() if f.code == code]
