#!/bin/bash
# Builds the task image from the repository root; with --push, pushes it and prints the
# immutable reference (name@sha256:…) to put in .taskcluster.yml's `image`.
# Usage: docker/build.sh [--push] [IMAGE_NAME]   (default ghcr.io/mozilla-releng/pyup-checks)
set -euo pipefail
push=false
if [ "${1:-}" = "--push" ]; then push=true; shift; fi
name="${1:-ghcr.io/mozilla-releng/pyup-checks}"
root="$(cd "$(dirname "$0")/.." && pwd)"
tag="$name:$(git -C "$root" rev-parse --short=12 HEAD)"
docker build --file "$root/docker/pyup-checks/Dockerfile" --tag "$tag" "$root"
if $push; then
  docker push "$tag" >/dev/null
  digest="$(docker inspect --format '{{index .RepoDigests 0}}' "$tag")"
  echo "$digest"
else
  echo "$tag (local; --push to get the name@sha256 reference the tasks need)"
fi
