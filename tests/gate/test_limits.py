"""Bodies over the limit: the documented JSON 413 on the API and a page in the user's language
in the browser, whether ``Content-Length`` declares the size or a chunked body grows past it;
the server reads and discards what is still coming (so the client sees the answer) and its
memory stays flat, measured on a real server over loopback."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.gate.conftest import make_env
from tests.gate.server import add_token, start_server

MEETING = "2030-03-05"
BOUNDARY = "limitboundary"


def test_declared_413_is_json_on_the_api_and_a_localised_page(tmp_path: Path) -> None:
    e = make_env(tmp_path, max_request_bytes=100_000)
    with e.client:
        big = [("file", ("big.pptx", b"\0" * 1_300_000, "application/octet-stream"))]
        resp = e.client.post("/api/v1/submissions?lang=en", headers=e.auth("roads"),
                             data={"meeting_date": MEETING, "item": "1"}, files=big)
        assert resp.status_code == 413
        assert resp.json() == {"error": {"code": "error.too_large", "message":
                               "The package is too large (at most 98 KB)."}}
        assert resp.headers["connection"] == "close"
        csrf = e.login("roads")
        e.client.get("/lang/ru")
        page = e.client.post("/submit", data={"meeting_date": MEETING, "item": "1",
                                              "csrf": csrf}, files=big)
        assert page.status_code == 413
        assert page.headers["content-type"].startswith("text/html")
        assert 'lang="ru"' in page.text and "Пакет слишком велик" in page.text
        assert e.gate.register.submissions() == []


def _stream(port: int, path: str, headers: dict[str, str], chunks: int, chunk: bytes,
            chunked: bool, prefix: bytes = b"") -> tuple[int, dict[str, str], bytes, int]:
    """Send a request body of ``chunks`` x ``chunk`` while reading the answer; return the
    status, headers, body of the answer and how many bytes were sent before it came."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=120)
    head = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}",
            f"Origin: http://127.0.0.1:{port}",
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    if chunked:
        head.append("Transfer-Encoding: chunked")
    else:
        head.append(f"Content-Length: {len(prefix) + chunks * len(chunk)}")
    sent = [0]
    answered = threading.Event()
    # A piece and its count go together: the count read when the answer comes includes a
    # piece being handed over at that moment once it is through (the server may read it and
    # answer before this thread counts it).
    counting = threading.Lock()

    def send() -> None:
        try:
            sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
            pieces = [prefix] + [chunk] * chunks
            for piece in pieces:
                with counting:
                    if answered.is_set():
                        return
                    if chunked:
                        sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                    else:
                        sock.sendall(piece)
                    sent[0] += len(piece)
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        except OSError:
            return  # the server closed the connection after answering

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        assert piece, "connection closed without an answer"
        data += piece
    with counting:
        answered.set()
        at = sent[0]
    raw_head, _, body = data.partition(b"\r\n\r\n")
    lines = raw_head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    got = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
    length = int(got.get("content-length", "0"))
    while len(body) < length:
        piece = sock.recv(65536)
        if not piece:
            break
        body += piece
    sock.close()
    sender.join(30)
    return status, got, body, at


def _part_head(name: str = "file") -> bytes:
    return (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"meeting_date\"\r\n\r\n"
            f"{MEETING}\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"item\"\r\n"
            f"\r\n1\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; "
            f"filename=\"big.pptx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            ).encode()


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.slow
def test_chunked_and_declared_413_on_a_real_server(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    token = add_token(data, "Отдел дорог", "submitter")
    server = start_server(data, "--max-request-mb", "1", "--max-checks", "0")
    auth = {"Authorization": f"Bearer {token}"}
    try:
        mib = b"\0" * (1 << 20)
        for chunked, size_mb in ((True, 3), (True, 200), (False, 3), (False, 200)):
            status, headers, body, sent = _stream(server.port, "/api/v1/submissions?lang=kk",
                                                  auth, size_mb, mib, chunked, _part_head())
            assert status == 413, (chunked, size_mb, body[:200])
            error = json.loads(body)["error"]
            assert error["code"] == "error.too_large"
            assert error["message"] == "Пакет тым үлкен (ең көбі 1 МБ)."
            assert headers["connection"] == "close"
            if size_mb == 3:  # small enough to be read to its end before the answer
                assert sent >= 3 << 20, sent
        # the page's answer, for a signed-in browser
        import httpx2

        from tests.gate.conftest import login

        with httpx2.Client(base_url=server.url, headers={"Origin": server.url}) as client:
            login(client, token)
            session = client.cookies["gate_session"]
        status, headers, body, _ = _stream(server.port, "/submit", {
            "Cookie": f"gate_lang=en; gate_session={session}"}, 3, mib, True, _part_head())
        assert status == 413 and headers["content-type"].startswith("text/html")
        assert "The package is too large" in body.decode()
    finally:
        server.stop()


@pytest.mark.slow
def test_memory_stays_flat_under_a_1_gb_stream(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    token = add_token(data, "Отдел дорог", "submitter")
    # a 256 MB limit: the whole 1 GB goes through the server (parsed, then discarded)
    server = start_server(data, "--max-request-mb", "256", "--max-checks", "0")
    try:
        auth = {"Authorization": f"Bearer {token}"}
        mib = os.urandom(1 << 20)
        _stream(server.port, "/api/v1/submissions", auth, 2, mib, True, _part_head())
        before = _rss_kb(server.proc.pid)
        started = time.monotonic()
        status, _, body, sent = _stream(server.port, "/api/v1/submissions", auth, 1024, mib,
                                        True, _part_head())
        seconds = time.monotonic() - started
        after = _rss_kb(server.proc.pid)
        assert status == 413, body[:200]
        assert sent >= 1 << 30  # the answer came after the whole gigabyte was read
        assert after - before < 64 * 1024, (before, after)
        print(f"1 GB stream: {seconds:.1f} s, server RSS {before // 1024} -> "
              f"{after // 1024} MB")
        assert list((data / "tmp").glob("req-*")) == []
    finally:
        server.stop()
