"""The corrected copy a body can download from its submission (issue: `validator fix` in the
gate): made on request in a checking process, never stored as a submission; the owner and the
apparatus get it, another body does not."""

from __future__ import annotations

import io
import re
import zipfile

from pptx.util import Pt

from tests.gate.conftest import Env
from tests.gate.packages import WIDE, compliant_item, deck
from tests.gate.test_api import _future_meeting, _post


def _small_print_deck(title: str, body: str) -> bytes:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(deck(WIDE, title, body)))
    slide = prs.slides[0]
    box = slide.shapes.add_textbox(Pt(40), Pt(360), Pt(400), Pt(30))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "Дереккөз: қалалық бөлім"
    run.font.size = Pt(14)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _store_count(env: Env) -> int:
    return sum(1 for p in (env.config.data / "store").rglob("*") if p.is_file())


def test_owner_downloads_the_corrected_copy(env: Env) -> None:
    files = compliant_item()
    name = next(n for n in files if n.endswith("қаз.pptx"))
    files[name] = _small_print_deck("Жолдар", "Жөндеу жоспары")
    status, body = _post(env, "roads", files, _future_meeting(), "2. Жолдар")
    assert status == 202
    codes = {f["code"] for p in body["report"]["packages"] for fr in p["files"]
             for f in fr["findings"]}
    assert "SLD002" in codes
    stored = _store_count(env)
    submissions = len(env.client.get("/api/v1/submissions", headers=env.auth("staff")).json()
                      ["submissions"])
    got = env.client.get(f"/api/v1/submissions/{body['id']}/corrected?lang=ru",
                         headers=env.auth("roads"))
    assert got.status_code == 200, got.text
    assert got.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(got.content)) as zf:
        names = set(zf.namelist())
        assert names == set(files) | {"fixes.txt"}
        summary = zf.read("fixes.txt").decode()
        assert "исправлено SLD002" in summary
        # where the change was made, in words: the slide and the text box, never a part name
        [line] = [ln for ln in summary.splitlines() if "SLD002" in ln]
        assert re.fullmatch(r"  исправлено SLD002 слайд 1, надпись «[^»]+»: 14 пт -> 20 пт",
                            line), line
        assert "slide[" not in summary and "shape[" not in summary
        slide = zipfile.ZipFile(io.BytesIO(zf.read(name))).read("ppt/slides/slide1.xml")
        assert b'sz="2000"' in slide and b'sz="1400"' not in slide
        other = next(n for n in files if n != name)
        assert zf.read(other) == files[other]  # nothing to fix: as submitted
    # made on request: nothing stored, no submission added
    assert _store_count(env) == stored
    after = env.client.get("/api/v1/submissions", headers=env.auth("staff")).json()
    assert len(after["submissions"]) == submissions
    # the apparatus may download it too; another body may not even see it
    assert env.client.get(f"/api/v1/submissions/{body['id']}/corrected",
                          headers=env.auth("staff")).status_code == 200
    assert env.client.get(f"/api/v1/submissions/{body['id']}/corrected",
                          headers=env.auth("health")).status_code == 404


def test_the_submission_page_offers_it(env: Env) -> None:
    status, body = _post(env, "roads", compliant_item(), _future_meeting(), "3. Мектептер")
    assert status == 202
    env.login("roads")
    page = env.client.get(f"/submissions/{body['id']}?lang=kk")
    assert "Түзетілген көшірмені жүктеп алу" in page.text
    got = env.client.get(f"/submissions/{body['id']}/corrected.zip")
    assert got.status_code == 200
    with zipfile.ZipFile(io.BytesIO(got.content)) as zf:
        assert "fixes.txt" in zf.namelist()
