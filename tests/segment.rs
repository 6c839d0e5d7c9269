//! `tracuu eval segment`: metrics on a small gold file, training, saving and loading a model.

use std::process::{Command, Output};

fn tracuu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tracuu"))
        .args(args)
        .output()
        .expect("run tracuu")
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

const GOLD: &str = "Ủy_ban nhân_dân huyện Kon_Plông họp .\nChủ_tịch xã phát_biểu .\n";

#[test]
fn bundled_model_on_a_small_gold_file() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.ws.txt");
    std::fs::write(&gold, GOLD).unwrap();
    let report = json(&tracuu(&[
        "eval",
        "segment",
        "--gold",
        gold.to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(report["sentences"], 2, "{report}");
    assert_eq!(report["gold_words"], 10, "{report}");
    for key in ["precision", "recall", "f1", "mb_per_s"] {
        let x = report[key].as_f64().unwrap_or(-1.0);
        assert!(x > 0.0, "{key}: {report}");
    }
}

#[test]
fn trains_saves_loads_and_exports() {
    let tmp = tempfile::tempdir().unwrap();
    let path = |name: &str| tmp.path().join(name).to_str().unwrap().to_string();
    std::fs::write(path("gold.ws.txt"), GOLD).unwrap();
    std::fs::write(path("lexicon.txt"), "phát biểu\nnhân dân\n").unwrap();
    let trained = json(&tracuu(&[
        "eval",
        "segment",
        "--gold",
        &path("gold.ws.txt"),
        "--train",
        &path("gold.ws.txt"),
        "--lexicon",
        &path("lexicon.txt"),
        "--save",
        &path("model.gz"),
        "--export-tokenizer",
        &path("tokenizer.json"),
        "--json",
    ]));
    let loaded = json(&tracuu(&[
        "eval",
        "segment",
        "--gold",
        &path("gold.ws.txt"),
        "--model",
        &path("model.gz"),
        "--json",
    ]));
    assert_eq!(trained["f1"], loaded["f1"], "{trained} {loaded}");
    let tokenizer: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path("tokenizer.json")).unwrap()).unwrap();
    assert_eq!(tokenizer["model"]["type"], "Unigram");
    let pieces: Vec<&str> = tokenizer["model"]["vocab"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v[0].as_str())
        .collect();
    assert!(pieces.contains(&"▁phát▁biểu"), "{pieces:?}");

    let out = tracuu(&["eval", "segment", "--gold", &path("missing.ws.txt")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.ws.txt"));
}
