#!/usr/bin/env bash
# Quality regression gate: retrieval figures on ALQAC 2023 public and the extraction figures on
# the shared pages must stay within 2 points of the recorded ones (docs/QUALITY.md). Skips
# what ../shared lacks.
#
#   scripts/quality_gate.sh [SHARED_DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
set_dir=$data/eval/alqac/alqac2023
extraction=$data/eval/extraction
if [ ! -f "$set_dir/corpus.jsonl" ] && [ ! -d "$extraction/gold" ]; then
    echo "quality gate: no $set_dir or $extraction, skipped"
    exit 0
fi
# Recorded figures and the allowed drop: ALQAC 2023 nDCG@10 (queries as written, diacritics
# stripped); extraction: share of judged fields right and document-code F1 on the shared pages.
recorded_accented=0.9231
recorded_stripped=0.9297
recorded_fields=1.0
recorded_codes_f1=1.0
allowed_drop=0.02
tracuu() {
    cargo run --quiet -- "$@"
}
accented=null
stripped=null
if [ -f "$set_dir/corpus.jsonl" ]; then
    args=(--corpus "$set_dir/corpus.jsonl" --queries "$set_dir/queries.tsv" --qrels "$set_dir/qrels.tsv")
    accented=$(tracuu eval retrieval "${args[@]}" --json)
    stripped=$(tracuu eval retrieval "${args[@]}" --json --strip-diacritics)
else
    echo "quality gate: no $set_dir, retrieval skipped"
fi
extract=null
if [ -d "$extraction/gold" ]; then
    extract=$(tracuu eval extract --raw "$extraction/raw" --gold "$extraction/gold" --json)
else
    echo "quality gate: no $extraction, extraction skipped"
fi
python3 - "$accented" "$stripped" "$extract" "$recorded_accented" "$recorded_stripped" \
    "$recorded_fields" "$recorded_codes_f1" "$allowed_drop" <<'PY'
import json, sys
accented, stripped, extract = (json.loads(a) for a in sys.argv[1:4])
rec_a, rec_s, rec_fields, rec_codes, drop = map(float, sys.argv[4:9])
checks = []
if accented is not None:
    checks.append(("ALQAC 2023 as written: nDCG@10", accented["ndcg_at_10"], rec_a))
    checks.append(("ALQAC 2023 stripped: nDCG@10", stripped["ndcg_at_10"], rec_s))
if extract is not None:
    right = sum(f["correct"] for f in extract["fields"])
    judged = sum(f["judged"] for f in extract["fields"])
    checks.append(("extraction: fields right", right / judged if judged else 0.0, rec_fields))
    checks.append(("extraction: document-code F1", extract["document_codes"]["f1"], rec_codes))
failed = False
for label, got, rec in checks:
    ok = got >= rec - drop
    failed |= not ok
    print(f"quality gate: {label} {got:.4f} (recorded {rec:.4f}) {'ok' if ok else 'DROPPED'}")
sys.exit(1 if failed else 0)
PY
