#!/usr/bin/env bash
# The suite (typecheck, lint, tests) on three clones of the committed tree, each as a fork would
# leave it after following README.md's "Make it yours": without bench/, without examples/, and
# with POST /example replaced by the walkthrough's orders endpoint. A removal that needs an edit
# anywhere else fails here. Usage: scripts/fork-check.sh [bench|examples|example ...]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
variants=("${@:-bench examples example}")
read -r -a variants <<<"${variants[*]}"

remove() {
  case "$1" in
    bench) git rm -rq bench ;;
    examples) git rm -rq examples ;;
    example)
      git rm -rq src/handlers/example.ts tests/example
      sed -i '/# example:begin/,/# example:end/d' serverless.yml
      # A service needs a route: take the README walkthrough's steps 1-3 in its place.
      node --input-type=module -e "
        const { applyWalkthrough } = await import('./examples/tests/walkthrough-tree.ts')
        await applyWalkthrough(process.cwd())"
      npm run -s openapi >/dev/null
      ;;
    *) echo "unknown variant: $1" >&2 && exit 2 ;;
  esac
}

# What each variant needs in the tree; a fork that already deleted it has nothing to check.
present() {
  case "$1" in
    bench) [ -d bench ] ;;
    examples) [ -d examples ] ;;
    example) [ -f src/handlers/example.ts ] && [ -d examples ] ;;
  esac
}

status=0
for variant in "${variants[@]}"; do
  if ! present "$variant"; then
    echo "fork-check $variant: skipped, not in this tree"
    continue
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/fork-check-$variant.XXXXXX")
  git clone -q "$root" "$dir"
  # The installed dependencies as hard links (a symlink would put them outside the tree, which
  # the source-map and packaging tests notice): a fork installs the same ones.
  cp -al node_modules "$dir/node_modules"
  if [ -d bench/node_modules ]; then cp -al bench/node_modules "$dir/bench/node_modules"; fi
  start=$SECONDS
  if (cd "$dir" && PATH="$root/node_modules/.bin:$PATH" remove "$variant" && npm test) \
    >"$dir.log" 2>&1; then
    echo "fork-check $variant: green in $((SECONDS - start)) s"
    rm -rf "$dir" "$dir.log"
  else
    echo "fork-check $variant: FAILED after $((SECONDS - start)) s; tree $dir, log $dir.log" >&2
    tail -40 "$dir.log" >&2
    status=1
  fi
done
exit $status
