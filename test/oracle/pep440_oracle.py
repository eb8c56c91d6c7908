"""Oracle for test/oracle/pep440.test.ts: pip's vendored packaging answers every generated query.

Reads JSON on stdin ({"versions", "compares", "contains", "filters", "specsets", "legacy"}), writes
JSON on stdout with one answer per query, in order. An exception becomes {"error": <class name>}.
`legacy` needs packaging 21.3 (pip 23.2.1 on python 3.11), which still has LegacySpecifier.
"""
import json
import sys

from pip._vendor.packaging import specifiers
from pip._vendor.packaging.specifiers import SpecifierSet
from pip._vendor.packaging.version import Version

PRE = {None: None, True: True, False: False}


def guard(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - any failure is an answer to compare
        return {"error": type(e).__name__}


def describe(text):
    v = Version(text)
    return {
        "str": str(v),
        "epoch": str(v.epoch),
        "release": [str(x) for x in v.release],
        "pre": None if v.pre is None else [v.pre[0], str(v.pre[1])],
        "post": None if v.post is None else str(v.post),
        "dev": None if v.dev is None else str(v.dev),
        "local": v.local,
        "public": v.public,
        "base_version": v.base_version,
        "is_prerelease": v.is_prerelease,
        "is_postrelease": v.is_postrelease,
        "is_devrelease": v.is_devrelease,
    }


def compare(a, b):
    x, y = Version(a), Version(b)
    return (x > y) - (x < y)


def legacy(text):
    """Whether packaging 21.3 (pip <= 24.0) accepts one specifier, as PEP 440 or as legacy."""
    for cls in (specifiers.Specifier, specifiers.LegacySpecifier):
        try:
            cls(text)
            return "accepted"
        except specifiers.InvalidSpecifier:
            pass
    return "invalid"


def main():
    q = json.load(sys.stdin)
    out = {
        "versions": [guard(lambda t=t: describe(t)) for t in q.get("versions", [])],
        "compares": [guard(lambda p=p: compare(*p)) for p in q.get("compares", [])],
        "contains": [
            guard(lambda s=s, v=v, p=p: SpecifierSet(s).contains(v, prereleases=PRE[p]))
            for s, v, p in q.get("contains", [])
        ],
        "filters": [
            guard(lambda s=s, vs=vs, p=p: list(SpecifierSet(s).filter(vs, prereleases=PRE[p])))
            for s, vs, p in q.get("filters", [])
        ],
        "specsets": [guard(lambda s=s: str(SpecifierSet(s))) for s in q.get("specsets", [])],
        "legacy": [legacy(s) for s in q.get("legacy", [])],
    }
    json.dump(out, sys.stdout)


main()
