from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wastewater_eval.standards.parameters import Catalogue, load_catalogue
from wastewater_eval.tracking import CodeTable, load_code_table, open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def codes(catalogue: Catalogue) -> CodeTable:
    return load_code_table(catalogue)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "tracking.sqlite"


def rows(store_path: Path, sql: str = "SELECT * FROM readings", args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Query the store's readings (DuckDB over its Parquet files); each row as a dict, times as text."""
    with open_store(store_path) as s:
        names, found = s.query(sql + (" ORDER BY ALL" if "ORDER BY" not in sql and "count(" not in sql else ""), args)
        return [{k: str(v) if k == "ts" else v for k, v in zip(names, r, strict=True)} for r in found]


def table_counts(store_path: Path) -> dict[str, int]:
    if not store_path.exists():
        return {"imports": 0, "readings": 0, "notices": 0}
    with open_store(store_path) as s:
        c = s.counts()
    return {k: c[k] for k in ("imports", "readings", "notices")}
