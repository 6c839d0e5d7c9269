#!/usr/bin/env bash
# Load test of `tracuu serve` on loopback with wrk, bounded in time.
#
#   scripts/load_test.sh [INDEX_DIR] [SECONDS] [CONNECTIONS]
#
# Cycles through the public known-item queries (../shared/data/eval/known_item/queries.tsv,
# as written and with diacritics stripped) against GET /api/search, then prints wrk's
# latency percentiles, the server's CPU time per request, the error count and its peak RSS.
# Needs wrk (apt-get install wrk) and a release build (cargo build --release).
# TRACUU_BIN=path serves with another binary (to compare two builds side by side).
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:-target/bench-index}
seconds=${2:-30}
connections=${3:-8}
queries=${TRACUU_QUERIES:-../shared/data/eval/known_item/queries.tsv}
addr=127.0.0.1:${TRACUU_PORT:-8091}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
[ -f "$index/meta.json" ] || { echo "no index at $index (run: tracuu bench)" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 - "$queries" > "$work/paths.txt" <<'PY'
import sys, unicodedata, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 2 or not parts[1].strip():
        continue
    q = parts[1]
    stripped = "".join(c for c in unicodedata.normalize("NFD", q) if unicodedata.category(c) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    for text in (q, stripped):
        print("/api/search?limit=10&q=" + urllib.parse.quote(text))
PY
cat > "$work/cycle.lua" <<LUA
local paths = {}
for line in io.lines("$work/paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

# The search-answer cache is off unless TRACUU_CACHE_ENTRIES says otherwise: the queries
# cycle, so a cache would answer nearly every request and measure itself, not the engine.
${TRACUU_BIN:-./target/release/tracuu} serve --index "$index" --addr "$addr" --cache-entries "${TRACUU_CACHE_ENTRIES:-0}" \
  > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -sf "http://$addr/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
# Warm the page cache and the searcher before measuring.
wrk -t2 -c"$connections" -d5s -s "$work/cycle.lua" "http://$addr" >/dev/null
# CPU time of the server (user + system, clock ticks) around the measured run.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
before=$(cpu_ticks)
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/cycle.lua" "http://$addr" | tee "$work/wrk.txt"
after=$(cpu_ticks)
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
echo "server CPU per request: $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
  'BEGIN {printf "%.2f ms", n ? t * 1000 / hz / n : 0}')"
echo "server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MB"}')"
echo "server errors logged: $(grep -ci error "$work/server.log" || true)"
