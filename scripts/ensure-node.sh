# shellcheck shell=bash
# Sourced (not executed) by the README commands and .ci/run: makes `node` and `npm` resolve to
# Node >= 22.13 for the rest of the calling shell. Does nothing when the machine already has it.
# Node 22 arrives through the npm registry (`node` package), the only network these machines reach,
# into the git-ignored `.tools/` folder.

PODIUM_NODE_VERSION="22.23.3"
PODIUM_NODE_MIN="22.13.0"

podium_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
podium_tools="$podium_root/.tools"

podium_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e '
    const [maj, min] = process.versions.node.split(".").map(Number);
    const [wantMaj, wantMin] = process.argv[1].split(".").map(Number);
    process.exit(maj > wantMaj || (maj === wantMaj && min >= wantMin) ? 0 : 1);
  ' "$PODIUM_NODE_MIN"
}

if [ -x "$podium_tools/node_modules/.bin/node" ]; then
  export PATH="$podium_tools/node_modules/.bin:$PATH"
fi

if ! podium_node_ok; then
  echo "podium: Node $(node --version 2>/dev/null || echo none) is older than $PODIUM_NODE_MIN; installing Node $PODIUM_NODE_VERSION into .tools/ from the npm registry" >&2
  # --no-package-lock and --ignore-scripts=false: the `node` package's preinstall links the binary.
  if ! npm install --prefix "$podium_tools" --no-save --no-package-lock --no-audit --no-fund \
    --engine-strict=false "node@$PODIUM_NODE_VERSION" >&2; then
    echo "podium: could not install Node $PODIUM_NODE_VERSION from the npm registry; install Node >= $PODIUM_NODE_MIN yourself and retry" >&2
    return 1 2>/dev/null || exit 1
  fi
  export PATH="$podium_tools/node_modules/.bin:$PATH"
  hash -r
  if ! podium_node_ok; then
    echo "podium: Node in .tools/ does not run ($(node --version 2>&1)); remove .tools/ and retry" >&2
    return 1 2>/dev/null || exit 1
  fi
fi
# npm must run under the same Node (see docs/conventions.md: npm under Node 20 drops Hardhat's EDR binary).
unset podium_root podium_tools
