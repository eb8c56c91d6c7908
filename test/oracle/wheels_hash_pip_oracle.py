# Runs `pip download` for many hash-checking cases in ONE process and classifies each failure by
# pip's own error heads (exceptions.py HashMismatch / HashMissing / HashUnpinned).
# stdin: JSON [{"args": [...], "dest": "/tmp/..."}]; writes JSON [{"code", "files", "errors"}] to argv[1].
import contextlib
import io
import json
import os
import sys

from pip._internal.cli.main import main as pip_main

HEADS = {
    "HashMismatch": "THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE",
    "HashMissing": "Hashes are required in --require-hashes mode, but they are missing",
    "HashUnpinned": "In --require-hashes mode, all requirements must have their versions pinned with ==",
}

out = []
for case in json.load(sys.stdin):
    os.makedirs(case["dest"], exist_ok=True)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = pip_main(case["args"])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
    text = err.getvalue()
    files = sorted(f for f in os.listdir(case["dest"]) if not f.startswith("."))
    out.append({"code": code, "files": files, "errors": sorted(k for k, head in HEADS.items() if head in text), "stderr": text[-600:]})
with open(sys.argv[1], "w") as fh:
    json.dump(out, fh)
