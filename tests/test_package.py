"""Package discovery: what a PATH is (single file, item, meeting) and safe zip reading."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.conftest import ROOT, build_docx, build_pptx, only, run


def _zip(files: dict[str, bytes], cp866: bool = False, codec: str = "cp866") -> bytes:
    buf = io.BytesIO()
    swaps = []
    with zipfile.ZipFile(buf, "w") as z:
        for n, (name, data) in enumerate(files.items()):
            if cp866:
                # As Windows archivers do: OEM code page bytes, no UTF-8 flag (bit 11).
                # zipfile would set the flag for non-ASCII names, so write an ASCII
                # placeholder of the same length and swap the bytes afterwards.
                raw = name.encode(codec)
                placeholder = f"p{n}_".ljust(len(raw), "x").encode()  # none inside another
                swaps.append((placeholder, raw))
                z.writestr(placeholder.decode(), data)
            else:
                z.writestr(name, data)
    out = buf.getvalue()
    for placeholder, raw in swaps:
        out = out.replace(placeholder, raw)
    return out


def test_single_file_is_its_own_package(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(build_pptx())
    report = run(path)
    assert len(report.packages) == 1
    assert report.packages[0].path == path.as_posix()


def test_folder_with_documents_is_one_item_including_subfolders(tmp_path: Path) -> None:
    (tmp_path / "kk").mkdir()
    (tmp_path / "ru").mkdir()
    (tmp_path / "Справка.docx").write_bytes(build_docx())
    (tmp_path / "kk" / "Анықтама.docx").write_bytes(build_docx())
    (tmp_path / "ru" / "Презентация.pptx").write_bytes(build_pptx())
    (tmp_path / ".hidden.docx").write_bytes(b"x")
    report = run(tmp_path)
    assert len(report.packages) == 1
    names = sorted(f.path.split(tmp_path.name + "/", 1)[1] for f in report.packages[0].files)
    # A hidden file inside a package is checked like any other (here: not a real .docx).
    assert names == [".hidden.docx", "kk/Анықтама.docx", "ru/Презентация.pptx", "Справка.docx"]
    assert [f.file.rsplit("/", 1)[-1] for f in only(report, "FIL001")] == [".hidden.docx"]


def test_meeting_folder_of_items_and_zips(tmp_path: Path) -> None:
    (tmp_path / "item1").mkdir()
    (tmp_path / "item1" / "Справка.docx").write_bytes(build_docx())
    (tmp_path / "item2.zip").write_bytes(_zip({"Презентация.pptx": build_pptx(9144000, 6858000)}))
    report = run(tmp_path)
    paths = [p.path.rsplit("/", 1)[-1] for p in report.packages]
    assert paths == ["item1", "item2.zip"]
    hit = only(report, "SLD001")[0]
    assert hit.file.endswith("item2.zip/Презентация.pptx")
    assert hit.package.endswith("item2.zip")


def test_zip_item_members_named_inside_the_zip(tmp_path: Path) -> None:
    path = tmp_path / "item.zip"
    path.write_bytes(_zip({"Справка.docx": build_docx()[:100], "kk/Анықтама.docx": build_docx()}))
    report = run(path)
    files = [f.path for f in report.packages[0].files]
    assert files == [f"{path.as_posix()}/Справка.docx", f"{path.as_posix()}/kk/Анықтама.docx"] or \
        sorted(files) == sorted([f"{path.as_posix()}/Справка.docx",
                                 f"{path.as_posix()}/kk/Анықтама.docx"])
    assert only(report, "FIL001")[0].file == f"{path.as_posix()}/Справка.docx"


def test_meeting_zip_of_item_zips(tmp_path: Path) -> None:
    item = _zip({"Справка.docx": build_docx()})
    path = tmp_path / "meeting.zip"
    path.write_bytes(_zip({"1.zip": item, "2.zip": item}))
    report = run(path)
    assert [p.path.rsplit("/", 1)[-1] for p in report.packages] == ["1.zip", "2.zip"]
    # Each item holds only a Russian reference: one LNG001 per item package, and PKG001 for
    # its missing draft and participant list; nothing else.
    assert [(f.code, f.file) for f in report.all_findings() if f.code != "PKG001"] == [
        ("LNG001", p.path) for p in report.packages
    ]
    assert [f.file for f in report.all_findings() if f.code == "PKG001"] == [
        p.path for p in report.packages for _ in range(2)
    ]


def test_zip_nested_too_deep_is_refused(tmp_path: Path) -> None:
    inner = _zip({"Справка.docx": build_docx()})
    item = _zip({"Справка.docx": build_docx(), "more.zip": inner})
    path = tmp_path / "meeting.zip"
    path.write_bytes(_zip({"1.zip": item}))
    hits = only(run(path), "FIL003")
    assert len(hits) == 1
    assert hits[0].file.endswith("1.zip/more.zip")
    assert hits[0].threshold == 1


def test_hostile_member_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "item.zip"
    path.write_bytes(_zip({"../evil.docx": build_docx(), "/abs.docx": build_docx(),
                           "ok.docx": build_docx()}))
    report = run(path)
    hits = only(report, "FIL003")
    reasons = sorted(h.evidence for h in hits)  # the technical reason; people read the kind
    assert all("недопустимым именем" in h.message("ru") for h in hits)
    assert len(hits) == 2
    assert any("'..'" in r for r in reasons) and any("absolute" in r for r in reasons)
    assert [f.path.rsplit("/", 1)[-1] for f in report.packages[0].files] == ["ok.docx"]
    assert not (tmp_path.parent / "evil.docx").exists()


def test_cp866_member_names_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "item.zip"
    path.write_bytes(_zip({"Справка.docx": build_docx()}, cp866=True))
    report = run(path)
    assert report.packages[0].files[0].path.endswith("/Справка.docx")


def test_cp1251_member_names_are_decoded(tmp_path: Path) -> None:
    """Windows programs other than Explorer write the ANSI code page (CP1251) without the
    UTF-8 flag; its bytes read as CP866 would be ``╤яЁртър_Ёєё.docx``."""
    path = tmp_path / "item.zip"
    names = ["Справка_рус.docx", "сводка.docx", "Список участников (проект).docx"]
    path.write_bytes(_zip({n: build_docx() for n in names}, cp866=True, codec="cp1251"))
    report = run(path)
    assert sorted(f.path.rsplit("/", 1)[-1] for f in report.packages[0].files) == sorted(names)


def test_cyrillic_code_pages_of_real_names_are_told_apart() -> None:
    """Names made of the first words of the FLORES-200 Russian sentences, each written in
    CP866 and in CP1251 without the UTF-8 flag: measured, 3 of 8,094 are read wrong (two
    words, both short, and one whose CP1251 bytes are valid UTF-8); the bound is 1 in 1,000."""
    import re

    from validator.formats.archive import decode_name

    flores = ROOT.parent / "shared" / "corpus" / "text" / "flores200-devtest.rus_Cyrl.txt"
    total = wrong = 0
    for line in flores.read_text(encoding="utf-8").splitlines():
        words = re.findall(r"[А-Яа-яЁё№«»]+|\d+", line)
        for count in (1, 2, 3, 5):
            if len(words) < count:
                continue
            name = " ".join(words[:count]) + ".docx"
            for codec in ("cp866", "cp1251"):
                try:
                    raw = name.encode(codec)
                except UnicodeEncodeError:
                    continue
                total += 1
                wrong += decode_name(zipfile.ZipInfo(raw.decode("cp437"))) != name
    assert total > 8000
    assert wrong <= total // 1000, (wrong, total)


def test_corrupt_package_zip_is_fil001(tmp_path: Path) -> None:
    path = tmp_path / "item.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    report = run(path)
    hits = only(report, "FIL001")
    assert len(hits) == 1 and hits[0].file == path.as_posix()
