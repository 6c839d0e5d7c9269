#!/usr/bin/env bash
# Quality report: runs every `tracuu eval` command on the shared evaluation sets and prints the
# figures as Markdown tables (the ones in docs/QUALITY.md), ours beside the plain baseline
# (tantivy simple tokenizer + ASCII folding, BM25), queries as written and diacritics stripped.
#
#   scripts/quality_report.sh [SHARED_DATA_DIR] [--index DIR] [--diacritics-model FILE]
#                             [--no-known-item-baseline] [--no-diacritics]
#
#   SHARED_DATA_DIR          default ../shared/data
#   --index DIR              the 333k-article news index for known-item (built by
#                            `tracuu bench`; opened read-only) [default: target/bench-index]
#   --diacritics-model FILE  a saved diacritics model [default: train one on SHARED/news/,
#                            which takes several minutes]
#   --no-diacritics          skip the diacritics figure
#   --no-known-item-baseline skip the baseline on known-item (it indexes 333k articles in a
#                            temporary folder, twice: about 35 s each here)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
index=target/bench-index
diacritics_model=
ki_baseline=1
diacritics=1
while [ $# -gt 0 ]; do
    case $1 in
    --index) index=$2; shift 2 ;;
    --diacritics-model) diacritics_model=$2; shift 2 ;;
    --no-known-item-baseline) ki_baseline=0; shift ;;
    --no-diacritics) diacritics=0; shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) data=$1; shift ;;
    esac
done
if [ ! -d "$data/eval" ]; then
    echo "quality report: no $data/eval, nothing to measure" >&2
    exit 1
fi
# TRACUU_BIN: a tracuu binary to use instead of building target/release/tracuu.
if [ -n "${TRACUU_BIN:-}" ]; then
    bin=$TRACUU_BIN
else
    cargo build --release --quiet
    bin=target/release/tracuu
fi
eval_json() { "$bin" eval "$@" --json; }

# Formats JSON reports as Markdown table rows: KIND LABEL [LABEL JSON]...
fmt_py=$(cat <<'PY'
import json, sys
kind, args = sys.argv[1], sys.argv[2:]
if kind == "retrieval":
    r = json.loads(sys.stdin.read())
    mode = "stripped" if r["strip_diacritics"] else "as written"
    print("| %s | %s | %s | %d | %.4f | %.4f | %.4f | %.4f | %.4f | %.2f |" % (
        args[0], args[1], mode, r["queries"], r["ndcg_at_10"], r["recall_at_10"],
        r["recall_at_100"], r["mrr_at_10"], r["success_at_10"], r["mean_ms"]))
elif kind == "segment":
    r = json.loads(sys.stdin.read())
    print("| %s | %d | %d | %.4f | %.4f | %.4f | %.1f |" % (
        args[0], r["sentences"], r["gold_words"], r["precision"], r["recall"], r["f1"],
        r["mb_per_s"]))
elif kind == "diacritics":
    r = json.loads(sys.stdin.read())
    print("| %s | %d | %d | %.4f | %.4f | %.3f |" % (
        args[0], r["sentences"], r["syllables"], r["syllable_accuracy"],
        r["sentence_accuracy"], r["ms_per_sentence"]))
elif kind == "extract":
    rows = [(label, json.loads(line)) for label, line in zip(args[0::2], args[1::2])]
    fields = []
    for _, r in rows:
        for f in r["fields"]:
            if f["field"] not in fields:
                fields.append(f["field"])
    print("| field | " + " | ".join(label for label, _ in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for name in fields:
        cells = []
        for _, r in rows:
            f = next((f for f in r["fields"] if f["field"] == name), None)
            cells.append("%.3f (%d/%d)" % (f["accuracy"], f["correct"], f["judged"]) if f else "—")
        print("| %s | %s |" % (name, " | ".join(cells)))
    for key in ("precision", "recall", "f1"):
        print("| document codes %s | %s |" % (
            key, " | ".join("%.3f" % r["document_codes"][key] for _, r in rows)))
    print("| pages with every field right | %s |" % " | ".join(
        "%d/%d" % (r["pages_all_correct"], r["pages"]) for _, r in rows))
PY
)
fmt() { python3 -c "$fmt_py" "$@"; }
retrieval_row() { fmt retrieval "$@"; }

echo "## Retrieval"
echo
echo "| set | system | queries | n | nDCG@10 | R@10 | R@100 | MRR@10 | success@10 | ms/query |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for set in alqac2022 alqac2023 alqac_oct2023; do
    dir=$data/eval/alqac/$set
    [ -f "$dir/corpus.jsonl" ] || { echo "| $set | (missing) |"; continue; }
    args=(--corpus "$dir/corpus.jsonl" --queries "$dir/queries.tsv" --qrels "$dir/qrels.tsv")
    for strip in "" --strip-diacritics; do
        eval_json retrieval "${args[@]}" $strip | retrieval_row "ALQAC $set" tracuu
        eval_json retrieval --baseline "${args[@]}" $strip | retrieval_row "ALQAC $set" baseline
    done
done
ki=$data/eval/known_item
news=$data/news
if [ -f "$ki/queries.tsv" ]; then
    kargs=(--queries "$ki/queries.tsv" --qrels "$ki/qrels.tsv")
    if [ -f "$index/meta.json" ]; then
        for strip in "" --strip-diacritics; do
            eval_json retrieval --index "$index" "${kargs[@]}" $strip | retrieval_row known-item tracuu
        done
    else
        echo "| known-item | tracuu | (no index at $index: build it with \`tracuu bench\`) |"
    fi
    if [ "$ki_baseline" = 1 ] && [ -f "$news/rss2025.jsonl.xz" ]; then
        corpus=(--corpus "$news/baomoi2017.jsonl.xz" "$news/vietnews.jsonl.xz" "$news/rss2025.jsonl.xz"
            --id-prefix bm: vn: rss:)
        for strip in "" --strip-diacritics; do
            eval_json retrieval --baseline "${corpus[@]}" "${kargs[@]}" $strip |
                retrieval_row known-item baseline
        done
    fi
fi

echo
echo "## Word segmentation (bundled model)"
echo
echo "| gold | sentences | words | precision | recall | F1 | MB/s |"
echo "|---|---|---|---|---|---|---|"
for gold in ud_vtb_test.ws.txt vlsp2013_test_gold_from_underthesea_wheel.ws.txt; do
    path=$data/segmentation/$gold
    [ -f "$path" ] || continue
    eval_json segment --gold "$path" | fmt segment "$gold"
done

test_file=$data/eval/diacritics/test.tsv
if [ "$diacritics" = 1 ] && [ -f "$test_file" ]; then
    echo
    echo "## Diacritic restoration"
    echo
    if [ -n "$diacritics_model" ]; then
        dargs=(--model "$diacritics_model")
        source="model $diacritics_model"
    else
        dargs=(--train "$news/")
        source="trained on $news/"
    fi
    echo "| model | sentences | syllables | syllable accuracy | sentence accuracy | ms/sentence |"
    echo "|---|---|---|---|---|---|"
    eval_json diacritics --test "$test_file" "${dargs[@]}" | fmt diacritics "$source"
fi

echo
echo "## Metadata extraction"
echo
shared_extract=$(eval_json extract --raw "$data/eval/extraction/raw" --gold "$data/eval/extraction/gold")
seed_extract=$(eval_json extract --raw corpus --gold tests/data/extract)
fmt extract "shared (8 pages)" "$shared_extract" "seeds (5 pages)" "$seed_extract"
