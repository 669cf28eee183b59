#!/usr/bin/env bash
# Installs what building and testing quire needs and is missing. Idempotent: when everything is
# present it only checks, in a second or two.
#   scripts/setup.sh             toolchain for building: wasm target, wasm-pack, wasm-bindgen-cli, npm packages
#   scripts/setup.sh --browsers  also Chromium, chromedriver, Firefox and geckodriver, for the tests
#   scripts/setup.sh --package-apps TARBALL
#                                the apps of tests/package: their bundlers as locked, then the tarball
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# Debian packages: installed with apt-get as root, otherwise named for the user to install.
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "please install these packages, then run make again: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})"
  fi
}

# cargo install NAME VERSION [BINARY], unless BINARY --version already reports VERSION.
cargo_install() {
  local name=$1 version=$2 binary=${3:-$1}
  # Read the whole output first: with pipefail, `grep -q` closing the pipe early would fail the check.
  local reported
  reported=$("$binary" --version 2>/dev/null || true)
  if ! grep -qF "$version" <<<"$reported"; then
    say "installing $name $version (cargo install, a few minutes the first time)"
    # --locked keeps the tool's own tested dependencies; a registry that lacks one of them
    # (a yanked crate) makes cargo resolve afresh instead.
    cargo install --locked --quiet "$name" --version "$version" 2>/dev/null ||
      cargo install --quiet "$name" --version "$version"
  fi
}

command -v cargo >/dev/null || die "Rust is missing: install it from rustup (rustup.rs), then run make again"
command -v curl >/dev/null || apt_install curl ca-certificates
command -v node >/dev/null || apt_install nodejs npm
command -v python3 >/dev/null || apt_install python3

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
cargo_install wasm-pack "$WASM_PACK_VERSION"
# wasm-pack would download wasm-bindgen; the CLI must match the library version in Cargo.lock exactly.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, "", $0); print; exit }' Cargo.lock)
[ -n "$bindgen_version" ] || die "cannot read the wasm-bindgen version from Cargo.lock"
cargo_install wasm-bindgen-cli "$bindgen_version" wasm-bindgen

# npm ci in folder $1 when its package-lock.json changed since the last one.
npm_ci() {
  local dir=$1 lock_hash
  lock_hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$dir/node_modules/.quire-lock-hash" 2>/dev/null)" != "$lock_hash" ]; then
    say "installing the npm packages of $dir (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    mkdir -p "$dir/node_modules" && echo "$lock_hash" > "$dir/node_modules/.quire-lock-hash"
  fi
}

# npm devDependencies (a current wasm-opt, Playwright, ..., and the pinned Node the tests run on,
# which the Makefile puts first on PATH) exactly as locked. npm itself runs on the machine's Node
# here: `npm ci` replaces node_modules, pinned Node included.
PATH=$(tr ':' '\n' <<<"$PATH" | grep -vxF "$PWD/node_modules/.bin" | paste -sd: -)
npm_ci .

if [ "${1:-}" = "--browsers" ]; then
  command -v chromium >/dev/null && command -v chromedriver >/dev/null || apt_install chromium chromium-driver
  command -v firefox >/dev/null || command -v firefox-esr >/dev/null || apt_install firefox-esr
  cargo_install geckodriver "$GECKODRIVER_VERSION"
fi

# The apps that use the packed package as its users would (make test-package): each app's
# bundler exactly as its lock says, then the tarball, which is in no lock (its hash changes with
# every build); it is installed again when it changed.
if [ "${1:-}" = "--package-apps" ]; then
  tarball=$(realpath "${2:?the packed tarball}")
  export PATH="$PWD/node_modules/.bin:$PATH"
  node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 22 || (major === 22 && minor >= 15) ? 0 : 1)' ||
    die "the package's tests need Node 22.15 or later (package.json pins it for linux-x64), found $(node --version)"
  tarball_hash=$(sha256sum "$tarball" | cut -d' ' -f1)
  for app in tests/package/*/; do
    app=${app%/}
    npm_ci "$app"
    if [ "$(cat "$app/node_modules/.quire-tarball-hash" 2>/dev/null)" != "$tarball_hash" ]; then
      say "installing $(basename "$tarball") into $app"
      rm -rf "$app/node_modules/quire"
      (cd "$app" && npm install --no-save --no-audit --no-fund --loglevel=error "$tarball")
      echo "$tarball_hash" > "$app/node_modules/.quire-tarball-hash"
    fi
  done
fi
exit 0
