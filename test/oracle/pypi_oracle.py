"""Oracle for test/oracle/pypi.test.ts: what pip 24.2 (python 3.13) and the stdlib read from
core metadata, egg-info requires.txt, Requires-Python and PEP 503/691 pages.
Reads {metadata: [text], requires: [text], requiresPython: [[spec, version]], html: [[html, url]],
json: [[page, url]]} as JSON on stdin; writes the same shape with each answer."""
import email
import importlib.metadata
import json
import sys

from pip._internal.index.collector import IndexContent, parse_links
from pip._internal.models.link import Link
from pip._internal.utils.packaging import check_requires_python
from pip._vendor.packaging.specifiers import InvalidSpecifier


def fold(v):
    return None if v is None else " ".join(str(v).split())


def metadata(text):
    msg = email.message_from_string(text)
    return {
        "metadataVersion": fold(msg["Metadata-Version"]),
        "name": fold(msg["Name"]),
        "version": fold(msg["Version"]),
        "requiresDist": [fold(v) for v in msg.get_all("Requires-Dist") or [] if fold(v)],
        "requiresPython": fold(msg["Requires-Python"]),
        "providesExtra": [fold(v) for v in msg.get_all("Provides-Extra") or [] if fold(v)],
        "summary": fold(msg["Summary"]),
        "homePage": fold(msg["Home-page"]),
        "projectUrls": [fold(v) for v in msg.get_all("Project-URL") or []],
        "dynamic": [fold(v).lower() for v in msg.get_all("Dynamic") or [] if fold(v)],
    }


def requires_python(spec, version):
    try:
        return check_requires_python(spec, tuple(int(p) for p in version.split(".")))
    except InvalidSpecifier:
        return True  # pip logs "Ignoring invalid Requires-Python" and keeps the link


def link_json(link):
    data = link.metadata_file_data
    return {
        "url": link.url_without_fragment,
        "filename": link.filename,
        "hashes": link._hashes,
        "requiresPython": link.requires_python,
        "yanked": link.yanked_reason,
        "coreMetadata": None if data is None else (data.hashes or {}),
    }


def html_links(html, url):
    page = IndexContent(html.encode("utf-8"), "text/html", "utf-8", url, cache_link_parsing=False)
    return [link_json(l) for l in parse_links(page)]


def json_links(page, url):
    out = []
    for f in page.get("files", []):
        l = Link.from_json(f, url)
        if l is not None:
            out.append(link_json(l))
    return out


def main():
    data = json.load(sys.stdin)
    json.dump(
        {
            "metadata": [metadata(t) for t in data["metadata"]],
            "requires": [list(importlib.metadata.Distribution._deps_from_requires_text(t)) for t in data["requires"]],
            "requiresPython": [requires_python(s, v) for s, v in data["requiresPython"]],
            "html": [html_links(h, u) for h, u in data["html"]],
            "json": [json_links(p, u) for p, u in data["json"]],
        },
        sys.stdout,
    )


main()
