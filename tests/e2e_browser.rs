//! The search page in headless Chromium, driven through chromedriver (WebDriver over plain
//! HTTP, no client crate): type a query, see highlighted hits and facet counts, click a facet
//! and see the list narrow, check the phone layout, open a document. Saves
//! `target/e2e-screenshot.png` (and `-mobile`, `-document`).
//!
//! Skips (with a message) when chromium or chromedriver is not installed; `.ci/run` installs
//! both.

mod common;
mod http_fixture;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use tracuu::http::{router, AppState};
use tracuu::search::Searcher;

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

fn first_existing(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        // An explicit path that does not exist means "no browser here": skip.
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    candidates.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// Kills the chromedriver this test started when the test ends, pass or fail.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP/1.1 request to chromedriver on loopback; the JSON answer.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    // chromedriver keeps the connection open: read the header, then Content-Length bytes.
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let header_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed before the header".into());
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..header_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let chunked = head.contains("transfer-encoding: chunked");
    loop {
        let body = &raw[header_end..];
        let complete = match length {
            Some(n) => body.len() >= n,
            None if chunked => body.ends_with(b"0\r\n\r\n"),
            None => false,
        };
        if complete {
            break;
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let body = String::from_utf8_lossy(&raw[header_end..]).into_owned();
    let payload = if chunked { dechunk(&body) } else { body };
    serde_json::from_str(&payload).map_err(|e| format!("{e}: {payload}"))
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// A WebDriver session.
struct Session {
    port: u16,
    id: String,
}

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let full = format!("/session/{}{path}", self.id);
        let answer = http(self.port, method, &full, body.as_ref())
            .unwrap_or_else(|e| panic!("{method} {full}: {e}"));
        if let Some(err) = answer["value"]["error"].as_str() {
            panic!("{method} {full}: {err}: {}", answer["value"]["message"]);
        }
        answer["value"].clone()
    }

    fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn element(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT_KEY].as_str().expect("element id").to_string()
    }

    fn click(&self, css: &str) {
        let e = self.element(css);
        self.call("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.call(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// What the page shows now.
    fn page(&self) -> Value {
        self.script(
            r##"const q = (s) => [...document.querySelectorAll(s)];
            return {
              state: document.body.dataset.state,
              search: location.search,
              total: (document.getElementById("total") || {}).textContent || null,
              hits: q("#hits .hit").map((h) => h.dataset.id),
              provinces: q("#hits .hit .province").map((p) => p.textContent),
              highlighted: q("#hits .snippet b").map((b) => b.textContent),
              facets: q("#facets button[data-facet=province]").map((b) =>
                [b.dataset.value, b.querySelector(".count").textContent, b.className]),
              bars: q("#histogram .bar").map((b) => b.dataset.year),
              didYouMean: document.getElementById("didyoumean").hidden ? null
                : document.querySelector("#didyoumean a").textContent,
              doc: document.getElementById("doc").hidden ? null : {
                title: (document.querySelector("#doc h1") || {}).textContent || null,
                text: document.getElementById("doc").textContent,
              },
            };"##,
        )
    }

    /// Polls the page until `done` holds (30 s at most: CI machines are busy).
    fn wait_for(&self, what: &str, done: impl Fn(&Value) -> bool) -> Value {
        let started = Instant::now();
        loop {
            let page = self.page();
            if page["state"] == "ready" && done(&page) {
                return page;
            }
            if started.elapsed() > Duration::from_secs(30) {
                panic!("timed out waiting for {what}; page: {page:#}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let digits: Vec<u32> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, d)| acc | (d << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(decode_base64("aGVsbG8="), b"hello");
    assert_eq!(decode_base64("aGk="), b"hi");
    assert_eq!(decode_base64("YWJj"), b"abc");
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

#[test]
fn search_page_in_headless_chromium() {
    let chromium = first_existing(
        "TRACUU_CHROMIUM",
        &[
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
        ],
    );
    let chromedriver = first_existing(
        "TRACUU_CHROMEDRIVER",
        &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"],
    );
    let (Some(chromium), Some(chromedriver)) = (chromium, chromedriver) else {
        eprintln!(
            "skipping the browser test: chromium or chromedriver not found \
             (apt-get install chromium chromium-driver)"
        );
        return;
    };

    // The server, in-process on a loopback port.
    let (_tmp, dir) = http_fixture::tagged_index();
    let mut counts = tracuu::diacritics::Counts::new();
    for a in http_fixture::tagged_articles() {
        counts.add_text(&a.title);
        counts.add_text(&a.body);
    }
    let model = tracuu::diacritics::estimate(&counts, 1);
    let state = AppState::new(Searcher::open(&dir).expect("searcher")).with_diacritics(model);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    runtime.spawn(async move { axum::serve(listener, router(state)).await });

    let port = free_port();
    let _driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let started = Instant::now();
    while http(port, "GET", "/status", None).map_or(true, |s| s["value"]["ready"] != true) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = tempfile::tempdir().expect("profile dir");
    let created = http(
        port,
        "POST",
        "/session",
        Some(&json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1200,1000",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}})),
    )
    .expect("new session");
    let session = Session {
        port,
        id: created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string(),
    };

    // The empty page lists everything, newest first.
    session.goto(&format!("http://{addr}/"));
    let page = session.wait_for("the first page", |p| p["total"].is_string());
    assert_eq!(page["total"], "9", "{page:#}");

    // Type a query without diacritics and submit it.
    session.type_into("#q", "\"chuyen doi so\"");
    session.click("#go");
    let page = session.wait_for("the results of the query", |p| {
        p["search"].as_str().unwrap_or("").contains("q=")
    });
    assert_eq!(page["total"], "4", "{page:#}");
    let hits: Vec<&str> = page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(hits.len(), 4);
    assert!(
        page["highlighted"].as_array().unwrap().iter().any(|b| b
            .as_str()
            .is_some_and(|t| t.to_lowercase().contains("chuyển"))),
        "highlighted words: {page:#}"
    );
    assert_eq!(
        page["facets"],
        json!([["Gia Lai", "2", ""], ["Kon Tum", "2", ""]])
    );
    assert_eq!(page["bars"], json!(["2021", "2022"]));
    assert_eq!(page["didYouMean"], "\"chuyển đổi số\"", "{page:#}");

    // Click a facet: the list narrows and the facet shows as active.
    session.click(r##"#facets button[data-facet="province"][data-value="Kon Tum"]"##);
    let page = session.wait_for("the narrowed list", |p| {
        p["search"].as_str().unwrap_or("").contains("province=")
    });
    assert_eq!(page["total"], "2", "{page:#}");
    assert_eq!(page["provinces"], json!(["Kon Tum", "Kon Tum"]));
    assert_eq!(page["facets"], json!([["Kon Tum", "2", "active"]]));

    let shot = session.call("GET", "/screenshot", None);
    let png = decode_base64(shot.as_str().expect("base64 screenshot"));
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    let path = target_dir().join("e2e-screenshot.png");
    std::fs::create_dir_all(target_dir()).expect("target dir");
    std::fs::write(&path, png).expect("write screenshot");
    eprintln!("screenshot: {}", path.display());

    // On a phone-sized window the facets go below the results, in one column.
    session.call(
        "POST",
        "/window/rect",
        Some(json!({"width": 390, "height": 844})),
    );
    let layout = session.script(
        "const m = document.querySelector('main').getBoundingClientRect();\
         const f = document.getElementById('facets').getBoundingClientRect();\
         return {mainLeft: m.left, facetsTop: f.top, mainBottom: m.bottom, \
                 scroll: document.documentElement.scrollWidth, width: window.innerWidth};",
    );
    assert!(layout["mainLeft"].as_f64().unwrap() < 40.0, "{layout}");
    assert!(
        layout["facetsTop"].as_f64().unwrap() >= layout["mainBottom"].as_f64().unwrap(),
        "{layout}"
    );
    assert!(
        layout["scroll"].as_f64().unwrap() <= layout["width"].as_f64().unwrap(),
        "no horizontal scrolling: {layout}"
    );
    let shot = session.call("GET", "/screenshot", None);
    let png = decode_base64(shot.as_str().expect("base64 screenshot"));
    std::fs::write(target_dir().join("e2e-screenshot-mobile.png"), png).expect("write screenshot");

    // Open a document: its text and the related coverage.
    session.click("#hits .hit h2 a");
    let page = session.wait_for("the document view", |p| p["doc"].is_object());
    assert!(page["doc"]["title"]
        .as_str()
        .is_some_and(|t| t.contains("Kon Tum")));
    assert!(page["doc"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("Bài liên quan")));

    let shot = session.call("GET", "/screenshot", None);
    let png = decode_base64(shot.as_str().expect("base64 screenshot"));
    std::fs::write(target_dir().join("e2e-screenshot-document.png"), png)
        .expect("write screenshot");

    session.call("DELETE", "", None);
    runtime.shutdown_background();
}
