"""The gate's report pages name files as the body named them: the checking job's own folder
(``package``) is never shown to a person."""

from __future__ import annotations

import io
import re
import zipfile

from tests.gate.conftest import Env
from tests.gate.packages import non_compliant_item


def _findings(env: Env, files: dict[str, bytes]) -> str:
    """The findings part of the Russian submission page of ``files``, sent and checked."""
    resp = env.submit("roads", files)
    assert resp.status_code == 202, resp.text
    sid = resp.json()["id"]
    env.checked(sid, "roads")
    env.login("roads")
    page = env.client.get(f"/submissions/{sid}?lang=ru")
    assert page.status_code == 200
    return page.text[page.text.index('id="findings"'):]


def test_findings_name_files_without_the_job_folder(env: Env) -> None:
    files = non_compliant_item()
    findings = _findings(env, files)
    headings = [re.sub(r"<[^>]+>|&#8203;|\u200b", "", h)
                for h in re.findall(r"<h[34][^>]*>(.*?)</h[34]>", findings, re.S)]
    assert headings[0].startswith("Пакет:"), headings[0]
    names = {h.strip() for h in headings[1:]}
    assert names == set(files), names
    assert not any("package" in h for h in headings)


def test_a_package_finding_about_one_item_names_it(env: Env) -> None:
    """An archive inside a package is not opened: the package's finding names it, as the body
    named it, and says what to do."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Список_участников_рус.docx", next(iter(non_compliant_item().values())))
    findings = re.sub(r"&#8203;|\u200b", "", _findings(
        env, {**non_compliant_item(), "Приложения.zip": archive.getvalue()}))
    package_list = findings[:findings.index("<h4")]
    assert ("<code>FIL003</code> ошибка [Приложения.zip]: не прочитано: архив внутри пакета "
            "не открывается: положите его файлы в сам пакет") in package_list, package_list
    # a part that may be in the archive is for a person to look at, and the clauses are plural
    assert ("<code>PKG001</code> ошибка [требует проверки]: обязательный материал не найден: "
            "«список участников»") in package_list, package_list
    assert "(пункты 15.2, 15.5)" in package_list
