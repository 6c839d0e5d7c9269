#!/usr/bin/env bash
# Quality regression gate: retrieval figures on ALQAC 2023 public must stay within 2 points of
# the recorded ones (docs/BENCHMARKS.md, "Retrieval quality"). Skips when ../shared is absent.
#
#   scripts/quality_gate.sh [SHARED_DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
set_dir=$data/eval/alqac/alqac2023
if [ ! -f "$set_dir/corpus.jsonl" ]; then
    echo "quality gate: no $set_dir, skipped"
    exit 0
fi
# Recorded nDCG@10 (queries as written, diacritics stripped) and the allowed drop.
recorded_accented=0.8334
recorded_stripped=0.8073
allowed_drop=0.02
run() {
    cargo run --quiet -- eval retrieval --corpus "$set_dir/corpus.jsonl" \
        --queries "$set_dir/queries.tsv" --qrels "$set_dir/qrels.tsv" --json "$@"
}
accented=$(run)
stripped=$(run --strip-diacritics)
python3 - "$accented" "$stripped" "$recorded_accented" "$recorded_stripped" "$allowed_drop" <<'PY'
import json, sys
accented, stripped = json.loads(sys.argv[1]), json.loads(sys.argv[2])
rec_a, rec_s, drop = map(float, sys.argv[3:6])
failed = False
for label, got, rec in (("as written", accented, rec_a), ("stripped", stripped, rec_s)):
    ndcg = got["ndcg_at_10"]
    ok = ndcg >= rec - drop
    failed |= not ok
    print(f"quality gate: ALQAC 2023 {label}: nDCG@10 {ndcg:.4f} (recorded {rec:.4f}) {'ok' if ok else 'DROPPED'}")
sys.exit(1 if failed else 0)
PY
