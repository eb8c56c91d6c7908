"""Oracle for test/oracle/pep508.test.ts: pip's vendored packaging parses and evaluates every query.

Reads JSON on stdin: {"mode": "modern"|"legacy", "requirements": [str], "markers": [str],
"evaluations": [[marker_index, env_dict]]}; writes one answer per query, in order.
modern = packaging 24.1 (pip 24.2, python 3.13); legacy = packaging 21.3 (pip 23.2.1, python 3.11),
for which only requirements are asked and `legacy` flags say which specifiers are LegacySpecifier.
An exception becomes {"ok": false, "error": <class name>, "message": str(e) for parse errors}.
"""
import json
import sys
import warnings

warnings.simplefilter("ignore")

from pip._vendor.packaging.markers import InvalidMarker, Marker  # noqa: E402
from pip._vendor.packaging.requirements import InvalidRequirement, Requirement  # noqa: E402


def failure(e):
    message = str(e) if isinstance(e, (InvalidRequirement, InvalidMarker)) else None
    return {"ok": False, "error": type(e).__name__, "message": message}


def requirement(text, legacy):
    try:
        r = Requirement(text)
    except Exception as e:  # noqa: BLE001 - any failure is an answer to compare
        return failure(e)
    out = {
        "ok": True,
        "name": r.name,
        "extras": sorted(r.extras),
        "specifier": str(r.specifier),
        "url": r.url,
        "marker": None if r.marker is None else str(r.marker),
        "str": str(r),
    }
    if legacy:
        out["legacy"] = sorted(str(s) for s in r.specifier if type(s).__name__ == "LegacySpecifier")
    return out


def marker(text):
    try:
        return {"ok": True, "str": str(Marker(text))}
    except Exception as e:  # noqa: BLE001
        return failure(e)


def main():
    query = json.load(sys.stdin)
    legacy = query["mode"] == "legacy"
    answers = {"requirements": [requirement(t, legacy) for t in query["requirements"]]}
    parsed = {}
    answers["markers"] = []
    for i, text in enumerate(query.get("markers", [])):
        answers["markers"].append(marker(text))
        try:
            parsed[i] = Marker(text)
        except Exception:  # noqa: BLE001
            pass
    evaluations = []
    for index, env in query.get("evaluations", []):
        try:
            evaluations.append({"ok": True, "value": parsed[index].evaluate(env)})
        except Exception as e:  # noqa: BLE001
            evaluations.append({"ok": False, "error": type(e).__name__})
    answers["evaluations"] = evaluations
    json.dump(answers, sys.stdout)


main()
