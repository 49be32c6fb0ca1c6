"""Signature files (``formats/cms.py``): the time to read the document a CMS file carries.

Run from the project root:  python bench/bench_signed.py
Prints a Markdown table (paste under "## Signed documents" in docs/BENCHMARKS.md).

Cases, each timed once in this process (CPU seconds), random content:

* DER, one OCTET STRING (how most signers write a small file): 10 and 100 MB;
* BER in 1000-byte chunks (a streaming signer): 16 and 200 MB, through ``signed_content``, and
  for 16 MB also asn1crypto's own joining of the chunks (``.native``), which the reader
  replaces: it joins them pair by pair, in time quadratic in their number;
* hostile: 4 MB in 2-byte chunks (2 million elements), refused by the element bound.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.signed_files import sign, sign_ber  # noqa: E402
from validator.formats.cms import signed_content  # noqa: E402


def _timed(blob: bytes) -> tuple[float, str]:
    start = time.process_time()
    found = signed_content(blob)
    return time.process_time() - start, found.state


def _asn1crypto_join(blob: bytes) -> float:
    from asn1crypto import cms

    start = time.process_time()
    content = cms.ContentInfo.load(blob)["content"]["encap_content_info"]["content"]
    content.native  # noqa: B018 - the join itself is what is timed
    return time.process_time() - start


def main() -> None:
    rows = []
    for mb in (10, 100):
        seconds, state = _timed(sign(os.urandom(mb << 20)))
        rows.append((f"DER, {mb} MB", seconds, state))
    for mb in (16, 200):
        seconds, state = _timed(sign_ber(os.urandom(mb << 20), 1000))
        rows.append((f"BER, {mb} MB in 1000-byte chunks", seconds, state))
    slow = _asn1crypto_join(sign_ber(os.urandom(16 << 20), 1000))
    rows.append(("BER, 16 MB in 1000-byte chunks, joined by asn1crypto", slow, "attached"))
    seconds, state = _timed(sign_ber(bytes(4 << 20), 2))
    rows.append(("BER, 4 MB in 2-byte chunks (2 million elements)", seconds, state))
    print("| case | CPU s | read as |")
    print("|---|---:|---|")
    for name, seconds, state in rows:
        print(f"| {name} | {seconds:.2f} | {state} |")


if __name__ == "__main__":
    main()
