"""Make the data folder of version 0.1.0 that ``tests/gate/test_upgrade.py`` upgrades.

Run from the project root (it needs git and the project's environment)::

    python tests/gate/make_old_data.py

It checks commit ``OLD_COMMIT`` (version 0.1.0, the last one that stored reports as pickles) out
into a temporary git worktree, runs that version's own gate in-process (its ``open_gate``, a
token, its submission API) to receive two small submissions, and copies the data folder (the
register, the store with the files and the pickled reports, the session key) to
``tests/gate/fixtures/data-0.1.0/data``. Beside it, ``made.json`` records the token and, per
submission, that version's text reports in each language, which the upgraded reports must still
render. The files are built here, byte for byte the same on every run; ids, tokens and times
differ from run to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OLD_COMMIT = "a6d690f"
ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "tests" / "gate" / "fixtures" / "data-0.1.0"

#: Runs inside the old checkout, with its ``validator`` first on the path.
PROGRAM = r'''
import io, json, sqlite3, sys, zipfile
from pathlib import Path

import validator
out = Path(sys.argv[1])
assert Path(validator.__file__).resolve().is_relative_to(Path.cwd().resolve()), validator.__file__

from starlette.testclient import TestClient
from validator.gate.app import create_app
from validator.gate.auth import new_token
from validator.gate.config import GateConfig
from validator.gate.service import open_gate
from validator.reports import text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs):
    body = "".join(f'<w:p><w:r><w:t>{p}</w:t></w:r></w:p>' for p in paragraphs)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicat'
            'ion/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Cont'
            'entType="application/xml"/><Override PartName="/word/document.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
            '"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxm'
            'lformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sc'
            'hemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Targe'
            't="word/document.xml"/></Relationships>'),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}'
            '</w:body></w:document>'),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, xml.encode("utf-8"))
    return buf.getvalue()


SUBMISSIONS = [
    ("2. Ремонт дорог", {
        "Справка_рус.docx": docx(["СПРАВКА", "О ремонте городских дорог в 2026 году. "
                                  "Запланирован ремонт сорока двух улиц, работы начнутся в "
                                  "июне и завершатся в сентябре."]),
        "Анықтама_қаз.docx": b"not a zip: a damaged file",
    }),
    ("3. Освещение улиц", {
        "Қаулы_жобасы_қаз.docx": docx(["ҚАУЛЫ ЖОБАСЫ", "Көшелерді жарықтандыру жоспарын "
                                       "бекіту туралы. Әкімдік қаулы етеді: жоспар "
                                       "бекітілсін."]),
    }),
]

data = out / "data"
config = GateConfig(data=data, check_timeout=120.0)
gate = open_gate(config)
token = new_token(gate.register, "Отдел дорог", "submitter")
made = {"token": token, "body": "Отдел дорог", "submissions": []}
with TestClient(create_app(config, gate), base_url="http://127.0.0.1") as client:
    for item, files in SUBMISSIONS:
        resp = client.post("/api/v1/submissions",
                           headers={"Authorization": f"Bearer {token}"},
                           data={"meeting_date": "2026-01-20", "item": item},
                           files=[("file", (n, b, "application/octet-stream"))
                                  for n, b in files.items()])
        assert resp.status_code == 201, resp.text
        receipt = resp.json()["receipt"]
        row = gate.register.submission(receipt["id"])
        report = gate.intake.report(row)
        made["submissions"].append({
            "id": receipt["id"], "receipt": receipt, "report_sha256": row.report_sha256,
            "text": {lang: text.render(report, lang) for lang in ("kk", "ru", "en")},
        })
gate.intake.pool.close()
db = data / "register.sqlite3"
conn = sqlite3.connect(db)
conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
conn.execute("PRAGMA journal_mode = DELETE")
conn.close()
for extra in ("register.sqlite3-wal", "register.sqlite3-shm"):
    (data / extra).unlink(missing_ok=True)
(out / "made.json").write_text(json.dumps(made, ensure_ascii=False, indent=2) + "\n",
                               encoding="utf-8")
'''


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        checkout = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", str(checkout), OLD_COMMIT],
                       cwd=ROOT, check=True)
        try:
            made = Path(tmp) / "made"
            env = {**os.environ, "PYTHONPATH": str(checkout)}
            subprocess.run([sys.executable, "-c", PROGRAM, str(made)], cwd=checkout, env=env,
                           check=True)
            shutil.rmtree(made / "data" / "tmp", ignore_errors=True)  # empty; made at start
            shutil.rmtree(TARGET, ignore_errors=True)
            shutil.copytree(made, TARGET)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT,
                           check=True)
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
