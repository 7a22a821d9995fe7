"""What the commands that write documents share: the site's document control and the store's numbers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..reports.control import DocumentControl, DocumentKey, Numberer
    from ..site import Site


def store_numberer(store_path: Path) -> Numberer:
    """Numbers from the store: unique there, and the same document of the same result keeps its number."""
    from ..reports.control import format_number, number_scope
    from ..tracking.store import open_store

    def number(key: DocumentKey, pattern: str) -> str:
        year = int(key.as_of[:4])
        scope = number_scope(pattern, key.discharger, key.kind, year)
        with open_store(store_path) as store:
            return store.document_number(
                key.text, scope, lambda seq: format_number(pattern, key.discharger, key.kind, year, seq)
            )

    return number


def document_control(site: Site, store_path: Path | None) -> DocumentControl:
    """The site's operator, signatories, copies and deadlines; numbers from ``store_path`` (drafts without)."""
    from ..reports.control import DEFAULT_NUMBER, DocumentControl

    op = site.operator
    return DocumentControl(
        operator=op.name,
        address=op.address,
        telephone=op.telephone,
        compiled_by=op.compiled_by,
        reviewed_by=op.reviewed_by,
        approved_by=op.approved_by,
        copies=op.copies,
        number_pattern=op.number or DEFAULT_NUMBER,
        numberer=store_numberer(store_path) if store_path is not None else None,
        deadlines=dict(site.rectification),
        resample_after=site.resample_after,
    )
