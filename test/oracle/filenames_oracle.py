"""Oracle for test/oracle/filenames.test.ts: how pip 24.2 reads a link's filename for a project.
Reads [{filename, project}] as JSON on stdin; writes, per input, pip's LinkEvaluator verdict
(link type and detail: the version for candidates) and, for wheels, pip's Wheel fields.
Wheel tag support is patched to "always" so the verdict is about the name alone."""
import json
import sys

from pip._internal.index.package_finder import LinkEvaluator
from pip._internal.models.link import Link
from pip._internal.models.target_python import TargetPython
from pip._internal.models.wheel import Wheel
from pip._internal.exceptions import InvalidWheelFilename
from pip._vendor.packaging.utils import canonicalize_name

Wheel.supported = lambda self, tags: True
TARGET = TargetPython(py_version_info=(3, 13, 0))


def main():
    out = []
    for item in json.load(sys.stdin):
        evaluator = LinkEvaluator(
            project_name=item["project"],
            canonical_name=canonicalize_name(item["project"]),
            formats=frozenset({"binary", "source"}),
            target_python=TARGET,
            allow_yanked=True,
            ignore_requires_python=True,
        )
        link_type, detail = evaluator.evaluate_link(Link("https://example.invalid/files/" + item["filename"]))
        wheel = None
        if item["filename"].endswith(".whl"):
            try:
                w = Wheel(item["filename"])
                wheel = {"name": w.name, "version": w.version, "build": w.build_tag, "tags": w.get_formatted_file_tags()}
            except InvalidWheelFilename:
                wheel = None
        out.append({"type": link_type.name, "detail": str(detail), "wheel": wheel})
    json.dump(out, sys.stdout)


main()
