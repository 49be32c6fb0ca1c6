"""One persistent headless LibreOffice per run, reached through the UNO bridge script.

It counts pages of word-processing files and converts legacy and open documents (.ppt, .doc,
.xls, .rtf, .odt, .odp, .ods) to OOXML for the checks (``convert``).

The run owns a :class:`LibreOfficeCounter`; it starts the bridge (and with it soffice) on the
first document that needs it, sends one request per document with a time limit, and replaces
the process after ``recycle_after`` documents or when it times out or dies. It is never
started per document and never started when no document needs it.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from validator.paging.counts import FontCheck, PageCount, PageCountUnavailable
from validator.paging.lo_bridge import write_profile
from validator.paging.lo_process import (
    bridge_pipe,
    kill_group,
    profile_url,
    remove_pipes,
    run_once,
)

BRIDGE_SCRIPT = Path(__file__).with_name("lo_bridge.py")
SYSTEM_PYTHON = "/usr/bin/python3"


@dataclass(frozen=True)
class LibreOfficeSetup:
    """Where LibreOffice and a Python that can import ``uno`` are, if anywhere."""

    soffice: str
    python: str


def find_libreoffice(python: str = SYSTEM_PYTHON) -> LibreOfficeSetup | None:
    """Locate soffice and check that ``python`` can import uno (python3-uno)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not os.access(python, os.X_OK):
        return None
    try:
        done = subprocess.run(
            [python, "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return LibreOfficeSetup(soffice, python) if done.returncode == 0 else None


class LibreOfficeCounter:
    """Counts pages of word-processing files with one long-lived soffice."""

    def __init__(
        self,
        setup: LibreOfficeSetup,
        fonts: FontCheck,
        *,
        timeout: float = 60.0,
        start_timeout: float = 90.0,
        recycle_after: int = 200,
    ) -> None:
        self._setup = setup
        self._fonts = fonts
        self._timeout = timeout
        self._start_timeout = start_timeout
        self._recycle_after = recycle_after
        self._proc: subprocess.Popen[bytes] | None = None
        self._workdir: str | None = None
        self._buffer = b""
        self._served = 0
        self.starts = 0

    def __enter__(self) -> LibreOfficeCounter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _request(self, payload: dict[str, str]) -> dict[str, Any]:
        """Send one request to the bridge (started, or recycled after ``recycle_after``
        documents, as needed) and return its reply. Raises PageCountUnavailable when the
        process is lost or gives no answer within the time limit (it is then killed)."""
        if self._proc is not None and self._served >= self._recycle_after:
            self.close()
        if self._proc is None:
            self._start()
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write((json.dumps(payload) + "\n").encode())
            self._proc.stdin.flush()
        except OSError as exc:
            self._kill()
            raise PageCountUnavailable(f"LibreOffice process lost: {exc}") from exc
        self._served += 1
        reply = self._read_reply(self._timeout)
        if reply is None:
            self._kill()
            raise PageCountUnavailable(f"LibreOffice gave no answer within {self._timeout:g} s")
        return reply

    def count(self, path: Path) -> PageCount:
        """Render ``path`` in LibreOffice and return its page count.

        Raises PageCountUnavailable when LibreOffice cannot open the file, dies or exceeds
        the time limit (the process is then replaced before the next document).
        """
        reply = self._request({"op": "count", "path": str(Path(path).resolve())})
        if not reply.get("ok"):
            if reply.get("fatal"):
                self._kill()
                return self._export_once(Path(path), str(reply.get("error", "")))
            raise PageCountUnavailable(f"LibreOffice: {reply.get('error', 'failed')}")
        pages = int(reply["pages"])
        fill = reply.get("fill")
        fill_text = f", last page {float(fill):.0%} full" if fill is not None else ""
        return PageCount(
            pages=pages,
            method="libreoffice",
            last_page_fill=None if fill is None else float(fill),
            uncertainty=0.0,
            evidence=f"LibreOffice layout: {pages} page(s){fill_text}; {self._fonts.evidence}",
            tnr_metric_font=self._fonts.metric_compatible,
        )

    def convert(self, path: Path, target: str) -> bytes:
        """Save ``path`` (a legacy or open document) as the OOXML format ``target`` (an
        extension: pptx, docx, xlsx or their macro-enabled twins) and return its bytes.

        The converted file is written in a temporary folder that is removed whatever
        happens; the original is copied by the bridge and never touched. Raises
        PageCountUnavailable when LibreOffice cannot open or save the file, dies or
        exceeds the time limit (the process is then replaced).
        """
        with tempfile.TemporaryDirectory(prefix="validator-convert-") as tmp:
            out = Path(tmp) / f"converted.{target}"
            reply = self._request({"op": "convert", "path": str(Path(path).resolve()),
                                   "out": str(out)})
            if not reply.get("ok"):
                if reply.get("fatal"):
                    self._kill()
                    return self._convert_once(Path(path), target, str(reply.get("error", "")))
                raise PageCountUnavailable(str(reply.get("error", "LibreOffice failed")))
            if not out.is_file():
                raise PageCountUnavailable("LibreOffice wrote no converted file")
            return out.read_bytes()

    def _convert_once(self, path: Path, target: str, crash: str) -> bytes:
        """Recovery for a file that crashes LibreOffice when loaded over UNO: one
        command-line conversion of that file alone, in a throw-away profile with the same
        restrictive settings (macros never run), under the same time limit."""
        from validator.paging.lo_bridge import EXPORT_FILTERS

        with tempfile.TemporaryDirectory(prefix="validator-lo-convert-") as tmp:
            work = Path(tmp)
            source = work / ("in" + path.suffix.lower())
            shutil.copyfile(path, source)
            profile = str(work / "profile")
            write_profile(profile)
            out_dir = work / "out"
            if not run_once(self._setup.soffice, profile,
                            ["--convert-to", f"{target}:{EXPORT_FILTERS['.' + target]}",
                             "--outdir", str(out_dir), str(source)],
                            self._timeout + self._start_timeout):
                raise PageCountUnavailable("LibreOffice conversion timed out")
            converted = out_dir / f"in.{target}"
            if not converted.is_file():
                raise PageCountUnavailable(f"LibreOffice crashed on this file ({crash})")
            return converted.read_bytes()

    def _export_once(self, path: Path, crash: str) -> PageCount:
        """Recovery for the rare file that crashes LibreOffice when loaded over UNO (seen
        with some files carrying comments): one command-line PDF export of that file alone,
        in a throw-away profile, under the same time limit; pages from the PDF page tree."""
        from validator.paging.pdf import count_pdf_pages

        with tempfile.TemporaryDirectory(prefix="validator-lo-export-") as tmp:
            work = Path(tmp)
            source = work / ("in" + path.suffix.lower())
            shutil.copyfile(path, source)
            profile = str(work / "profile")
            write_profile(profile)
            if not run_once(self._setup.soffice, profile,
                            ["--convert-to", "pdf", "--outdir", str(work), str(source)],
                            self._timeout + self._start_timeout):
                raise PageCountUnavailable("LibreOffice PDF export timed out")
            pdf = work / "in.pdf"
            if not pdf.exists():
                raise PageCountUnavailable(f"LibreOffice crashed on this file ({crash})")
            pages = count_pdf_pages(pdf).pages
        return PageCount(
            pages=pages,
            method="libreoffice",
            last_page_fill=None,
            uncertainty=0.0,
            evidence=(f"LibreOffice PDF export: {pages} page(s) (UNO load crashed); "
                      f"{self._fonts.evidence}"),
            tnr_metric_font=self._fonts.metric_compatible,
        )

    def _start(self) -> None:
        self._workdir = tempfile.mkdtemp(prefix="validator-lo-")
        self._proc = subprocess.Popen(
            [self._setup.python, str(BRIDGE_SCRIPT), self._setup.soffice,
             str(self._start_timeout), self._workdir, bridge_pipe(self._workdir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self._buffer = b""
        self._served = 0
        self.starts += 1
        ready = self._read_reply(self._start_timeout + 10)
        if ready is None or not ready.get("ok"):
            self._kill()
            reason = "no answer" if ready is None else ready.get("error", "failed")
            raise PageCountUnavailable(f"LibreOffice did not start: {reason}")

    def _read_reply(self, timeout: float) -> dict[str, Any] | None:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    return None
                chunk = os.read(fd, 65536)
                if not chunk:
                    return None
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            value = json.loads(line)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        kill_group(proc)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        if self._workdir is not None:
            remove_pipes(profile_url(os.path.join(self._workdir, "profile")),
                         bridge_pipe(self._workdir))
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def close(self) -> None:
        """Ask the bridge to close LibreOffice; kill it if it does not within 20 s."""
        proc = self._proc
        if proc is None:
            return
        try:
            assert proc.stdin is not None
            proc.stdin.write(b'{"op": "quit"}\n')
            proc.stdin.flush()
            proc.stdin.close()
            proc.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self._kill()
