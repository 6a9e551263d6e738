# Shared set-up for scripts/serve and scripts/test: install what is missing (Debian packages,
# npm packages), then build. Sourced, not run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JOBS=$(nproc 2>/dev/null || echo 2)

say() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "Need root to run: $* (install sudo or run as root)"; exit 1; fi
}

# Installs the Debian packages that are not installed yet, after an apt-get update.
ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing missing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "Node.js and npm are missing: installing Debian's nodejs and npm"
    ensure_debian_packages nodejs npm
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then say "Node.js 20 or newer is needed (found $(node --version))."; exit 1; fi
}

ensure_build_tools() {
  ensure_debian_packages ca-certificates cmake make g++ emscripten nlohmann-json3-dev
  ensure_node
}

ensure_test_tools() {
  ensure_build_tools
  # fonts-noto-core: Bengali, Urdu and Armenian glyphs, so the screenshots of those pages can be read;
  # libboost-math-dev (header-only): the native tests' independent reference for the special functions
  ensure_debian_packages libgtest-dev libboost-math-dev chromium clang libclang-rt-14-dev fonts-noto-core
  if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -d "$ROOT/node_modules/@duckdb/node-api" ] || ! site_packages_present ||
     [ ! -d "$ROOT/node_modules/typescript" ] || [ ! -d "$ROOT/node_modules/@types/node" ]; then
    say "Installing npm packages: the site's build (esbuild, sirv) and the tests' (playwright-core, which drives Debian's Chromium with no browser download; axe-core; DuckDB, which runs the warehouse query in a test; TypeScript and Node's types, which check web/js and the tests against web/types)"
    (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >&2)
  fi
}

site_packages_present() { [ -d "$ROOT/node_modules/esbuild" ] && [ -d "$ROOT/node_modules/sirv" ]; }

# What building and serving the site needs from npm: esbuild (bundles and minifies the page) and
# sirv (sends the files), without the tests' packages.
ensure_site_packages() {
  if ! site_packages_present; then
    say "Installing the npm packages that build and serve the site (esbuild, sirv)"
    (cd "$ROOT" && npm ci --omit=dev --no-audit --no-fund >&2)
  fi
}

build_wasm() {
  say "Building the WebAssembly module (Emscripten)"
  emcmake cmake -S "$ROOT" -B "$ROOT/build/wasm" -DCMAKE_BUILD_TYPE=Release -DRETENTION_WARNINGS_AS_ERRORS=ON >/dev/null
  cmake --build "$ROOT/build/wasm" -j "$JOBS" >&2
}

# dist/, the site as deployed: bundled, hashed, precompressed (scripts/build-dist.mjs).
build_dist() {
  say "Building the site into dist/ (esbuild; .br and .gz beside each file)"
  node "$ROOT/scripts/build-dist.mjs"
}

build_native() {
  say "Building the native core and its tests"
  cmake -S "$ROOT" -B "$ROOT/build/native" -DCMAKE_BUILD_TYPE=Release -DRETENTION_WARNINGS_AS_ERRORS=ON >/dev/null
  cmake --build "$ROOT/build/native" -j "$JOBS" >&2
}

# The same GoogleTest suite under AddressSanitizer and UndefinedBehaviorSanitizer.
build_sanitized() {
  say "Building the native tests with AddressSanitizer and UndefinedBehaviorSanitizer"
  cmake -S "$ROOT" -B "$ROOT/build/asan" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS="-O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" >/dev/null
  cmake --build "$ROOT/build/asan" -j "$JOBS" --target core_tests >&2
}

build_fuzzers() {
  say "Building the libFuzzer targets (clang, with ASan and UBSan)"
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$ROOT/build/fuzz" -DRETENTION_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRETENTION_WARNINGS_AS_ERRORS=ON >/dev/null
  cmake --build "$ROOT/build/fuzz" -j "$JOBS" >&2
}
