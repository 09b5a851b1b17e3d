#!/usr/bin/env bash
# Installs everything backprop needs on a fresh machine: pnpm (the pinned version),
# the workspace's dependencies, and with --with-browser (the test setup) Debian's chromium for
# the web demo's browser tests and PyTorch in a virtual environment for the comparison tests.
# Then builds every package (including the native addon).
# As root, missing system packages (g++, cmake, make, chromium) come from Debian's apt; as
# another user, setup says what to install instead. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
  echo "setup: $*" >&2
  exit 1
}
usage() {
  echo "usage: bash scripts/setup.sh [--with-browser]" >&2
  exit 2
}

with_browser=no
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=yes ;;
    -h | --help) usage ;;
    *) echo "setup: unknown option '$arg'" >&2 && usage ;;
  esac
done

command -v node >/dev/null 2>&1 || die "Node.js 20 or newer is needed (node is not on PATH)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js 20 or newer is needed (this is $(node -v))"
command -v npm >/dev/null 2>&1 || die "npm is needed to install pnpm (it comes with Node.js)"

is_root=no
[ "$(id -u)" = "0" ] && is_root=yes
apt_updated=no
# Installs Debian packages when that is possible here (root with apt-get); returns 1 otherwise.
apt_install() {
  [ "$is_root" = yes ] && command -v apt-get >/dev/null 2>&1 || return 1
  if [ "$apt_updated" = no ]; then
    apt-get update -qq || return 1
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
warnings=()

# pnpm: the version package.json pins, installed with npm into npm's global folder.
want_pnpm=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm -v 2>/dev/null || true)" != "$want_pnpm" ]; then
  echo "setup: installing pnpm $want_pnpm"
  npm install -g "pnpm@$want_pnpm" >/dev/null ||
    die "could not install pnpm $want_pnpm with 'npm install -g' (npm's error is above). Without write" \
      "access to npm's global folder ($(npm prefix -g)), use one of your own: 'npm config set prefix" \
      "~/.local', put ~/.local/bin on PATH, and run setup again."
  hash -r
  npm_bin="$(npm prefix -g)/bin"
  found_pnpm=$(command -v pnpm || true)
  [ -n "$found_pnpm" ] ||
    die "installed pnpm $want_pnpm into $npm_bin, which is not on PATH: add it (export PATH=\"$npm_bin:\$PATH\")" \
      "and run setup again."
  [ "$(pnpm -v 2>/dev/null || true)" = "$want_pnpm" ] ||
    die "installed pnpm $want_pnpm into $npm_bin, but $found_pnpm (another version) comes first on PATH:" \
      "put $npm_bin before it, or remove it, and run setup again."
fi

# The native addon needs a C++ compiler, cmake and make or ninja (cmake-js builds against the
# node-api headers from node_modules; nothing is downloaded).
have_toolchain() {
  command -v cmake >/dev/null 2>&1 &&
    { command -v make >/dev/null 2>&1 || command -v ninja >/dev/null 2>&1; } &&
    { command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1; }
}
native=yes
if ! have_toolchain; then
  if apt_install g++ cmake make && have_toolchain; then
    echo "setup: installed g++, cmake and make (Debian packages) for the native addon"
  else
    native=no
    warnings+=("the native addon is not built: it needs g++, cmake and make (as root: apt-get install -y g++ \
cmake make). Everything runs on the TypeScript backend; 'pnpm test' needs the addon.")
  fi
fi

# The WebAssembly backend is compiled from the same C++ kernels with Debian's clang 19, lld 19
# and wasi-libc (headers: libc++ for wasm32). Without them the wasm package says so and
# everything else still builds.
have_wasm_toolchain() {
  command -v clang++-19 >/dev/null 2>&1 && command -v wasm-ld-19 >/dev/null 2>&1 &&
    [ -f /usr/lib/wasm32-wasi/libc.a ] && [ -e /usr/include/wasm32-wasi/c++/v1/vector ]
}
wasm_packages="clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 libc++-19-dev-wasm32 libc++abi-19-dev-wasm32"
if ! have_wasm_toolchain; then
  # shellcheck disable=SC2086
  if apt_install $wasm_packages && have_wasm_toolchain; then
    echo "setup: installed clang 19, lld 19 and wasi-libc (Debian packages) for the WebAssembly backend"
  else
    warnings+=("the WebAssembly backend is not built: it needs Debian's clang and wasm toolchain (as root: \
apt-get install -y $wasm_packages). 'pnpm test' needs it.")
  fi
fi

# The browser tests run /usr/bin/chromium (Debian's), or the binary $BACKPROP_CHROMIUM names
# (turbo.json passes it through to the test tasks).
if [ "$with_browser" = yes ]; then
  chromium=${BACKPROP_CHROMIUM:-/usr/bin/chromium}
  if [ ! -x "$chromium" ]; then
    if [ -z "${BACKPROP_CHROMIUM:-}" ] && apt_install chromium && [ -x "$chromium" ]; then
      echo "setup: installed chromium (Debian package) for the browser tests"
    else
      warnings+=("no chromium at $chromium, so the web demo's browser tests will fail. As root run \
'apt-get install -y chromium'.")
    fi
  fi
fi

if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi

if [ "$native" = yes ]; then
  pnpm build
else
  # Everything but the addon, in dependency order: core, node-native's TypeScript (it loads
  # the addon lazily and falls back to the TypeScript backend), then the packages using them.
  pnpm --filter @backprop/core run build
  pnpm --filter @backprop/node-native run build:ts
  pnpm -r --filter '!@backprop/core' --filter '!@backprop/node-native' run build
fi

# PyTorch, for the tests that compare with it (and W5's peer): a virtual environment in
# packages/bench/.venv-torch, torch from pip's configured sources (once; about 30 s and 900 MB).
# Best effort: without it those tests skip and say why.
if [ "$with_browser" = yes ]; then
  venv=packages/bench/.venv-torch
  if ! "$venv/bin/python" -c 'import torch' >/dev/null 2>&1; then
    echo "setup: installing torch into $venv (for the PyTorch comparison tests)"
    if { [ -x "$venv/bin/python" ] || python3 -m venv "$venv"; } &&
      "$venv/bin/python" -m pip install -q --retries 0 --disable-pip-version-check torch; then
      echo "setup: torch $("$venv/bin/python" -c 'import torch; print(torch.__version__)' 2>/dev/null || echo '?') is in $venv"
    else
      warnings+=("torch could not be installed into $venv (the output above says why): the tests that compare with PyTorch will skip.")
    fi
  fi
fi

for warning in "${warnings[@]}"; do
  echo "setup: warning: $warning" >&2
done
