"""How many answers from PostgreSQL one poll of a submission, and one submission, cost the gate.

Starts a gate on a PostgreSQL database of its own (``--database``: a server URL; a database
``poll_answers`` is made there, emptied first), submits the compliant sample once, polls it
eight times to warm the gate's connections, then traces the gate process with ``strace``
(``recvfrom``: one call per answer read from the server) through ten more polls, and then
through ten more submissions of the sample. Needs ``strace`` and the right to trace the gate
(root, or ptrace allowed).

    python bench/bench_poll_answers.py --database postgresql://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx2  # noqa: E402
import psycopg  # noqa: E402

from tests.gate.server import add_token, agenda_item, start_server  # noqa: E402

POLLS = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL server's URL")
    args = parser.parse_args()
    if shutil.which("strace") is None:
        sys.exit("strace is needed")
    server_url = args.database.rsplit("/", 1)[0]
    with psycopg.connect(args.database, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS poll_answers")
        conn.execute("CREATE DATABASE poll_answers")
    db = ("--database", f"{server_url}/poll_answers")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        staff = add_token(data, "Аппарат акима", "apparatus", *db)
        body = add_token(data, "Отдел дорог", "submitter", *db)
        server = start_server(data, *db, "--max-checks", "0")
        try:
            item = agenda_item(server.url, staff, "1. Дороги", "Отдел дорог")
            auth = {"Authorization": f"Bearer {body}"}
            folder = ROOT / "samples" / "compliant-item"
            files = [("file", (p.name, p.read_bytes()))
                     for p in sorted(folder.iterdir()) if p.is_file()]
            trace = Path(tmp) / "trace"
            with httpx2.Client(timeout=60) as http:
                sent = http.post(f"{server.url}/api/v1/submissions", headers=auth,
                                 data={"item_id": item}, files=files)
                sid = sent.json()["id"]
                poll = f"{server.url}/api/v1/submissions/{sid}"
                for _ in range(8):
                    http.get(poll, headers=auth)

                def answers(action: Callable[[], int]) -> float:
                    """Answers read from PostgreSQL per call of ``action`` (ten calls)."""
                    tracer = subprocess.Popen(["strace", "-f", "-p", str(server.proc.pid),
                                               "-e", "trace=recvfrom", "-o", str(trace)])
                    time.sleep(1.5)
                    for _ in range(POLLS):
                        if action() not in (200, 202):
                            sys.exit("a request failed")
                    time.sleep(0.5)
                    tracer.terminate()
                    tracer.wait()
                    found = [line for line in trace.read_text().splitlines()
                             if "recvfrom(" in line and "EAGAIN" not in line]
                    return len(found) / POLLS

                per_poll = answers(lambda: http.get(poll, headers=auth).status_code)
                per_receipt = answers(lambda: http.post(
                    f"{server.url}/api/v1/submissions", headers=auth, data={"item_id": item},
                    files=files).status_code)
            print(f"{per_poll:.1f} answers from PostgreSQL per poll ({POLLS} polls)")
            print(f"{per_receipt:.1f} answers from PostgreSQL per submission ({POLLS} "
                  "submissions)")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
