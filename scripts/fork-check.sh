#!/usr/bin/env bash
# Builds a real fork on a clone of the committed tree and runs the whole suite (typecheck, lint,
# tests) on it, in two variants (scripts/fork-check/apply.ts says what each changes):
#   fork   /example, examples/ and bench/ deleted, the service renamed, the notes API of
#          scripts/fork-check/ added: a fork as it ships;
#   added  the notes API added, everything else kept: a fork in its first hour.
# A check that pins the template instead of the user's API, or a deletion that needs another
# edit, fails here. CI runs it after `npm test` (.ci/run); it exits non-zero when the suite fails
# on any variant. Usage: scripts/fork-check.sh [fork|added ...] (default: both).
# FORK_CHECK_SUITE replaces `npm test` as the command run on the fork (tests/infra/fork-check.test.ts).
# Without scripts/fork-check/ there is nothing to check: that fails unless FORK_CHECK_OPTIONAL=1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
suite=${FORK_CHECK_SUITE:-npm test}
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(fork added)

if [ ! -f scripts/fork-check/apply.ts ]; then
  echo "fork-check: nothing checked, scripts/fork-check/apply.ts is not in this tree" >&2
  # A fork that dropped the check on purpose says so: FORK_CHECK_OPTIONAL=1 in .ci/run.
  [ "${FORK_CHECK_OPTIONAL:-}" = 1 ] && exit 0
  exit 1
fi

status=0
for variant in "${variants[@]}"; do
  case "$variant" in
    fork) apply_args=() ;;
    added) apply_args=(--keep) ;;
    *) echo "fork-check: unknown variant '$variant' (fork, added)" >&2 && exit 2 ;;
  esac
  dir=$(mktemp -d "${TMPDIR:-/tmp}/fork-check-$variant.XXXXXX")
  git clone -q "$root" "$dir"
  # The installed dependencies as hard links (a symlink would put them outside the tree, which
  # the source-map and packaging tests notice): a fork installs the same ones.
  cp -al node_modules "$dir/node_modules"
  if [ -d bench/node_modules ] && [ -d "$dir/bench" ]; then
    cp -al bench/node_modules "$dir/bench/node_modules"
  fi
  start=$SECONDS
  if (cd "$dir" && export PATH="$root/node_modules/.bin:$PATH" &&
    node scripts/fork-check/apply.ts . "${apply_args[@]}" && npm run -s openapi >/dev/null &&
    eval "$suite") >"$dir.log" 2>&1; then
    echo "fork-check $variant: the suite is green on the fork in $((SECONDS - start)) s"
    # The runner's own summary, so that a suite that skipped or ran nothing shows here.
    grep -E '^ℹ (tests|pass|fail|skipped|todo) ' "$dir.log" | sed 's/^/  /' || true
    rm -rf "$dir" "$dir.log"
  else
    echo "fork-check $variant: FAILED on the fork after $((SECONDS - start)) s; tree $dir, log $dir.log" >&2
    tail -60 "$dir.log" >&2
    status=1
  fi
done
exit $status
