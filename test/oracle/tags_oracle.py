"""Oracle for test/oracle/tags.test.ts: pip's vendored packaging computes the platform list and the
ordered supported tags for each described target. Reads JSON on stdin, writes JSON on stdout.

The host is never consulted: glibc/musl detection, the ELF ABI probe and sysconfig's platform are
monkeypatched per target so packaging's own generators (_linux_platforms, mac_platforms,
_generic_platforms) produce the platform list, and the build's unicode width (Py_UNICODE_SIZE, which
names the ABI before 3.3) is that of the target's stock build: UCS-4 as Linux distributions build it,
UCS-2 (CPython's default) as python.org's macOS and Windows builds are.
"""
import json
import sys
import sysconfig

from pip._vendor.packaging import _manylinux, _musllinux, tags

WINDOWS = {"amd64": "win-amd64", "win32": "win32", "arm64": "win-arm64"}


def platforms_for(p):
    if p["os"] == "macos":
        return list(tags.mac_platforms(tuple(p["minimum"]), p["arch"]))
    if p["os"] == "windows":
        sysconfig.get_platform = lambda: WINDOWS[p["arch"]]
        return list(tags._generic_platforms())
    glibc = tuple(p["glibc"]) if p["libc"] == "glibc" else (-1, -1)
    musl = _musllinux._MuslVersion(*p["musl"]) if p["libc"] == "musl" else None
    _manylinux._get_glibc_version = lambda: glibc
    _manylinux._have_compatible_abi = lambda executable, archs: True
    _musllinux._get_musl_version = lambda executable: musl
    sysconfig.get_platform = lambda: "linux-" + p["arch"]
    return list(tags._linux_platforms(is_32bit=False))


_host_config_var = tags._get_config_var


def described_build(p):
    size = 4 if p["os"] == "linux" else 2
    tags._get_config_var = lambda name, warn=False: size if name == "Py_UNICODE_SIZE" else _host_config_var(name, warn)


def main():
    request = json.load(sys.stdin)
    out = {"targets": {}, "probes": []}
    supported_by_id = {}
    for t in request["targets"]:
        py = tuple(t["python"])
        plats = platforms_for(t["platform"])
        described_build(t["platform"])
        interp = "cp%d%d" % py
        supported = list(tags.cpython_tags(py, t["abis"], plats)) + list(tags.compatible_tags(py, interp, plats))
        supported_by_id[t["id"]] = supported
        out["targets"][t["id"]] = {"platforms": plats, "tags": [str(x) for x in supported]}
    # Each probe: a compressed tag set against one target -> packaging's expansion and pip's
    # Wheel.support_index_min rank (None when no tag is supported).
    for probe in request["probes"]:
        file_tags = tags.parse_tag(probe["tagSet"])
        supported = supported_by_id[probe["target"]]
        rank = next((i for i, x in enumerate(supported) if x in file_tags), None)
        out["probes"].append({"expanded": sorted(str(x) for x in file_tags), "rank": rank})
    json.dump(out, sys.stdout)


main()
