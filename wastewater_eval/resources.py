"""Where the bundled data lives: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_IN_WHEEL = {"standards": "standards", "rules": "rules", "templates": "templates", "examples": "examples"}
_IN_CHECKOUT = {
    "standards": "standards",
    "rules": "rules",
    "templates": "reports/templates",
    "examples": "examples",
}


def is_bundled(path: Path) -> bool:
    """Whether a file is one of the bundled data files (standards, rules, templates)."""
    resolved = path.resolve()
    for name in ("standards", "rules"):
        try:
            if resolved.is_relative_to(data_dir(name)):
                return True
        except FileNotFoundError:
            continue
    return False


@cache
def data_dir(name: str) -> Path:
    """The folder of bundled data called ``name`` (standards, rules, templates, examples)."""
    wheel = _PACKAGE / "_data" / _IN_WHEEL[name]
    if wheel.is_dir():
        return wheel.resolve()
    checkout = _PACKAGE.parent / _IN_CHECKOUT[name]
    if checkout.is_dir():
        return checkout.resolve()
    raise FileNotFoundError(f"bundled data folder {name!r} not found (looked in {wheel} and {checkout})")
