# shellcheck shell=bash disable=SC2034
# scripts/lib.sh -- shared by the scripts in this folder (sourced, not run).
# Sets ROOT (the repository) and SHARED (the shared/ folder beside it), and
# the environment every build step needs.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=$(cd "$ROOT/.." && pwd)/shared
export NODE_PATH=/usr/share/nodejs # TOOLCHAIN.md quirk 1 (emcc's acorn)
ALL_VARIANTS=(native asan tsan em-threads em-single wasi)

section() {
  printf '\n==== %s ====\n' "$*"
}

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

jobs_n() {
  nproc 2>/dev/null || echo 2
}
