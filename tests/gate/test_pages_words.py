"""The gate's report pages name files as the body named them: the checking job's own folder
(``package``) is never shown to a person."""

from __future__ import annotations

import re

from tests.gate.conftest import Env
from tests.gate.packages import non_compliant_item


def test_findings_name_files_without_the_job_folder(env: Env) -> None:
    files = non_compliant_item()
    resp = env.submit("roads", files)
    assert resp.status_code == 202, resp.text
    sid = resp.json()["id"]
    env.checked(sid, "roads")
    env.login("roads")
    page = env.client.get(f"/submissions/{sid}?lang=ru")
    assert page.status_code == 200
    findings = page.text[page.text.index('id="findings"'):]
    headings = [re.sub(r"<[^>]+>|&#8203;|\u200b", "", h)
                for h in re.findall(r"<h[34][^>]*>(.*?)</h[34]>", findings, re.S)]
    assert headings[0].startswith("Пакет:"), headings[0]
    names = {h.strip() for h in headings[1:]}
    assert names == set(files), names
    assert not any("package" in h for h in headings)
