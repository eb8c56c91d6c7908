# Runs `pip download` for many cases in ONE process (pip's own main, called once per case).
# stdin: JSON [{"args": [...], "dest": "/tmp/..."}]; writes JSON [{"code": int, "files": [...]}]
# to the path given as argv[1] (pip prints to stdout/stderr itself).
import json
import os
import sys

from pip._internal.cli.main import main as pip_main

cases = json.load(sys.stdin)
out = []
for case in cases:
    os.makedirs(case["dest"], exist_ok=True)
    try:
        code = pip_main(case["args"])
    except SystemExit as e:  # pip exits on usage errors
        code = e.code if isinstance(e.code, int) else 1
    files = sorted(f for f in os.listdir(case["dest"]) if not f.startswith("."))
    out.append({"code": code, "files": files})
with open(sys.argv[1], "w") as fh:
    json.dump(out, fh)
