//! Integration tests of the readers: every supported format, encoding and compression, on
//! small fixtures in `tests/data/read/` and variants generated in a temporary folder.
use std::io::Write;
use std::path::{Path, PathBuf};

use pretty_assertions::assert_eq;
use tracuu::ingest::{
    discover, read_file, Discovered, FileReport, PageHints, RawContent, RawDoc, ReadOptions, Record,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/read")
        .join(name)
}

fn read(path: &Path, prefix: Option<&str>) -> (Vec<RawDoc>, FileReport) {
    let opts = ReadOptions {
        id_prefix: prefix.map(str::to_string),
    };
    let mut docs = Vec::new();
    let report = read_file(path, &opts, &mut |d| docs.push(d))
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    assert_eq!(report.docs, docs.len());
    (docs, report)
}

fn page_text(doc: &RawDoc) -> &str {
    match &doc.content {
        RawContent::Page { text, .. } => text,
        RawContent::Record(r) => panic!("expected a page, got {r:?}"),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

fn xz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = xz2::write::XzEncoder::new(Vec::new(), 1);
    enc.write_all(bytes).expect("xz");
    enc.finish().expect("xz")
}

const PAGE: &str = "Trang chủ | Tin tức\nUBND tỉnh họp bàn phát triển kinh tế\n\nNgày 3/5, UBND tỉnh tổ chức cuộc họp.\n";

#[test]
fn text_file_and_its_compressed_forms() {
    let bytes = std::fs::read(fixture("page.txt")).expect("fixture");
    let dir = tempfile::tempdir().expect("tempdir");
    for path in [
        fixture("page.txt"),
        write(dir.path(), "page.txt.gz", &gzip(&bytes)),
        write(dir.path(), "page.txt.xz", &xz(&bytes)),
        // Two gzip members, as `cat a.gz b.gz` makes.
        write(
            dir.path(),
            "page.TXT.GZ",
            &[gzip(&bytes[..10]), gzip(&bytes[10..])].concat(),
        ),
    ] {
        let (docs, report) = read(&path, Some("ignored:"));
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "page", "text ids are the stem, without prefix");
        assert_eq!(docs[0].origin, path.display().to_string());
        assert_eq!(page_text(&docs[0]), PAGE, "CRLF normalized");
        assert!(report.warnings.is_empty());
    }
}

#[test]
fn unicode_encodings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(PAGE.as_bytes());
    let (mut le, mut be) = (vec![0xFF, 0xFE], vec![0xFE, 0xFF]);
    for u in PAGE.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    for (name, bytes) in [("bom.txt", bom), ("le.txt", le), ("be.txt", be)] {
        let (docs, report) = read(&write(dir.path(), name, &bytes), None);
        assert_eq!(page_text(&docs[0]), PAGE, "{name}");
        assert!(report.warnings.is_empty(), "{name}");
    }
}

#[test]
fn legacy_encodings_raw_and_mojibake() {
    let tcvn3 = "người dân việt nam được hỗ trợ khẩn cấp sau bão.\nthẳng thắn, đúng hẹn.\n";
    let vni = "Người dân Việt Nam được hỗ trợ khẩn cấp sau bão.\nThẳng thắn, ĐÚNG HẸN, Ẳ.\n";
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, want, enc) in [("tcvn3.txt", tcvn3, "TCVN3"), ("vni.txt", vni, "VNI")] {
        let raw = std::fs::read(fixture(name)).expect("fixture");
        // The fixtures use no byte in 0x80..=0x9F, where Windows-1252 and Latin-1 differ.
        let mojibake: String = raw.iter().map(|&b| b as char).collect();
        let moji_path = write(dir.path(), &format!("moji-{name}"), mojibake.as_bytes());
        for path in [fixture(name), moji_path] {
            let (docs, report) = read(&path, None);
            assert_eq!(page_text(&docs[0]), want, "{}", path.display());
            assert_eq!(
                report.warnings,
                vec![format!("{}: converted from {enc}", path.display())]
            );
        }
    }
}

#[test]
fn empty_pages_are_warnings() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", b" \r\n\n"),
        ("chrome.html", b"<nav><p>Menu</p></nav><script>x()</script>"),
    ] {
        let path = write(dir.path(), name, bytes);
        let (docs, report) = read(&path, None);
        assert!(docs.is_empty(), "{name}");
        assert_eq!(report.warnings, [format!("{}: no text", path.display())]);
    }
}

#[test]
fn garbage_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let latin1_german = "Die Ökonomie für Länder wächst schnell überall."
        .chars()
        .map(|c| c as u8)
        .collect::<Vec<u8>>();
    for (name, bytes) in [
        (
            "binary.txt",
            &b"\x7FELF\x02\x01\x01\x00\x00\x00\xFF\xFE\x00\x10"[..],
        ),
        ("latin1.txt", &latin1_german),
        ("bad.txt.gz", b"not gzip at all"),
    ] {
        let path = write(dir.path(), name, bytes);
        let err = read_file(&path, &ReadOptions::default(), &mut |_| {})
            .expect_err(name)
            .to_string();
        assert!(err.starts_with(&path.display().to_string()), "{err}");
        if name.ends_with(".txt") {
            assert!(err.contains("unrecognized text encoding"), "{err}");
        }
    }
}

#[test]
fn json_lines_with_aliases_bad_lines_and_prefix() {
    let path = fixture("records.jsonl");
    let p = path.display();
    let (docs, report) = read(&path, Some("bm:"));
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["bm:a1", "bm:42", "bm:a3", "bm:a4", "bm:records:8"]);
    let origins: Vec<String> = docs.iter().map(|d| d.origin.clone()).collect();
    assert_eq!(
        origins,
        [1, 2, 4, 5, 8].map(|n| format!("{p}:{n}")).to_vec()
    );
    assert_eq!(
        report.warnings[0],
        format!("{p}:6: no body/text and no title")
    );
    assert!(report.warnings[1].starts_with(&format!("{p}:7: invalid json")));
    assert_eq!(
        report.warnings[2],
        format!("{p}:8: no id: using file stem and line")
    );
    assert_eq!(report.warnings.len(), 3);

    let records: Vec<&Record> = docs
        .iter()
        .map(|d| match &d.content {
            RawContent::Record(r) => r,
            other => panic!("expected a record, got {other:?}"),
        })
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        *records[0],
        Record {
            title: s("Tiêu đề một"),
            lead: s("Tóm tắt"),
            body: "Nội dung một.".into(),
            url: s("https://a.vn/1"),
            published: s("2017-05-01"),
            author: s("Lan"),
            source: s("Báo A"),
        }
    );
    assert_eq!(
        *records[1],
        Record {
            lead: s("Tóm tắt hai"),
            body: "Nội dung hai.".into(),
            url: s("https://a.vn/2"),
            published: s("2018-01-02"),
            ..Record::default()
        }
    );
    assert_eq!(
        (
            records[2].lead.as_deref(),
            records[2].body.as_str(),
            records[2].url.as_deref()
        ),
        (Some("Sapo ba"), "Nội dung ba.", Some("https://a.vn/3"))
    );
    assert_eq!(records[3].body, "", "title and lead only is valid");
    assert_eq!(records[3].lead.as_deref(), Some("Chỉ có lead"));
}

#[test]
fn json_lines_compressed() {
    let bytes = std::fs::read(fixture("records.jsonl")).expect("fixture");
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["records.jsonl.xz", "records.jsonl.gz"] {
        let packed = if name.ends_with("xz") {
            xz(&bytes)
        } else {
            gzip(&bytes)
        };
        let (docs, report) = read(&write(dir.path(), name, &packed), None);
        assert_eq!(docs.len(), 5, "{name}");
        assert_eq!(docs[4].id, "records:8", "stem drops both extensions");
        assert_eq!(report.warnings.len(), 3);
    }
}

#[test]
fn json_array_and_single_object() {
    let path = fixture("array.json");
    let (docs, report) = read(&path, Some("x:"));
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["x:1", "x:2"]);
    assert_eq!(
        report.warnings,
        [format!("{}:3: no body/text and no title", path.display())]
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let one = write(dir.path(), "one.json", br#" {"title": "T", "body": "B"} "#);
    let (docs, report) = read(&one, None);
    assert_eq!(docs[0].id, "one:1");
    assert_eq!(report.warnings.len(), 1);

    let broken = write(dir.path(), "broken.json", b"[{\"title\": ");
    let err = read_file(&broken, &ReadOptions::default(), &mut |_| {}).expect_err("broken");
    assert!(err.to_string().starts_with(&broken.display().to_string()));
}

#[test]
fn html_page_main_text_and_hints() {
    let (docs, report) = read(&fixture("article.html"), None);
    assert!(report.warnings.is_empty());
    assert_eq!(docs[0].id, "article");
    let RawContent::Page { text, hints } = &docs[0].content else {
        panic!("expected a page");
    };
    assert_eq!(
        text,
        "Khánh thành cầu mới qua sông\n\n\
         Thứ sáu, 15/03/2024 09:30\n\n\
         Sáng 15/3, UBND tỉnh tổ chức lễ khánh thành cầu mới qua sông, nối hai huyện.\n\n\
         Cầu dài 500 m, rộng 12 m, tổng vốn đầu tư 300 tỷ đồng.\n\n\
         Cây cầu mới nhìn từ trên cao. Ảnh: T.M\n\n\
         Công trình giúp người dân đi lại thuận tiện hơn.\n\
         Dự kiến mỗi ngày có 10.000 lượt xe qua cầu.\n"
    );
    assert_eq!(
        *hints,
        PageHints {
            title: Some("Khánh thành cầu mới qua sông".into()),
            published: Some("2024-03-15T09:30:00+07:00".into()),
            author: Some("Trần Minh".into()),
            url: Some("https://baotinh.vn/khanh-thanh-cau.html".into()),
            site_name: Some("Báo Tỉnh".into()),
        }
    );
}

#[test]
fn folder_walk_skips_unsupported_and_hidden() {
    let dir = fixture("folder");
    let found = discover(std::slice::from_ref(&dir)).expect("discover");
    assert_eq!(
        found,
        Discovered {
            files: vec![
                dir.join("a.txt"),
                dir.join("b.html"),
                dir.join("sub/c.jsonl")
            ],
            skipped: vec![(dir.join("notes.pdf"), "unsupported file type".into())],
        }
    );
    let missing = discover(&[dir.join("missing")]).expect_err("missing path");
    assert!(missing.to_string().contains("missing"), "{missing}");
    assert_eq!(
        discover(&[dir.join("a.txt"), dir.join("notes.pdf")])
            .expect("files")
            .files,
        [dir.join("a.txt")]
    );
}

/// Throughput on the benchmark corpus (not in the repository):
/// `cargo test --release --test read -- --ignored --nocapture`; the file can be set with
/// `TRACUU_READ_BENCH=path.jsonl.xz`.
#[test]
#[ignore]
fn read_throughput() {
    let path = std::env::var("TRACUU_READ_BENCH")
        .unwrap_or_else(|_| "/work/shared/data/news/baomoi2017.jsonl.xz".into());
    let path = PathBuf::from(path);
    // Decompressed size, and how fast xz alone goes, for comparison.
    let start = std::time::Instant::now();
    let bytes = if path.extension().is_some_and(|e| e == "xz") {
        let file = std::fs::File::open(&path).expect("open");
        std::io::copy(&mut xz2::read::XzDecoder::new(file), &mut std::io::sink()).expect("xz")
    } else {
        std::fs::metadata(&path).expect("metadata").len()
    };
    let xz_secs = start.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    let start = std::time::Instant::now();
    let mut chars = 0usize;
    let report = read_file(&path, &ReadOptions::default(), &mut |d| {
        if let RawContent::Record(r) = &d.content {
            chars += r.body.len();
        }
    })
    .expect("read");
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{}: {} docs, {} warnings, {mb:.1} MB decompressed in {secs:.2} s = {:.1} MB/s \
         (decompression alone: {:.1} MB/s); body bytes {chars}",
        path.display(),
        report.docs,
        report.warnings.len(),
        mb / secs,
        mb / xz_secs
    );
}

#[test]
fn json_lines_with_legacy_text() {
    let vni_raw = std::fs::read(fixture("vni.txt")).expect("fixture");
    let first_line = |b: &[u8]| b.split(|&c| c == b'\n').next().unwrap_or_default().to_vec();
    let tcvn3_moji: String = first_line(&std::fs::read(fixture("tcvn3.txt")).expect("fixture"))
        .iter()
        .map(|&b| b as char)
        .collect();
    let mut jsonl = b"{\"id\": \"vni\", \"body\": \"".to_vec();
    jsonl.extend(first_line(&vni_raw));
    jsonl.extend(b"\"}\n");
    jsonl.extend(format!("{{\"id\": \"tcvn3\", \"title\": \"{tcvn3_moji}\"}}\n").as_bytes());
    jsonl.extend(b"{\"id\": \"latin1\", \"body\": \"f\xFCr \xC4rger\"}\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "legacy.jsonl", &jsonl);
    let (docs, report) = read(&path, None);
    let p = path.display();
    assert_eq!(
        report.warnings,
        [
            format!("{p}:1: converted from VNI"),
            format!("{p}:2: converted from TCVN3"),
            format!("{p}:3: invalid utf-8"),
        ]
    );
    let texts: Vec<String> = docs
        .iter()
        .map(|d| match &d.content {
            RawContent::Record(r) => format!("{}|{}", r.title.clone().unwrap_or_default(), r.body),
            RawContent::Page { .. } => panic!("expected a record"),
        })
        .collect();
    assert_eq!(
        texts,
        [
            "|Người dân Việt Nam được hỗ trợ khẩn cấp sau bão.",
            "người dân việt nam được hỗ trợ khẩn cấp sau bão.|",
        ]
    );
}
