"""Problems as text, JSON, JUnit XML, SARIF or GitHub workflow annotations."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from ..errors import Problem


def _rule_id(p: Problem) -> str:
    return p.location.field.split(".")[0] if p.location.field else "wasteval"


def format_problems(problems: list[Problem], fmt: str, tool: str = "wasteval") -> str:
    if fmt == "text":
        return "\n".join(str(p) for p in problems)
    if fmt == "json":
        return json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(
            f"::error file={p.location.path},line={p.location.line or 1},title={_rule_id(p)}::"
            + p.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            for p in problems
        )
    if fmt == "junit":
        cases = (
            "".join(
                f"<testcase classname={quoteattr(p.location.path)} "
                f"name={quoteattr(f'{p.location.path}:{p.location.line} {_rule_id(p)}')}>"
                f"<failure message={quoteattr(p.message)}>{escape(str(p))}</failure></testcase>"
                for p in problems
            )
            or f'<testcase classname="rules" name={quoteattr(tool)}/>'
        )
        n = max(len(problems), 1)
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name={quoteattr(tool)} tests="{n}" '
            f'failures="{len(problems)}">{cases}</testsuite>'
        )
    if fmt == "sarif":
        return json.dumps(
            {
                "version": "2.1.0",
                "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                "runs": [
                    {
                        "tool": {"driver": {"name": tool, "informationUri": "https://wasteval.invalid"}},
                        "results": [
                            {
                                "ruleId": _rule_id(p),
                                "level": "error",
                                "message": {"text": p.message},
                                "locations": [
                                    {
                                        "physicalLocation": {
                                            "artifactLocation": {"uri": p.location.path},
                                            "region": {"startLine": max(p.location.line, 1)},
                                        }
                                    }
                                ],
                            }
                            for p in problems
                        ],
                    }
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
    raise ValueError(f"unknown format {fmt!r}")
