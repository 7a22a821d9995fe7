"""What an output says about a standard whose numbers are not (or not yet) checked.

Works on the ``standard`` block of a result (``Assessment.standard``, the JSON shape), so a
document rendered years later from a recorded result says what was true when it was assessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PROVISIONAL_WARNING = "provisional_standard"  # the stable code of the warning every such result carries


def status_notice(standard: Mapping[str, Any], lang: str) -> str | None:
    """One sentence for the top of an output: provisional limits, or who verified them; else None."""
    code = str(standard.get("code") or "")
    title = str(standard.get("title_zh") or "")
    status = standard.get("status")
    if status == "provisional":
        if lang == "zh":
            return f"注意：《{title}》（{code}）的限值为暂定值，尚未与该标准的正式文本核对；评估按这些限值作出判定。"
        return (
            f"Note: the limits of {code} ({standard.get('title_en') or title}) are provisional: they have not "
            "been verified against the official text of the standard; the assessment applies them as they stand."
        )
    verified = standard.get("verified")
    if status == "verified" and isinstance(verified, Mapping):
        if lang == "zh":
            return f"《{title}》（{code}）的限值已由{verified['by']}于{verified['on']}对照{verified['against']}核对。"
        return (
            f"The limits of {code} were verified against {verified['against']} by {verified['by']} on {verified['on']}."
        )
    return None
