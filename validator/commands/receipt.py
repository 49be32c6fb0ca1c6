"""``validator receipt verify``: check a gate's signed receipt offline (added to the main CLI).

Exit codes: 0 the receipt is signed by the given key and unchanged; 1 it is not (the line
printed says why: the signature does not match, a field is missing, it is not a receipt);
2 a usage error (no such file, a KEY that is not a public key). Only ``validator.storage.signing``
(and ``cryptography``) is loaded: not the gate's web stack.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from validator.commands.usage import SubGroup, WordedPath, group_lang, guarded, lang_option


@click.group(cls=SubGroup)
@group_lang
def receipt(lang: str) -> None:
    """Work with the intake gate's signed receipts."""


@receipt.command("verify")
@click.argument("receipt_file", metavar="RECEIPT.json",
                type=WordedPath(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", required=True,
              help="The gate's public key: its base64 text, a file holding it, or a file "
                   "holding the answer of GET /api/v1/receipt-key.")
@lang_option("Language of the answer.")
@guarded
def verify(receipt_file: Path, key: str, lang: str) -> None:
    """Check that RECEIPT.json (a receipt, or a submission as the API returns it) is signed
    by the key --key gives and unchanged since."""
    from validator.storage.signing import verify_file

    line, code = verify_file(receipt_file, key, lang)
    click.echo(line, err=code == 2)
    sys.exit(code)
