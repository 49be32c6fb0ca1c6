"""SLD004 colour-slides on decks built in the tests: which decks are greyscale, and why."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu

from tests.slides.helpers import open_doc, profile
from tests.slides.pdfmake import write_pdf
from validator.checks.base import Hit
from validator.checks.colour import colour_slides
from validator.core.findings import Status

W, H = 12192000, 6858000


def params(**over: Any) -> dict[str, Any]:
    p = dict(profile().rules["SLD004"].params)
    p.update(over)
    return p


def png(mode: str, colour: Any, size: tuple[int, int] = (40, 40),
        dot: tuple[int, int, int] | None = None, dot_px: int = 0) -> bytes:
    img = Image.new(mode, size, colour)
    if dot is not None:
        for i in range(dot_px):
            img.putpixel((i % size[0], i // size[0]), dot)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def build(tmp_path: Path, fill: Callable[[Any, Any], None], hidden: bool = False) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(W), Emu(H)
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Бюджет 2025"
    slide.placeholders[1].text = "Основные показатели"
    fill(prs, slide)
    if hidden:
        extra = prs.slides.add_slide(prs.slide_layouts[6])
        box = extra.shapes.add_textbox(0, 0, Emu(3000000), Emu(600000))
        box.text_frame.text = "hidden colour"
        box.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xC0, 0, 0)
        extra._element.set("show", "0")
    path = tmp_path / "deck.pptx"
    prs.save(path)
    return path


def run(path: Path, **over: Any) -> list[Hit]:
    return list(colour_slides.check(open_doc(path), params(**over)))


def nothing(prs: Any, slide: Any) -> None:
    pass


def red_run(prs: Any, slide: Any) -> None:
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xC0, 0, 0)


def grey_run_and_fill(prs: Any, slide: Any) -> None:
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    box = slide.shapes.add_textbox(0, 0, Emu(2000000), Emu(500000))
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor(0xD0, 0xD0, 0xD0)
    box.text_frame.text = "grey box"


def theme_accent(prs: Any, slide: Any) -> None:
    run_ = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    run_.font.color.theme_color = MSO_THEME_COLOR.ACCENT_1


def desaturated_accent(prs: Any, slide: Any) -> None:
    theme_accent(prs, slide)
    clr = slide.shapes.title._element.find(".//{*}schemeClr")
    etree.SubElement(clr, "{http://schemas.openxmlformats.org/drawingml/2006/main}satMod",
                     val="0")


def styled_autoshape(prs: Any, slide: Any) -> None:
    # an autoshape takes its fill from the theme style (p:style fillRef accent1)
    slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Emu(1000000), Emu(1000000))


def auto_chart(prs: Any, slide: Any) -> None:
    data = CategoryChartData()
    data.categories = ["2024", "2025"]
    data.add_series("млн тг", (10, 12))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Emu(4000000),
                           Emu(3000000), data)


def default_table(prs: Any, slide: Any) -> None:
    slide.shapes.add_table(2, 2, 0, 0, Emu(3000000), Emu(800000))


def unknown_table_style(prs: Any, slide: Any) -> None:
    shape = slide.shapes.add_table(2, 2, 0, 0, Emu(3000000), Emu(800000))
    shape._element.find(".//{*}tableStyleId").text = "{00000000-0000-0000-0000-000000000001}"


def picture(data: bytes, name: str = "p.png") -> Callable[[Any, Any], None]:
    def add(prs: Any, slide: Any) -> None:
        slide.shapes.add_picture(io.BytesIO(data), 0, 0, Emu(1000000), Emu(1000000))
    return add


@pytest.mark.parametrize(("fill", "expected"), [
    (nothing, "violation"),
    (grey_run_and_fill, "violation"),
    (red_run, None),
    (theme_accent, None),
    (desaturated_accent, "violation"),
    (styled_autoshape, None),
    (auto_chart, None),
    (default_table, None),
    (unknown_table_style, "needs-review"),
    (picture(png("L", 128)), "violation"),
    (picture(png("RGB", (90, 90, 90))), "violation"),
    (picture(png("RGB", (20, 120, 200))), None),
    # 1 % of pixels coloured is under the 2 % share; 10 % is over it
    (picture(png("RGB", (255, 255, 255), (100, 100), (255, 0, 0), 100)), "violation"),
    (picture(png("RGB", (255, 255, 255), (100, 100), (255, 0, 0), 1000)), None),
], ids=["plain", "grey-run-and-fill", "red-run", "theme-accent", "desaturated-accent",
        "styled-autoshape", "automatic-chart", "default-table", "unknown-table-style",
        "grey-png", "grey-rgb-png", "blue-png", "1pct-colour", "10pct-colour"])
def test_colour_verdicts(tmp_path: Path, fill: Callable[[Any, Any], None],
                         expected: str | None) -> None:
    hits = run(build(tmp_path, fill))
    if expected is None:
        assert hits == []
    else:
        (hit,) = hits
        assert hit.status == Status(expected)
        assert hit.threshold == params()["min_chroma"]


def test_violation_reports_the_measure(tmp_path: Path) -> None:
    (hit,) = run(build(tmp_path, grey_run_and_fill))
    assert hit.measured == 0 and hit.args["slides"] == 1
    assert "all below chroma 24" in hit.evidence


def test_colour_on_a_hidden_slide_does_not_count(tmp_path: Path) -> None:
    (hit,) = run(build(tmp_path, nothing, hidden=True))
    assert hit.status == Status.VIOLATION and hit.args["slides"] == 1


def test_picture_over_the_sampling_limit_needs_review(tmp_path: Path) -> None:
    path = build(tmp_path, picture(png("RGB", (20, 120, 200), (300, 300))))
    (hit,) = run(path, max_picture_bytes=100)
    assert hit.status == Status.NEEDS_REVIEW and "sampling limit" in hit.evidence
    (hit,) = run(path, max_picture_pixels=1000)
    assert hit.status == Status.NEEDS_REVIEW and "pixel sampling limit" in hit.evidence
    assert run(path) == []


def test_vector_picture_needs_review(tmp_path: Path) -> None:
    path = build(tmp_path, picture(png("RGB", (20, 120, 200))))
    # rename the picture part to .emf: not a raster format the survey samples
    src = zipfile.ZipFile(path)
    out = tmp_path / "emf.pptx"
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            name = info.filename.replace("image1.png", "image1.emf")
            dst.writestr(name, body.replace(b"image1.png", b"image1.emf"))
    (hit,) = run(out)
    assert hit.status == Status.NEEDS_REVIEW and "not a raster picture" in hit.evidence


def test_layout_decoration_colour_counts(tmp_path: Path) -> None:
    def coloured_layout(prs: Any, slide: Any) -> None:
        sp_tree = slide.slide_layout._element.find(".//{*}spTree")
        sp_tree.append(etree.fromstring(
            '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<p:nvSpPr><p:cNvPr id="99" name="Band"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></a:xfrm>'
            '<a:prstGeom prst="rect"/><a:solidFill><a:srgbClr val="1F4E79"/></a:solidFill>'
            '</p:spPr></p:sp>'))
    assert run(build(tmp_path, coloured_layout)) == []


@pytest.mark.parametrize(("content", "expected"), [
    ("0 g 0 0 100 100 re f BT /F1 24 Tf 72 300 Td (Grey) Tj ET", "violation"),
    ("0.5 0.5 0.5 rg 0 0 100 100 re f 0 0 0 1 k", "violation"),
    ("0.1 0.4 0.8 rg 0 0 100 100 re f", None),
    ("0 0 0 0.2 K 1 0 0 0 k 0 0 10 10 re f", None),
    ("/DeviceRGB cs 0.9 0.1 0.1 sc 0 0 10 10 re f", None),
    ("/DeviceGray cs 0.3 sc 0 0 10 10 re f", "violation"),
    ("0 g /Sh1 sh", "needs-review"),
    ("/Pattern cs /P1 scn 0 0 10 10 re f", "needs-review"),
])
def test_pdf_colour(tmp_path: Path, content: str, expected: str | None) -> None:
    pdf = write_pdf(tmp_path / "deck.pdf", [content])
    hits = run(pdf)
    if expected is None:
        assert hits == []
    else:
        (hit,) = hits
        assert hit.status == Status(expected)


def test_pdf_colour_in_form_xobject(tmp_path: Path) -> None:
    forms = {"Fm1": ("0.1 0.6 0.2 rg 0 0 10 10 re f", (1.0, 0, 0, 1.0, 0, 0))}
    pdf = write_pdf(tmp_path / "form.pdf", ["0 g /Fm1 Do"], forms=forms)
    assert run(pdf) == []



@pytest.mark.parametrize(("space", "pixel", "expected"), [
    ("/DeviceRGB", bytes((30, 90, 200)), None),
    ("/DeviceRGB", bytes((120, 120, 120)), "violation"),
    ("/DeviceGray", bytes((120,)), "violation"),
])
def test_pdf_images(tmp_path: Path, space: str, pixel: bytes, expected: str | None) -> None:
    images = {"Im1": (space, 8, 8, pixel * 64)}
    pdf = write_pdf(tmp_path / "img.pdf", ["q 100 0 0 100 0 0 cm /Im1 Do Q"], images=images)
    hits = run(pdf)
    assert [h.status.value for h in hits] == ([] if expected is None else [expected])


def test_pdf_image_over_the_limit_needs_review(tmp_path: Path) -> None:
    images = {"Im1": ("/DeviceRGB", 64, 64, bytes((30, 90, 200)) * 4096)}
    pdf = write_pdf(tmp_path / "big.pdf", ["q 100 0 0 100 0 0 cm /Im1 Do Q"], images=images)
    (hit,) = run(pdf, max_picture_bytes=1000)
    assert hit.status == Status.NEEDS_REVIEW and "sampling limits" in hit.evidence


def test_smartart_without_its_drawing_needs_review(tmp_path: Path) -> None:
    path = build(tmp_path, nothing)
    src = zipfile.ZipFile(path)
    out = tmp_path / "smartart.pptx"
    rel = ('<Relationship Id="rIdDgm" Type="http://schemas.openxmlformats.org/officeDocument/'
           '2006/relationships/diagramData" Target="../diagrams/data1.xml"/>')
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "ppt/slides/_rels/slide1.xml.rels":
                body = body.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            dst.writestr(info.filename, body)
        dst.writestr("ppt/diagrams/data1.xml", b'<dgm:dataModel xmlns:dgm="http://schemas.'
                     b'openxmlformats.org/drawingml/2006/diagram"/>')
    (hit,) = run(out)
    assert hit.status == Status.NEEDS_REVIEW and "SmartArt without its drawing" in hit.evidence
