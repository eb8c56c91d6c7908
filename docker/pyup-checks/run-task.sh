#!/bin/bash
# Task entry point (taskgraph's run-task, reduced): check out the revision under test, then run
# the command after `--`. The checkout: the base repository (full history, so the decision can
# diff against the merge base), then the head revision fetched from the head repository (a fork
# for untrusted pull requests). Prints what it runs; never prints the environment.
set -euo pipefail
[ "${1:-}" = "--" ] && shift
: "${PYUP_HEAD_REPOSITORY:?}" "${PYUP_HEAD_REV:?}"
dest="${PYUP_CHECKOUT:-/builds/worker/checkouts/src}"
if [ ! -d "$dest/.git" ]; then
  git clone --quiet --no-checkout "${PYUP_BASE_REPOSITORY:-$PYUP_HEAD_REPOSITORY}" "$dest"
fi
git -C "$dest" fetch --quiet --no-tags "$PYUP_HEAD_REPOSITORY" "$PYUP_HEAD_REV"
git -C "$dest" checkout --quiet --force --detach "$PYUP_HEAD_REV"
echo "[run-task] checked out $PYUP_HEAD_REV from $PYUP_HEAD_REPOSITORY into $dest"
echo "[run-task] running: $*"
exec "$@"
