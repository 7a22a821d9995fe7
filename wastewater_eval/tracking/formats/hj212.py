"""HJ 212 packet logs from an online monitor's data logger (数采仪): one packet per line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from ..online import hj212_batches
from ..sources import hj212_lines
from .base import ImportContext

_PACKET = re.compile(rb"##\d{4}")


def _first_text_line(head: bytes) -> bytes:
    for line in head.lstrip(b"\xef\xbb\xbf").splitlines():
        if line.strip():
            return line
    return b""


class Hj212Log:
    name = "hj212"
    description = "an HJ 212 log ('##' packets, one a line)"
    suffixes = (".log", ".txt", ".dat", ".hj212")

    def claims(self, path: Path, head: bytes) -> bool:
        return _PACKET.search(_first_text_line(head)) is not None

    def needs_text_encoding(self) -> bool:
        return False

    def batches(self, ctx: ImportContext) -> Iterator[pa.RecordBatch]:
        yield from hj212_batches(hj212_lines(ctx.path), ctx)
