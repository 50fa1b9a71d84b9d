#!/usr/bin/env bash
# `npm test`: every check and test the project has, set up from a fresh machine. Ends with "N passed, N failed"
# and exits non-zero on any failure. Static checks (lint, types, geodata freshness, build) count as one test each.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
failures=()
mkdir -p test-results

record() { # name, exit code
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$1"); fi
}
step() { echo; echo "=== $* ==="; }

# --- set-up ------------------------------------------------------------------------------------------------
if [ ! -d node_modules ]; then
  step "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    step "installing Debian's chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
      echo "apt-get install chromium failed"
  fi
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "Browser tests need Chromium at $CHROMIUM. Install it with: sudo apt-get install -y chromium"
  echo "(or set CHROMIUM_PATH to a Chromium binary). Playwright's own browser download is not used."
  echo "0 passed, 1 failed"
  exit 1
fi

if [ -z "${FRONTLINE_REFERENCE_DATA:-}" ] && [ -d ../shared/geodata/deepstate-api ]; then
  FRONTLINE_REFERENCE_DATA="$(cd ../shared/geodata && pwd)"
fi
if [ -n "${FRONTLINE_REFERENCE_DATA:-}" ]; then
  export FRONTLINE_REFERENCE_DATA
  echo "Real-data tests use FRONTLINE_REFERENCE_DATA=$FRONTLINE_REFERENCE_DATA"
else
  echo "FRONTLINE_REFERENCE_DATA not set and ../shared/geodata absent: real-data tests will be skipped."
fi

# --- static checks -----------------------------------------------------------------------------------------
step "eslint"
npx eslint .
record eslint $?
step "prettier --check"
npx prettier --check . >/dev/null
record prettier $?
step "svelte-check (types, no warnings)"
npx svelte-check --fail-on-warnings --tsconfig ./tsconfig.json
record svelte-check $?

step "geodata: rebuild from its npm sources and compare with the committed files"
tmp=$(mktemp -d)
(FRONTLINE_GEODATA_OUT="$tmp" node scripts/build-oblasts.mjs && FRONTLINE_GEODATA_OUT="$tmp" node scripts/build-focus-areas.mjs &&
  cmp "$tmp/oblasts.geojson" geodata/oblasts.geojson && cmp "$tmp/focus-areas.geojson" geodata/focus-areas.geojson &&
  FRONTLINE_GEODATA_OUT="$tmp" node scripts/build-settlements.mjs && cmp "$tmp/settlements.geojson" geodata/settlements.geojson)
rc=$?
[ $rc -ne 0 ] && echo "geodata/ is stale or its build failed: run 'npm run geodata' and commit the result."
record geodata-fresh $rc
rm -rf "$tmp"

# --- unit and real-data tests (Vitest) ---------------------------------------------------------------------
step "unit tests (vitest)"
rm -f test-results/unit.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
rc=$?
if [ -f test-results/unit.json ]; then
  read -r p f < <(node scripts/count-results.mjs vitest test-results/unit.json "$rc")
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -gt 0 ] && failures+=("vitest ($f)")
else
  record vitest-run "$rc"
fi

# --- browser tests (Playwright in Debian's Chromium, against the built app) --------------------------------
step "build (vite build)"
npx vite build >/dev/null
rc=$?
record build $rc
if [ $rc -eq 0 ]; then
  step "browser tests (playwright)"
  rm -f test-results/e2e.json
  CHROMIUM_PATH="$CHROMIUM" npx playwright test
  rc=$?
  if [ -f test-results/e2e.json ]; then
    read -r p f < <(node scripts/count-results.mjs playwright test-results/e2e.json "$rc")
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -gt 0 ] && failures+=("playwright ($f)")
  else
    record playwright-run "$rc"
  fi
fi

echo
[ ${#failures[@]} -gt 0 ] && echo "Failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
