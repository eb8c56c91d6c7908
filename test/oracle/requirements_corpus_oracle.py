"""Oracle for test/oracle/requirements-corpus.test.ts: pip's own requirements-file reader.

stdin: JSON {"files": [path, ...]}. stdout: JSON {path: {"reqs": [...], "errors": [...]}}.
For each file: pip._internal.req.req_file.parse_requirements, then
install_req_from_parsed_requirement for each yielded line. A conversion error is caught per line
(pip's generator carries on); an error raised by the generator itself stops that file, as in pip.
"""
import json
import re
import sys

from pip._internal.network.session import PipSession
from pip._internal.req.constructors import install_req_from_parsed_requirement
from pip._internal.req.req_file import parse_requirements
from pip._vendor.packaging.utils import canonicalize_name

COMES_FROM = re.compile(r"^-[rc] (.*) \(line (\d+)\)$")


def read_file(path, session):
    reqs, errors = [], []
    source, lineno = path, None
    try:
        for parsed in parse_requirements(path, session=session):
            m = COMES_FROM.match(parsed.comes_from)
            source, lineno = m.group(1), int(m.group(2))
            try:
                ireq = install_req_from_parsed_requirement(parsed)
            except Exception as e:  # InstallationError, InvalidWheelFilename, InvalidMarker, ...
                errors.append({"source": source, "line": lineno, "message": str(e), "fatal": False})
                continue
            req = ireq.req
            reqs.append({
                "source": source,
                "line": lineno,
                "editable": ireq.editable,
                "constraint": ireq.constraint,
                "name": req.name if req else None,
                "normalized": canonicalize_name(req.name) if req else None,
                "specifier": str(req.specifier) if req else None,
                "extras": sorted(req.extras) if req else [],
                "marker": str(ireq.markers) if ireq.markers is not None else None,
                "url": req.url if req else None,
                # pip keeps --hash values per algorithm, each list in file order.
                "hashes": [f"{alg}:{d}" for alg, ds in (ireq.hash_options or {}).items() for d in ds],
            })
    except Exception as e:
        # optparse's message ends in a newline; the rest of ours never do.
        errors.append({"source": source, "line": None, "after": lineno, "message": str(e).rstrip("\n"), "fatal": True})
    return {"reqs": reqs, "errors": errors}


def main():
    sys.argv[0] = "pip"  # optparse names the program in its errors: "pip: error: no such option"
    files = json.load(sys.stdin)["files"]
    session = PipSession()
    json.dump({path: read_file(path, session) for path in files}, sys.stdout)


main()
