"""Where the statistics run: DuckDB in this process (the default), or Spark past one machine.

Both engines read the same Parquet files and run the same statements (:mod:`.statistics_sql`,
transpiled for Spark by sqlglot); only the small tables ``who`` and ``lim`` are handed over from
Python. Spark is a local session unless ``spark.master`` says otherwise (``--spark-conf
spark.master=spark://host:7077``, or the ``SPARK_MASTER`` environment variable).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from .statistics_sql import WHO_COLUMNS, for_engine
from .store import relation_sql

ENGINES = ("duckdb", "spark")


class Engine(Protocol):
    name: str

    def load(self, files: Sequence[Path], who: list[tuple[Any, ...]]) -> None: ...

    def set_table(self, name: str, columns: tuple[tuple[str, str], ...], rows: list[tuple[Any, ...]]) -> None: ...

    def rows(self, text: str, **params: str) -> list[tuple[Any, ...]]: ...

    def materialize(self, name: str, text: str, **params: str) -> None:
        """Keep the result of ``text`` as table ``name`` for the statements after it."""
        ...

    def close(self) -> None: ...


class DuckEngine:
    name = "duckdb"

    def __init__(self, memory_limit: str | None = None) -> None:
        import duckdb

        self.con = duckdb.connect()
        self.con.execute(f"SET memory_limit = '{memory_limit or os.environ.get('WASTEVAL_DUCKDB_MEMORY', '1GB')}'")
        self.con.execute("SET preserve_insertion_order = false")

    def load(self, files: Sequence[Path], who: list[tuple[Any, ...]]) -> None:
        self.con.execute(relation_sql(self.con, files, "readings"))
        _table(self.con, "who", WHO_COLUMNS, who)

    def set_table(self, name: str, columns: tuple[tuple[str, str], ...], rows: list[tuple[Any, ...]]) -> None:
        _table(self.con, name, columns, rows)

    def rows(self, text: str, **params: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.con.execute(for_engine(text, "duckdb", **params)).fetchall()]

    def materialize(self, name: str, text: str, **params: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {for_engine(text, 'duckdb', **params)}")

    def close(self) -> None:
        self.con.close()


def _table(con: Any, name: str, columns: tuple[tuple[str, str], ...], rows: list[tuple[Any, ...]]) -> None:
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "DOUBLE": pa.float64(), "DATE": pa.date32(), "INTEGER": pa.int32()}
    schema = pa.schema([(c, types[t]) for c, t in columns])
    data = pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in rows], schema=schema)
    con.register(f"{name}_arrow", data)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
    con.unregister(f"{name}_arrow")


class SparkEngine:
    name = "spark"

    def __init__(self, conf: dict[str, str] | None = None) -> None:
        try:
            from pyspark.sql import SparkSession
        except ImportError:  # pragma: no cover - depends on the installation
            from ..errors import WastevalError

            raise WastevalError("--engine spark needs pyspark: pip install 'wasteval[spark]'") from None
        conf = dict(conf or {})
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # a local session talks to itself only
        builder = SparkSession.builder.appName("wasteval track run")
        builder = builder.master(conf.pop("spark.master", os.environ.get("SPARK_MASTER", "local[*]")))
        defaults = {
            "spark.ui.enabled": "false",
            "spark.sql.session.timeZone": "UTC",
            "spark.sql.shuffle.partitions": "8",
        }
        for k, v in {**defaults, **conf}.items():
            builder = builder.config(k, v)
        self.spark = builder.getOrCreate()
        self.spark.sparkContext.setLogLevel("ERROR")

    def load(self, files: Sequence[Path], who: list[tuple[Any, ...]]) -> None:
        if files:
            self.spark.read.parquet(*[str(f) for f in files]).createOrReplaceTempView("readings")
        else:
            self._frame(_READING_COLUMNS, []).createOrReplaceTempView("readings")
        self._frame(WHO_COLUMNS, who).createOrReplaceTempView("who")

    def set_table(self, name: str, columns: tuple[tuple[str, str], ...], rows: list[tuple[Any, ...]]) -> None:
        self._frame(columns, rows).createOrReplaceTempView(name)

    def rows(self, text: str, **params: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.spark.sql(for_engine(text, "spark", **params)).collect()]

    def materialize(self, name: str, text: str, **params: str) -> None:
        frame = self.spark.sql(for_engine(text, "spark", **params)).cache()
        frame.createOrReplaceTempView(name)

    def _frame(self, columns: tuple[tuple[str, str], ...], rows: list[tuple[Any, ...]]) -> Any:
        ddl = ", ".join(f"{c} {_SPARK_TYPES[t]}" for c, t in columns)
        return self.spark.createDataFrame(rows, schema=ddl)

    def close(self) -> None:
        pass  # the session is kept for the process: starting one costs seconds


_SPARK_TYPES = {"VARCHAR": "STRING", "DOUBLE": "DOUBLE", "DATE": "DATE", "INTEGER": "INT", "BIGINT": "BIGINT",
                "BOOLEAN": "BOOLEAN", "TIMESTAMP": "TIMESTAMP_NTZ"}  # fmt: skip
_READING_COLUMNS = (
    ("discharger_id", "VARCHAR"), ("parameter_id", "VARCHAR"), ("interval", "VARCHAR"), ("ts", "TIMESTAMP"),
    ("basis", "VARCHAR"), ("point", "VARCHAR"), ("seq", "INTEGER"), ("value", "DOUBLE"), ("min", "DOUBLE"),
    ("max", "DOUBLE"), ("load_kg", "DOUBLE"), ("detected", "BOOLEAN"), ("qualifier", "VARCHAR"),
    ("data_flag", "VARCHAR"), ("valid", "BOOLEAN"), ("import_id", "BIGINT"), ("source_line", "BIGINT"),
)  # fmt: skip


def make_engine(name: str, conf: dict[str, str] | None = None) -> Engine:
    if name == "duckdb":
        return DuckEngine()
    if name == "spark":
        return SparkEngine(conf)
    raise ValueError(f"unknown engine {name!r} (one of {', '.join(ENGINES)})")
