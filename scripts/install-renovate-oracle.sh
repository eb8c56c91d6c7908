#!/usr/bin/env bash
# `npm run oracle:renovate`: installs Renovate 39.264.0, the oracle of test/oracle/renovate.test.ts,
# into .cache/renovate-oracle inside this checkout (ignored by git; ~330 MB, ~45 s from the npm
# registry), unless it is there already. PYUP_CHECKS_RENOVATE names another folder. .ci/run calls it,
# so CI compares against Renovate itself instead of skipping.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${PYUP_CHECKS_RENOVATE:-$root/.cache/renovate-oracle}"
version=39.264.0
if [ -f "$dir/node_modules/renovate/package.json" ] && grep -q "\"version\": \"$version\"" "$dir/node_modules/renovate/package.json"; then
  echo "renovate-oracle: renovate@$version already in $dir"
  exit 0
fi
mkdir -p "$dir"
# One retry: a registry hiccup should not fail a CI run on its own.
for attempt in 1 2; do
  if npm install --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error "renovate@$version"; then
    echo "renovate-oracle: renovate@$version installed in $dir"
    exit 0
  fi
  echo "renovate-oracle: npm install failed (attempt $attempt)" >&2
  sleep 5
done
exit 1
