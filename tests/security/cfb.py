"""A minimal writer of OLE compound files (CFB version 3) for the tests: encrypted OOXML
containers, VBA projects and OLE objects are built with it, no Office needed."""

from __future__ import annotations

import itertools
import struct
from collections.abc import Mapping

_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_SECTOR = 512


def _cfb_key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


def cfb(streams: Mapping[str, bytes]) -> bytes:
    """An OLE container holding ``streams`` ("VBA/dir" makes storage VBA with stream dir).

    Streams are padded to 4096 bytes so that all live in regular sectors (no mini stream).
    """
    tree: dict[str, dict[str, bytes | None]] = {"": {}}
    for path, data in streams.items():
        parts = path.split("/")
        for depth in range(1, len(parts)):
            parent, name = "/".join(parts[:depth - 1]), parts[depth - 1]
            tree.setdefault(parent, {})[name] = None
            tree.setdefault("/".join(parts[:depth]), {})
        parent = "/".join(parts[:-1])
        tree.setdefault(parent, {})[parts[-1]] = data.ljust(4096, b"\0")
    # Directory entries in breadth-first order: root first.
    order: list[tuple[str, str, bytes | None]] = [("", "Root Entry", None)]
    index = {"": 0}
    queue = [""]
    while queue:
        storage = queue.pop(0)
        for name in sorted(tree.get(storage, {}), key=_cfb_key):
            path = f"{storage}/{name}" if storage else name
            index[path] = len(order)
            order.append((path, name, tree[storage][name]))
            if tree[storage][name] is None:
                queue.append(path)
    dir_sectors = -(-len(order) * 128 // _SECTOR)
    data_sectors = sum(-(-len(d) // _SECTOR) for _, _, d in order if d is not None)
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + dir_sectors + data_sectors:
        fat_sectors += 1
    fat = [_FATSECT] * fat_sectors
    first_dir = len(fat)
    fat += [len(fat) + i + 1 for i in range(dir_sectors - 1)] + [_END]
    starts: dict[str, int] = {}
    body = b""
    for path, _, d in order:
        if d is None:
            continue
        n = -(-len(d) // _SECTOR)
        starts[path] = len(fat)
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [_END]
        body += d.ljust(n * _SECTOR, b"\0")
    fat += [_FREE] * (fat_sectors * 128 - len(fat))
    kids: dict[str, list[str]] = {}
    for path, _, _ in order[1:]:
        parent = path.rsplit("/", 1)[0] if "/" in path else ""
        kids.setdefault(parent, []).append(path)
    right_of: dict[str, int] = {}
    for group in kids.values():
        for a, b in itertools.pairwise(group):
            right_of[a] = index[b]
    entries = b""
    for path, name, d in order:
        child = index[kids[path][0]] if kids.get(path) else _FREE
        kind = 5 if not path else (1 if d is None else 2)
        raw_name = name.encode("utf-16-le") + b"\0\0"
        entries += struct.pack("<64sHBBIII16sIQQIQ", raw_name, len(raw_name), kind, 1, _FREE,
                               right_of.get(path, _FREE), child, b"\0" * 16, 0, 0, 0,
                               starts.get(path, _END if d is None else 0),
                               len(d) if d is not None else 0)
    entries = entries.ljust(dir_sectors * _SECTOR, b"\0")
    difat = list(range(fat_sectors)) + [_FREE] * (109 - fat_sectors)
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                         b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, fat_sectors,
                         first_dir, 0, 4096, _END, 0, _END, 0)
    header += struct.pack("<109I", *difat)
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return header + fat_bytes + entries + body
