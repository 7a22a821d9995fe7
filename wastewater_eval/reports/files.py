"""Writing output files atomically, never replacing an existing file unless asked to.

Each file is written to a temporary file in the same folder, flushed to disk, then moved
into place in one step: a reader sees the old file or the whole new one, never half. Without
``overwrite`` the move is a hard link, which fails if the name exists, so even a file that
appears between the check and the write is not replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import OutputExistsError, ReportError


def write_atomic(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` in one step. Raises :class:`OutputExistsError` if it exists
    and ``overwrite`` is false."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        if overwrite:
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise OutputExistsError([path]) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            # A file system without hard links: check, then replace (a small window remains).
            if path.exists():
                raise OutputExistsError([path]) from None
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_files(folder: Path, files: Mapping[str, bytes], *, overwrite: bool = False) -> list[Path]:
    """Write every file of ``files`` (name → bytes) into ``folder``, creating it if needed.

    Without ``overwrite``, nothing is written when any of the names already exists: the error
    lists them all."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create the output folder {folder}: {exc.strerror}") from exc
    targets = [folder / name for name in files]
    if not overwrite:
        existing = [p for p in targets if p.exists() or p.is_symlink()]
        if existing:
            raise OutputExistsError(existing)
    written = []
    for path, data in zip(targets, files.values(), strict=True):
        try:
            write_atomic(path, data, overwrite=overwrite)
        except OSError as exc:
            raise ReportError(f"cannot write {path}: {exc.strerror}") from exc
        written.append(path)
    return written
