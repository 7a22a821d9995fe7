"""Regenerate the golden HTML of the report tests, on purpose:

    python -m tests.reports.regenerate

Renders every document of every case in ``cases.CASES`` in both languages with the bundled
templates into ``golden/`` (removing goldens no case produces any more). Review the diff
before committing it: it is the change a reader of the documents will see.
"""

from __future__ import annotations

from wastewater_eval.reports import make_environment, plan_documents, render_html

from .cases import CASES, CONTROL, GOLDEN, load_case


def golden_documents() -> dict[str, str]:
    """File name → HTML for every golden document."""
    env = make_environment()
    out: dict[str, str] = {}
    for case in CASES:
        a = load_case(case)
        for lang in ("zh", "en"):
            for plan in plan_documents(a, lang, CONTROL):
                if case.kinds is None or plan.kind in case.kinds:
                    out[f"{case.prefix}{plan.stem}.html"] = render_html(env, plan)
    return out


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    docs = golden_documents()
    for stale in sorted(set(p.name for p in GOLDEN.glob("*.html")) - set(docs)):
        (GOLDEN / stale).unlink()
        print(f"removed golden/{stale}")
    for name, html in sorted(docs.items()):
        path = GOLDEN / name
        if not path.exists() or path.read_text(encoding="utf-8") != html:
            path.write_text(html, encoding="utf-8")
            print(f"wrote golden/{name}")


if __name__ == "__main__":
    main()
