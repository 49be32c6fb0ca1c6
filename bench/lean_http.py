"""A lean HTTP/1.1 client for the gate's benchmarks: one keep-alive connection per client on
asyncio streams, the request written in one piece, the answer read by its Content-Length (or
chunks).

Why: the benchmarks run their clients on the same two CPUs as the gate. During a burst of
200 submissions httpx's clients took 0.53-0.62 s of CPU until the last receipt, these 0.22-0.28
s (``bench/bench_gate.py --client lean``), so that whether the clients' share of the machine
holds the receipts back can be measured. It speaks only what the gate answers (no TLS, no
redirects, no compression).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any


class LeanError(OSError):
    """The connection failed or the answer was not HTTP/1.1 as expected."""


class Answer:
    """A response: status, lower-cased headers, body."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status_code = status
        self.headers = headers
        self.content = body

    def json(self) -> Any:
        return json.loads(self.content)


class LeanClient:
    """One client's connection to ``host:port``, opened on first use and again after the
    server closed it."""

    def __init__(self, host: str, port: int, timeout: float = 120.0) -> None:
        self._host, self._port, self._timeout = host, port, timeout
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, method: str, path: str, headers: dict[str, str],
                      body: bytes = b"") -> Answer:
        head = [f"{method} {path} HTTP/1.1", f"Host: {self._host}:{self._port}",
                f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        message = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
        try:
            return await asyncio.wait_for(self._exchange(message), self._timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            await self.close()
            raise LeanError(f"{type(exc).__name__}: {exc}") from exc

    async def _exchange(self, message: bytes) -> Answer:
        if self._streams is None:
            self._streams = await asyncio.open_connection(self._host, self._port)
        reader, writer = self._streams
        writer.write(message)
        await writer.drain()
        status_line = await reader.readuntil(b"\r\n")
        parts = status_line.split(None, 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
            raise ValueError(f"not an HTTP answer: {status_line[:40]!r}")
        headers: dict[str, str] = {}
        while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunks(reader)
        else:
            body = await reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Answer(int(parts[1]), headers, body)

    @staticmethod
    async def _chunks(reader: asyncio.StreamReader) -> bytes:
        body = bytearray()
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            body += await reader.readexactly(size)
            await reader.readexactly(2)
        while await reader.readuntil(b"\r\n") != b"\r\n":
            pass  # trailers
        return bytes(body)

    async def close(self) -> None:
        streams, self._streams = self._streams, None
        if streams is not None:
            streams[1].close()
            with contextlib.suppress(OSError):
                await streams[1].wait_closed()
