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

# --- static checks, geodata and the app build, side by side with the unit tests -------------------------------
# The static checks run one after another in a background lane while the app is built and then Vitest runs in the
# foreground (two cores: measured in docs/testing.md). The build comes first because a unit test packs the app
# (`npm pack` builds dist/ when it is older than its sources). Each step's output is kept in a file and printed under
# its heading once the step has finished, so the log reads in order; each counts as one test.
steps_dir=$(mktemp -d)
declare -A lane_pid=()
stop_lanes() { # on Ctrl-C: the lanes' processes, not only the subshells (background jobs here ignore SIGINT)
  local pid
  for pid in "${lane_pid[@]}"; do kill_tree "$pid"; done
}
kill_tree() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do kill_tree "$child"; done
  kill "$1" 2>/dev/null
}
trap 'stop_lanes; rm -rf "$steps_dir"; exit 130' INT TERM
trap 'rm -rf "$steps_dir"' EXIT
lane() { # name, then steps (functions) run one after another; each step is recorded by `collect`
  local name=$1
  shift
  (
    for s in "$@"; do
      SECONDS=0
      "$s" >"$steps_dir/$s.log" 2>&1
      echo "$? $SECONDS" >"$steps_dir/$s.rc"
    done
  ) &
  lane_pid[$name]=$!
}
collect() { # lane name, then its steps, in order: waits for the lane, prints each step's output, records it
  local name=$1 s rc secs
  shift
  wait "${lane_pid[$name]}"
  for s in "$@"; do
    step "${TITLE[$s]:-$s}"
    cat "$steps_dir/$s.log" 2>/dev/null
    read -r rc secs <"$steps_dir/$s.rc" 2>/dev/null || { rc=1; secs='?'; }
    echo "($s: ${secs} s, exit $rc)"
    record "$s" "$rc"
  done
}

# A step is a function; its title heads its output. Add a new check as one more function in STATIC_STEPS.
declare -A TITLE=(
  [prettier]='prettier --check'
  [svelte-check]='svelte-check (types, no warnings)'
  [geodata-fresh]='geodata: rebuild from its npm sources and compare with the committed files'
  [build]='build (vite build)'
)
eslint() { npx eslint .; }
prettier() { npx prettier --check . >/dev/null; }
svelte-check() { npx svelte-check --fail-on-warnings --tsconfig ./tsconfig.json; }
geodata-fresh() { # rebuild from its npm sources and compare with the committed files
  local tmp rc
  tmp=$(mktemp -d)
  (FRONTLINE_GEODATA_OUT="$tmp" node scripts/build-oblasts.mjs && FRONTLINE_GEODATA_OUT="$tmp" node scripts/build-focus-areas.mjs &&
    cmp "$tmp/oblasts.geojson" geodata/oblasts.geojson && cmp "$tmp/focus-areas.geojson" geodata/focus-areas.geojson &&
    FRONTLINE_GEODATA_OUT="$tmp" node scripts/build-settlements.mjs && cmp "$tmp/settlements.geojson" geodata/settlements.geojson &&
    FRONTLINE_GEODATA_OUT="$tmp" node --max-old-space-size=4096 scripts/build-front-outline.mjs &&
    cmp "$tmp/front-outline.geojson" geodata/front-outline.geojson)
  rc=$?
  [ $rc -ne 0 ] && echo "geodata/ is stale or its build failed: run 'npm run geodata' and commit the result."
  rm -rf "$tmp"
  return $rc
}
build() { npx vite build >/dev/null; }

STATIC_STEPS=(eslint prettier svelte-check geodata-fresh)
lane static "${STATIC_STEPS[@]}"
lane build build
collect build build

# --- unit and real-data tests (Vitest) ---------------------------------------------------------------------
step "unit tests (vitest)"
SECONDS=0
rm -f test-results/unit.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
rc=$?
echo "(vitest: ${SECONDS} s, exit $rc)"
if [ -f test-results/unit.json ]; then
  read -r p f < <(node scripts/count-results.mjs vitest test-results/unit.json "$rc")
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -gt 0 ] && failures+=("vitest ($f)")
else
  record vitest-run "$rc"
fi

# The static checks have usually finished by now; waiting for them keeps the browser tests on a quiet machine.
collect static "${STATIC_STEPS[@]}"

# --- browser tests (Playwright in Debian's Chromium, against the built app) --------------------------------
rc=$(cut -d' ' -f1 "$steps_dir/build.rc" 2>/dev/null || echo 1)
if [ "$rc" -eq 0 ]; then
  step "browser tests (playwright)"
  SECONDS=0
  rm -f test-results/e2e.json
  CHROMIUM_PATH="$CHROMIUM" npx playwright test
  rc=$?
  echo "(playwright: ${SECONDS} s, exit $rc)"
  if [ -f test-results/e2e.json ]; then
    read -r p f < <(node scripts/count-results.mjs playwright test-results/e2e.json "$rc")
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -gt 0 ] && failures+=("playwright ($f)")
    node scripts/slowest-tests.mjs test-results/e2e.json 5
  else
    record playwright-run "$rc"
  fi
fi

echo
[ ${#failures[@]} -gt 0 ] && echo "Failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
