"""Embedded documents (Word, Excel, PowerPoint, MSGraph...) sized from their stored preview
picture: EMF and WMF written record by record here, embedded in decks made with python-pptx,
and the sizes SLD002 judges; damaged and hostile pictures are needs-review, never a crash."""

from __future__ import annotations

import random
import struct
import time
from pathlib import Path

import pytest
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.slide import Slide

from tests.slides.decks import NSDECL, add_slide, add_xml, hits, new_deck, runs, save
from validator.checks.font_size import min_font_size
from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import Status
from validator.slides import resolved_runs
from validator.slides.emf import read_emf
from validator.slides.metafile import Unreadable
from validator.slides.wmf import read_wmf

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
EMU_PER_PT = 12700
#: The test pictures are 2 inches (144 pt) tall: at their natural size 1 pt is 1/144 of it.
NATURAL = 144 * EMU_PER_PT


# -- EMF, record by record ---------------------------------------------------------------------
def emf_record(kind: int, payload: bytes) -> bytes:
    payload += b"\0" * (-len(payload) % 4)
    return struct.pack("<II", kind, 8 + len(payload)) + payload


def emf_header() -> bytes:
    """Frame 50.8 mm (2 in) square; reference device 1000 px over 254 mm (200 px per frame)."""
    payload = struct.pack("<4i4iIIIIHHIII2i2i", 0, 0, 200, 200, 0, 0, 5080, 5080, 0x464D4520,
                          0x10000, 0, 0, 0, 0, 0, 0, 0, 1000, 1000, 254, 254)
    return emf_record(1, payload)


def emf_font(handle: int, height: int, face: str = "Arial", charset: int = 0) -> bytes:
    log = struct.pack("<5i8B", height, 0, 0, 0, 400, 0, 0, 0, charset, 0, 0, 0, 0)
    name = face.encode("utf-16-le")[:62].ljust(64, b"\0")
    return emf_record(82, struct.pack("<I", handle) + log + name)


def emf_text(text: str) -> bytes:
    raw = text.encode("utf-16-le")
    fixed = struct.pack("<4iIff2iIII4iI", 0, 0, 100, 100, 1, 1.0, 1.0, 10, 10, len(text), 76,
                        0, 0, 0, 0, 0, 0)
    return emf_record(84, fixed + raw)


def emf(*records: bytes, header: bytes | None = None) -> bytes:
    return (header or emf_header()) + b"".join(records) + emf_record(14, struct.pack("<3I",
                                                                                     0, 16, 20))


def anisotropic(window: int = 2880, viewport: int = 200) -> bytes:
    """Logical units: ``window`` of them over the picture's height (2880 = 20 per point)."""
    return (emf_record(17, struct.pack("<I", 8))
            + emf_record(9, struct.pack("<2i", window, window))
            + emf_record(11, struct.pack("<2i", viewport, viewport)))


def emf_text_at(points: float, text: str = "Preview text", **font: object) -> bytes:
    """An EMF whose one text is drawn ``points`` tall at the picture's natural size."""
    return emf(anisotropic(), emf_font(1, -round(points * 20), **font),  # type: ignore[arg-type]
               emf_record(37, struct.pack("<I", 1)), emf_text(text))


# -- WMF, record by record ---------------------------------------------------------------------
def wmf_record(function: int, params: bytes) -> bytes:
    params += b"\0" * (len(params) % 2)
    return struct.pack("<IH", 3 + len(params) // 2, function) + params


def wmf(*records: bytes, placeable: bool = True, inch: int = 1440) -> bytes:
    body = b"".join(records) + wmf_record(0, b"")
    header = struct.pack("<HHHIHIH", 1, 9, 0x300, (18 + len(body)) // 2, 4, 64, 0)
    if not placeable:
        return header + body
    head = struct.pack("<IH4hHI", 0x9AC6CDD7, 0, 0, 0, 2880, 2880, inch, 0)
    checksum = 0
    for (word,) in struct.iter_unpack("<H", head):
        checksum ^= word
    return head + struct.pack("<H", checksum) + header + body


def wmf_font(height: int, face: bytes = b"Arial", charset: int = 0) -> bytes:
    fixed = struct.pack("<5h8B", height, 0, 0, 0, 400, 0, 0, 0, charset, 0, 0, 0, 0)
    return wmf_record(0x02FB, fixed + face.ljust(32, b"\0"))


def wmf_textout(raw: bytes) -> bytes:
    padded = raw + b"\0" * (len(raw) % 2)
    return wmf_record(0x0521, struct.pack("<h", len(raw)) + padded + struct.pack("<2h", 10, 10))


PEN = wmf_record(0x02FA, struct.pack("<HhhI", 0, 1, 0, 0))


# -- decks -------------------------------------------------------------------------------------
def relate(slide: Slide, name: str, content_type: str, blob: bytes, kind: str) -> str:
    part = Part(PackURI(name), content_type, slide.part.package, blob)
    return str(slide.part.relate_to(part, RT + kind))


def ole_frame(prog_id: str, height: int, preview_rid: str | None = None,
              spid: str | None = None, *, alternate: bool = False) -> str:
    pic = ("" if preview_rid is None else
           '<p:pic><p:nvPicPr><p:cNvPr id="0" name=""/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
           f'<p:blipFill><a:blip r:embed="{preview_rid}"/><a:stretch><a:fillRect/></a:stretch>'
           '</p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1" cy="1"/></a:xfrm>'
           '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    sp = f' spid="{spid}"' if spid else ""
    ole = f'<p:oleObj name="Doc" progId="{prog_id}" r:id="rId99"{{sp}}><p:embed/>{{pic}}</p:oleObj>'
    body = ole.format(sp=sp, pic=pic)
    if alternate:
        choice = ole.format(sp=' spid="_x0000_s9"', pic="")
        fallback = ole.format(sp="", pic=pic)
        body = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-'
                'compatibility/2006"><mc:Choice xmlns:v="urn:schemas-microsoft-com:vml" '
                f'Requires="v">{choice}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback>'
                "</mc:AlternateContent>")
    return (f'<p:graphicFrame {NSDECL}><p:nvGraphicFramePr><p:cNvPr id="30" name="Object 7"/>'
            '<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{height}" cy="{height}"/></p:xfrm><a:graphic><a:graphicData '
            'uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
            f"{body}</a:graphicData></a:graphic></p:graphicFrame>")


def deck_with_preview(blob: bytes, *, height: int = NATURAL, prog_id: str = "Word.Document.12",
                      ext: str = "emf", alternate: bool = False) -> bytes:
    prs = new_deck()
    slide = add_slide(prs)
    types = {"emf": "image/x-emf", "wmf": "image/x-wmf", "png": "image/png"}
    rid = relate(slide, f"/ppt/media/image1.{ext}", types[ext], blob, "image")
    add_xml(slide, ole_frame(prog_id, height, rid, alternate=alternate))
    return save(prs)


# -- sizes -------------------------------------------------------------------------------------
def test_10pt_text_of_a_preview_at_its_natural_size_is_a_10pt_violation() -> None:
    data = deck_with_preview(emf_text_at(10))
    [run] = runs(data)
    assert (run.text, run.size_pt, run.kind) == ("Preview text", 10.0, "object")
    assert run.source == ("ppt/media/image1.emf: preview picture (EMF) of the embedded Word "
                          "document: font heights of its text records, scaled by the "
                          "displayed size")
    [hit] = hits(data, min_font_size)
    assert (hit.status, hit.measured, hit.location.shape) == (Status.VIOLATION, 10.0, "Object 7")


def test_the_same_preview_displayed_three_times_larger_is_30pt_and_passes() -> None:
    data = deck_with_preview(emf_text_at(10), height=3 * NATURAL)
    assert [r.size_pt for r in runs(data)] == [30.0]
    assert hits(data, min_font_size) == []


def test_preview_in_the_fallback_of_alternate_content_is_read_once() -> None:
    data = deck_with_preview(emf_text_at(12), alternate=True, prog_id="Excel.Sheet.12")
    [run] = runs(data)
    assert run.size_pt == 12.0 and "embedded Excel workbook" in run.source


def test_positive_height_is_a_cell_height_and_the_em_is_smaller() -> None:
    # lfHeight +400 (20 pt of cell) in Arial: em = 400 x 2048 / (1854 + 434) = 358 units.
    blob = emf(anisotropic(), emf_font(1, 400), emf_record(37, struct.pack("<I", 1)),
               emf_text("Cell height"))
    [run] = runs(deck_with_preview(blob))
    assert run.size_pt == pytest.approx(17.9, abs=0.01)


def test_fixed_map_mode_world_transform_and_saved_contexts() -> None:
    twips = emf_record(17, struct.pack("<I", 6))  # MM_TWIPS: 20 units per point, physically
    world = emf_record(35, struct.pack("<6f", 2.0, 0.0, 0.0, 2.0, 0.0, 0.0))
    blob = emf(twips, emf_font(1, -240), emf_record(37, struct.pack("<I", 1)),
               emf_text("Twelve"), emf_record(33, b""), world, emf_text("Doubled"),
               emf_record(34, struct.pack("<i", -1)), emf_text("Back"))
    got = {r.text: r.size_pt for r in runs(deck_with_preview(blob))}
    assert got == {"Twelve": 12.0, "Doubled": 24.0, "Back": 12.0}


def test_isotropic_mapping_takes_the_smaller_scale_and_scaled_extents_count() -> None:
    iso = (emf_record(17, struct.pack("<I", 7))
           + emf_record(9, struct.pack("<2i", 1440, 2880))  # x would give 2x, y gives 1x
           + emf_record(11, struct.pack("<2i", 200, 200)))
    half = emf_record(32, struct.pack("<4i", 1, 1, 2, 1))  # window y doubled: text halves
    blob = emf(iso, emf_font(1, -400), emf_record(37, struct.pack("<I", 1)), emf_text("Iso"),
               emf_record(17, struct.pack("<I", 8)), half, emf_text("Half"))
    got = {r.text: r.size_pt for r in runs(deck_with_preview(blob))}
    assert got == {"Iso": 20.0, "Half": 10.0}


def test_polytextout_records_make_the_preview_unreadable() -> None:
    blob = emf(anisotropic(), emf_record(97, b"\0" * 40))
    assert "PolyTextOut" in _review(deck_with_preview(blob))


def test_restore_dc_brings_back_the_font_and_a_reused_handle_is_no_longer_a_font() -> None:
    select = emf_record(37, struct.pack("<I", 1))
    pen = emf_record(38, struct.pack("<5I", 1, 0, 1, 0, 0))  # EMR_CREATEPEN on handle 1
    blob = emf(anisotropic(), emf_font(1, -200), emf_font(2, -600), select,
               emf_record(33, b""), emf_record(37, struct.pack("<I", 2)), emf_text("Thirty"),
               emf_record(34, struct.pack("<i", -1)), emf_text("Ten again"),
               emf_record(40, struct.pack("<I", 1)), pen, select, emf_text("Still ten"))
    got = {r.text: r.size_pt for r in runs(deck_with_preview(blob))}
    assert got == {"Thirty": 30.0, "Ten again": 10.0, "Still ten": 10.0}


def test_text_without_a_font_needs_review_while_its_neighbour_is_sized() -> None:
    blob = emf(anisotropic(), emf_text("No font"), emf_font(2, -500),
               emf_record(37, struct.pack("<I", 2)), emf_text("Big enough"))
    data = deck_with_preview(blob)
    got = {r.text: r.size_pt for r in runs(data)}
    assert got == {"No font": None, "Big enough": 25.0}
    [hit] = hits(data, min_font_size)
    assert hit.status is Status.NEEDS_REVIEW and "without a readable font height" in hit.evidence


def test_wmf_placeable_with_object_slots_and_a_cyrillic_font() -> None:
    # pen -> slot 0, font A -> slot 1; pen deleted; font B takes the free slot 0.
    records = [wmf_record(0x0103, struct.pack("<H", 8)),
               wmf_record(0x020C, struct.pack("<2h", 2880, 2880)), PEN,
               wmf_font(-600), wmf_record(0x01F0, struct.pack("<H", 0)),
               wmf_font(-280, b"Times New Roman", 204), wmf_record(0x012D, struct.pack("<H", 0)),
               wmf_textout("Отчёт".encode("cp1251")), wmf_record(0x012D, struct.pack("<H", 1)),
               wmf_textout(b"Title")]
    data = deck_with_preview(wmf(*records), ext="wmf", prog_id="Word.Document.8")
    got = {r.text: r.size_pt for r in runs(data)}
    assert got == {"Отчёт": 14.0, "Title": 30.0}
    [hit] = hits(data, min_font_size)
    assert hit.measured == 14.0 and "preview picture (WMF)" in hit.evidence


def test_bullets_in_a_picture_font_are_symbols_not_text() -> None:
    """Webdings and Wingdings draw pictures (a bullet is "n" in Webdings): a text record in
    such a face is neither quoted nor sized, as PowerPoint's own bullets are not; Symbol's
    Greek letters are text and stay."""
    records = [wmf_record(0x0103, struct.pack("<H", 8)),
               wmf_record(0x020C, struct.pack("<2h", 2880, 2880)),
               wmf_font(-200, b"Webdings", 2), wmf_record(0x012D, struct.pack("<H", 0)),
               wmf_textout(b"n"), wmf_font(-240, b"Wingdings 2", 2),
               wmf_record(0x012D, struct.pack("<H", 1)), wmf_textout(b"P"),
               wmf_font(-280, b"Symbol", 2), wmf_record(0x012D, struct.pack("<H", 2)),
               wmf_textout(b"s"), wmf_font(-300, b"Arial"),
               wmf_record(0x012D, struct.pack("<H", 3)), wmf_textout(b"Size and Location")]
    data = deck_with_preview(wmf(*records), ext="wmf", prog_id="PowerPoint.Slide.8")
    got = {r.text: r.size_pt for r in runs(data)}
    assert got == {"s": 14.0, "Size and Location": 15.0}
    [hit] = hits(data, min_font_size)
    assert hit.measured == 14.0


def test_wmf_without_placeable_header_takes_its_window_as_the_frame() -> None:
    records = [wmf_record(0x0103, struct.pack("<H", 8)),
               wmf_record(0x020C, struct.pack("<2h", 1440, 1440)), wmf_font(-80),
               wmf_record(0x012D, struct.pack("<H", 0)), wmf_textout(b"Eight")]
    [run] = runs(deck_with_preview(wmf(*records, placeable=False), ext="wmf"))
    assert run.size_pt == 8.0  # 80 of 1440 units over a 144 pt display


def test_older_files_find_the_preview_through_the_vml_shape() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    vml = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
           'office:office"><v:shape id="_x0000_s1025" style="position:absolute">'
           '<v:imagedata o:relid="rId1" o:title=""/></v:shape></xml>')
    vml_part = Part(PackURI("/ppt/drawings/vmlDrawing1.vml"),
                    "application/vnd.openxmlformats-officedocument.vmlDrawing", slide.part.package,
                    vml.encode())
    image = Part(PackURI("/ppt/media/image9.emf"), "image/x-emf", slide.part.package,
                 emf_text_at(16))
    vml_part.relate_to(image, RT + "image")  # rId1
    slide.part.relate_to(vml_part, RT + "vmlDrawing")
    add_xml(slide, ole_frame("PowerPoint.Slide.8", NATURAL, spid="_x0000_s1025"))
    [run] = runs(save(prs))
    assert run.size_pt == 16.0 and run.source.startswith("ppt/media/image9.emf: ")
    assert "embedded PowerPoint slide" in run.source


# -- what cannot be read -----------------------------------------------------------------------
def _review(data: bytes) -> str:
    [hit] = hits(data, min_font_size)
    assert hit.status is Status.NEEDS_REVIEW and hit.measured is None
    return hit.evidence


def test_png_preview_needs_review() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    evidence = _review(deck_with_preview(png, ext="png"))
    assert "its text size cannot be read (the preview is a PNG picture" in evidence


def test_truncated_emf_needs_review_without_an_exception() -> None:
    blob = emf_text_at(10)
    for cut in (8, 60, 100, len(blob) - 30, len(blob) - 8):
        evidence = _review(deck_with_preview(blob[:cut]))
        assert evidence.startswith("embedded object (ole): its text size cannot be read (")
        assert "impossible length" in evidence or "ends before its end record" in evidence


def test_damaged_text_record_needs_review() -> None:
    blob = bytearray(emf_text_at(10))
    text_at = blob.index(emf_text("Preview text")[:8])
    struct.pack_into("<I", blob, text_at + 48, 10_000)  # offString far beyond the record
    assert "text outside its record" in _review(deck_with_preview(bytes(blob)))


def test_hostile_emf_is_needs_review_within_bounded_time() -> None:
    noise = random.Random(7).randbytes(4 * 300_000)  # incompressible: the zip limits pass
    many = b"".join(emf_record(0x7FFF, noise[i:i + 4]) for i in range(0, len(noise), 4))
    huge = emf_header() + struct.pack("<II", 17, 0xFFFFFFF0) + b"\0" * 64
    started = time.perf_counter()
    assert "too many records" in _review(deck_with_preview(emf(many)))
    assert "impossible length" in _review(deck_with_preview(huge))
    assert time.perf_counter() - started < 10
    with pytest.raises(Unreadable):
        read_emf(struct.pack("<II", 1, 0x7FFFFFF0))
    with pytest.raises(Unreadable):
        read_wmf(wmf(wmf_record(0x0521, struct.pack("<h", 30000)))[:-6])


def test_emf_plus_only_needs_review_and_dual_is_read_through_gdi() -> None:
    def plus_header(flags: int) -> bytes:
        record = struct.pack("<HHII", 0x4001, flags, 28, 16) + struct.pack("<4I", 0xDBC01002,
                                                                            1, 96, 96)
        return emf_record(70, struct.pack("<II", len(record) + 4, 0x2B464D45) + record)

    only = emf(plus_header(0), anisotropic(), emf_font(1, -200),
               emf_record(37, struct.pack("<I", 1)), emf_text("GDI+ text"))
    assert "EMF+ only" in _review(deck_with_preview(only))
    dual = emf(plus_header(1), anisotropic(), emf_font(1, -200),
               emf_record(37, struct.pack("<I", 1)), emf_text("GDI+ text"))
    assert [r.size_pt for r in runs(deck_with_preview(dual))] == [10.0]


def test_raster_only_preview_needs_review_and_vector_only_preview_has_no_text() -> None:
    bitmap = emf_record(81, b"\0" * 72)  # EMR_STRETCHDIBITS
    assert "only a raster picture" in _review(deck_with_preview(emf(bitmap)))
    line = emf_record(54, struct.pack("<2i", 10, 10))  # EMR_LINETO
    assert runs(deck_with_preview(emf(line))) == []


# -- corpus ------------------------------------------------------------------------------------
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "office"
#: (deck, object runs sized from a preview, object runs still unsized, smallest size); the one
#: unsized run is the VML organisation chart of PPTWithAttachments, which has no preview. The
#: 45541/45545 previews also draw 68 Webdings bullets ("n", "g"), which are symbols, not text.
MEASURED = [
    ("45541_Footer.pptx", 68, 0, 12.01), ("45541_Header.pptx", 68, 0, 12.01),
    ("45545_Comment.pptx", 68, 0, 12.01), ("bug62513.pptx", 12, 0, 9.0),
    ("bug54570.pptx", 56, 0, 5.55), ("PPTWithAttachments.pptm", 12, 1, 10.93),
    ("bug64693.pptx", 1, 0, 9.0), ("aascu.org_workarea_downloadasset.aspx_id=5864.pptx", 19, 0,
                                   16.54),
    ("at.ecodesign.www_downloads_Vertiefungsvortrag_elektronik.pptx", 27, 0, 17.03),
]  # tika-2605 and alterman_security hold picture objects only (test_font_objects.py)


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "sized", "unsized", "smallest"), MEASURED,
                         ids=[m[0][:30] for m in MEASURED])
def test_corpus_decks_with_text_ole_objects(name: str, sized: int, unsized: int,
                                            smallest: float | None) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{name} not in the corpus")
    from tests.slides.decks import document

    doc = document(path.read_bytes(), name)
    try:
        objects = [r for r in resolved_runs(doc.ooxml, doc.deck) if r.kind == "object"]
    except (UnreadableError, LimitError) as exc:  # pragma: no cover - the corpus is readable
        pytest.fail(str(exc))
    got = [r.size_pt for r in objects if r.size_pt is not None]
    assert (len(got), len(objects) - len(got)) == (sized, unsized)
    assert (min(got) if got else None) == smallest


def test_crosscheck_counts_preview_text_within_1_5_percent_as_documented() -> None:
    from dataclasses import replace

    from bench.crosscheck_fonts import EXPECTED, classify

    [run] = runs(deck_with_preview(emf_text_at(10)))
    assert classify(run, 10.1) == "object-preview" and "object-preview" in EXPECTED
    assert classify(run, 10.3) == ""  # more than 1.5 %: unexplained
    assert classify(replace(run, kind="text"), 10.1) == ""
