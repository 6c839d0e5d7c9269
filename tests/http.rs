//! The HTTP API through `router(state).oneshot(request)`: every endpoint, every error status.

mod common;
mod http_fixture;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use tracuu::http::{router, AppState, Limits};
use tracuu::index::Indexer;
use tracuu::search::Searcher;

const KEY: &str = "s3cret-key";

struct Fixture {
    _tmp: tempfile::TempDir,
    app: Router,
}

/// The bundled corpus plus [`tagged_articles`], with writes enabled or not.
fn fixture(writes: bool, limits: Limits) -> Fixture {
    let (tmp, dir) = http_fixture::tagged_index();
    let searcher = Searcher::open(&dir).expect("open searcher");
    let index = searcher.index().clone();
    let mut state = AppState::new(searcher).with_limits(limits);
    if writes {
        state = state.with_writes(Indexer::from_index(index).expect("writer"), KEY);
    }
    Fixture {
        _tmp: tmp,
        app: router(state),
    }
}

fn read_only() -> Fixture {
    fixture(false, Limits::default())
}

fn writable() -> Fixture {
    fixture(true, Limits::default())
}

async fn send(
    app: &Router,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (status, headers, body) = send(app, Request::get(uri).body(Body::empty()).unwrap()).await;
    assert_eq!(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("application/json"),
        "{uri}"
    );
    let json = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{uri}: {e}"));
    (status, json)
}

fn write_request(
    method: &str,
    uri: &str,
    key: Option<&str>,
    content_type: &str,
    body: &str,
) -> Request<Body> {
    let mut b = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, content_type);
    if let Some(k) = key {
        b = b.header(header::AUTHORIZATION, format!("Bearer {k}"));
    }
    b.body(Body::from(body.to_string())).unwrap()
}

async fn write(app: &Router, request: Request<Body>) -> (StatusCode, Value) {
    let (status, _, body) = send(app, request).await;
    (status, serde_json::from_slice(&body).expect("json"))
}

/// `DELETE uri` with an optional API key.
async fn delete(app: &Router, uri: &str, key: Option<&str>) -> (StatusCode, Value) {
    write(
        app,
        write_request("DELETE", uri, key, "application/json", ""),
    )
    .await
}

fn ids(hits: &Value) -> Vec<String> {
    hits.as_array()
        .expect("hits array")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect()
}

fn facet(json: &Value, name: &str) -> Vec<(String, u64)> {
    json["facets"][name]
        .as_array()
        .expect("facet list")
        .iter()
        .map(|f| {
            (
                f["value"].as_str().unwrap().to_string(),
                f["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn search_returns_hits_facets_and_month_histogram() {
    let f = read_only();
    let (status, json) = get(
        &f.app,
        "/api/search?q=%22chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91%22",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["query"], "\"chuyển đổi số\"");
    assert_eq!(json["total"], 4);
    let mut got = ids(&json["hits"]);
    got.sort();
    assert_eq!(got, ["gl-1", "gl-1-copy", "kt-1", "kt-2"]);
    assert!(
        json["hits"][0]["snippet"].as_str().unwrap().contains("<b>"),
        "{json}"
    );
    assert_eq!(
        facet(&json, "province"),
        [("Gia Lai".to_string(), 2), ("Kon Tum".to_string(), 2)]
    );
    assert_eq!(
        json["histogram"],
        serde_json::json!([
            {"month": "2021-11", "count": 1},
            {"month": "2021-12", "count": 1},
            {"month": "2022-03", "count": 2}
        ])
    );
}

#[tokio::test]
async fn filters_narrow_hits_facets_and_histogram() {
    let f = read_only();
    // Without diacritics, for the query and the province.
    let (status, json) = get(
        &f.app,
        "/api/search?q=%22chuyen+doi+so%22&province=kon+tum&sort=date",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(ids(&json["hits"]), ["kt-2", "kt-1"]);
    assert_eq!(facet(&json, "province"), [("Kon Tum".to_string(), 2)]);
    assert_eq!(facet(&json, "year"), [("2021".to_string(), 2)]);
    assert_eq!(json["histogram"].as_array().map(Vec::len), Some(2));

    let (_, json) = get(
        &f.app,
        "/api/search?q=%22chuyen+doi+so%22&from=2022&limit=1&offset=1",
    )
    .await;
    assert_eq!(json["total"], 2);
    assert_eq!(json["hits"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_parameter() {
    let f = read_only();
    for (uri, needle) in [
        ("/api/search?q=x&limit=101", "limit"),
        ("/api/search?q=x&limit=abc", "limit"),
        ("/api/search?q=x&offset=10001", "offset"),
        ("/api/search?q=x&sort=newest", "sort"),
        ("/api/search?q=x&from=yesterday", "from"),
        ("/api/documents/kt-1/similar?limit=1000", "limit"),
    ] {
        let (status, json) = get(&f.app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {json}");
        let message = json["error"].as_str().expect("error message");
        assert!(message.contains(needle), "{uri}: {message}");
    }
    let long = format!("/api/search?q={}", "a".repeat(1001));
    let (status, json) = get(&f.app, &long).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json["error"].as_str().unwrap().contains("q"));
}

#[tokio::test]
async fn bad_query_syntax_is_400_saying_what() {
    let f = read_only();
    let (status, json) = get(&f.app, "/api/search?q=%22unclosed").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        json["error"].as_str().unwrap().contains("unclosed quote"),
        "{json}"
    );
    let (status, json) = get(&f.app, "/api/search?q=color:red").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        json["error"].as_str().unwrap().contains("unknown field"),
        "{json}"
    );
}

#[tokio::test]
async fn documents_by_id_and_404() {
    let f = read_only();
    let (status, json) = get(&f.app, "/api/documents/kt-1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["id"], "kt-1");
    assert_eq!(json["province"], "Kon Tum");
    assert!(json["body"].as_str().unwrap().contains("sâm Ngọc Linh"));

    let (status, json) = get(&f.app, "/api/documents/no-such-id").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(json["error"].as_str().unwrap().contains("no-such-id"));
    let (status, _) = get(&f.app, "/api/documents/no-such-id/similar").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, json) = get(&f.app, "/api/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(json["error"].is_string());
    let (status, _, body) = send(
        &f.app,
        Request::put("/api/search").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let json: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["error"], "method not allowed on this path");
}

#[tokio::test]
async fn similar_sets_near_duplicates_apart() {
    let f = read_only();
    let (status, json) = get(&f.app, "/api/documents/gl-1/similar?limit=10").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(ids(&json["near_duplicates"]), ["gl-1-copy"]);
    let similar = ids(&json["similar"]);
    assert!(!similar.contains(&"gl-1".to_string()), "{similar:?}");
    assert!(!similar.contains(&"gl-1-copy".to_string()), "{similar:?}");
    assert!(similar.len() <= 10);
    assert!(
        similar.iter().any(|id| id.starts_with("kt-")),
        "other coverage of chuyển đổi số: {similar:?}"
    );
}

#[tokio::test]
async fn suggest_completes_with_or_without_diacritics() {
    let f = read_only();
    let (status, json) = get(&f.app, "/api/suggest?q=kon").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["q"], "kon");
    assert!(json["restored"].is_null());
    let completions: Vec<&str> = json["completions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(completions.contains(&"Kon Tum"), "{completions:?}");

    // Typed without diacritics, completed as titles write it.
    let (_, json) = get(&f.app, "/api/suggest?q=chuyen+d").await;
    assert_eq!(json["completions"][0], "chuyển đổi", "{json}");
    // Mixed input: nothing in the exact titles, found in the folded ones.
    let (_, json) = get(&f.app, "/api/suggest?q=chuyen+%C4%91").await;
    assert_eq!(json["completions"][0], "chuyển đổi", "{json}");
    let (_, json) = get(&f.app, "/api/suggest?q=gia+lai+tr").await;
    assert_eq!(json["completions"][0], "Gia Lai triển", "{json}");
    let (_, json) = get(&f.app, "/api/suggest?q=chuy%E1%BB%83n+%C4%91").await;
    assert!(
        json["completions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "chuyển đổi"),
        "{json}"
    );
    let (status, json) = get(&f.app, "/api/suggest").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["completions"], serde_json::json!([]));
}

#[tokio::test]
async fn writes_are_refused_without_a_configured_key() {
    let f = read_only();
    let (status, json) = write(
        &f.app,
        write_request(
            "POST",
            "/api/documents",
            Some(KEY),
            "application/json",
            r#"{"id":"x","title":"t"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(json["error"].as_str().unwrap().contains("disabled"));
}

#[tokio::test]
async fn writes_need_the_bearer_key() {
    let f = writable();
    let body = r#"{"id":"new-1","title":"Bài mới","body":"nội dung"}"#;
    let (status, headers, _) = send(
        &f.app,
        write_request("POST", "/api/documents", None, "application/json", body),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers.get(header::WWW_AUTHENTICATE).unwrap(), "Bearer");
    let (status, json) = write(
        &f.app,
        write_request(
            "POST",
            "/api/documents",
            Some("wrong"),
            "application/json",
            body,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(json["error"].is_string());
    let (status, _) = delete(&f.app, "/api/documents/kt-1", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = delete(&f.app, "/api/documents/kt-1", Some("wrong")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, json) = get(&f.app, "/api/documents/kt-1").await;
    assert_eq!(json["id"], "kt-1");
}

#[tokio::test]
async fn posted_and_deleted_documents_are_searchable_at_once() {
    let f = writable();
    let body = r#"{"id":"new-1","title":"Lễ hội cồng chiêng Tây Nguyên","body":"Nghệ nhân trình diễn cồng chiêng tại Pleiku.","published":"2023-04-02"}"#;
    let (status, json) = write(
        &f.app,
        write_request(
            "POST",
            "/api/documents",
            Some(KEY),
            "application/json",
            body,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    assert_eq!(
        json,
        serde_json::json!({"id": "new-1", "status": "created"})
    );
    let (_, json) = get(&f.app, "/api/search?q=%22cong+chieng%22").await;
    assert_eq!(ids(&json["hits"]), ["new-1"]);
    assert_eq!(
        json["histogram"],
        serde_json::json!([{"month": "2023-04", "count": 1}])
    );

    let (status, json) = write(
        &f.app,
        write_request(
            "POST",
            "/api/documents",
            Some(KEY),
            "application/json; charset=utf-8",
            body,
        ),
    )
    .await;
    assert_eq!(
        (status, &json["status"]),
        (StatusCode::OK, &Value::from("updated"))
    );
    let (_, json) = get(&f.app, "/api/search?q=%22cong+chieng%22").await;
    assert_eq!(json["total"], 1);

    let (status, json) = delete(&f.app, "/api/documents/new-1", Some(KEY)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["status"], "deleted");
    let (_, json) = get(&f.app, "/api/search?q=%22cong+chieng%22").await;
    assert_eq!(json["total"], 0);
    let (status, _) = delete(&f.app, "/api/documents/new-1", Some(KEY)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn raw_pages_are_posted_as_text_or_html() {
    let f = writable();
    let page = "Đắk Lắk mùa cà phê\n\nNông dân Buôn Ma Thuột thu hoạch cà phê.";
    let (status, json) = write(
        &f.app,
        write_request(
            "POST",
            "/api/documents?id=page-1",
            Some(KEY),
            "text/plain",
            page,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    let html = "<html><head><title>Hồ Lắk</title></head><body><h1>Hồ Lắk mùa nước</h1><p>Du khách đi thuyền độc mộc trên hồ Lắk.</p></body></html>";
    let (status, json) = write(
        &f.app,
        write_request(
            "POST",
            "/api/documents?id=page-2",
            Some(KEY),
            "text/html",
            html,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    let (_, json) = get(&f.app, "/api/search?q=%22buon+ma+thuot%22").await;
    assert_eq!(ids(&json["hits"]), ["page-1"]);
    let (_, json) = get(
        &f.app,
        "/api/search?q=%22thuy%E1%BB%81n+%C4%91%E1%BB%99c+m%E1%BB%99c%22",
    )
    .await;
    assert_eq!(ids(&json["hits"]), ["page-2"]);
}

#[tokio::test]
async fn bad_posts_are_400_or_415() {
    let f = writable();
    for (uri, content_type, body, status, needle) in [
        (
            "/api/documents",
            "text/plain",
            "text without id",
            StatusCode::BAD_REQUEST,
            "id",
        ),
        (
            "/api/documents",
            "application/json",
            "{not json",
            StatusCode::BAD_REQUEST,
            "JSON",
        ),
        (
            "/api/documents",
            "application/json",
            r#"{"title":"no id"}"#,
            StatusCode::BAD_REQUEST,
            "id",
        ),
        (
            "/api/documents",
            "application/json",
            r#"{"id":"empty"}"#,
            StatusCode::BAD_REQUEST,
            "body",
        ),
        (
            "/api/documents?id=x",
            "application/pdf",
            "%PDF",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content type",
        ),
    ] {
        let (got, json) = write(
            &f.app,
            write_request("POST", uri, Some(KEY), content_type, body),
        )
        .await;
        assert_eq!(got, status, "{content_type} {body}: {json}");
        assert!(json["error"].as_str().unwrap().contains(needle), "{json}");
    }
}

#[tokio::test]
async fn bodies_above_the_limit_are_413() {
    let f = fixture(
        true,
        Limits {
            max_body_bytes: 1024,
            ..Limits::default()
        },
    );
    let big = format!(
        r#"{{"id":"big","title":"t","body":"{}"}}"#,
        "chữ ".repeat(1000)
    );
    let (status, json) = write(
        &f.app,
        write_request(
            "POST",
            "/api/documents",
            Some(KEY),
            "application/json",
            &big,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(json["error"], "request body too large");
}

#[tokio::test]
async fn overload_is_503_and_operations_stay_up() {
    // No capacity at all: every API request is shed at once.
    let f = fixture(
        false,
        Limits {
            max_concurrent: 0,
            ..Limits::default()
        },
    );
    let (status, headers, body) = send(
        &f.app,
        Request::get("/api/search?q=x").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers.get(header::RETRY_AFTER).unwrap(), "1");
    let json: Value = serde_json::from_slice(&body).unwrap();
    assert!(json["error"].as_str().unwrap().contains("overloaded"));
    let (status, _) = get(&f.app, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn searches_run_while_writes_happen() {
    let f = writable();
    let mut tasks = Vec::new();
    for i in 0..4 {
        let app = f.app.clone();
        tasks.push(tokio::spawn(async move {
            let body = format!(
                r#"{{"id":"w-{i}","title":"Bài viết {i}","body":"Đồng bào Ba Na đón xuân."}}"#
            );
            write(
                &app,
                write_request(
                    "POST",
                    "/api/documents",
                    Some(KEY),
                    "application/json",
                    &body,
                ),
            )
            .await
            .0
        }));
        let app = f.app.clone();
        tasks.push(tokio::spawn(async move {
            get(&app, "/api/search?q=kon+tum").await.0
        }));
    }
    for t in tasks {
        let status = t.await.unwrap();
        assert!(
            status == StatusCode::OK || status == StatusCode::CREATED,
            "{status}"
        );
    }
    let (_, json) = get(&f.app, "/api/search?q=%22ba+na%22").await;
    assert_eq!(json["total"], 4);
}

#[tokio::test]
async fn healthz_metrics_and_openapi() {
    let f = read_only();
    let (status, json) = get(&f.app, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["status"], "ok");
    assert_eq!(json["documents"], 9);

    get(&f.app, "/api/search?q=kon+tum").await;
    get(&f.app, "/api/search?q=x&limit=500").await;
    get(&f.app, "/api/documents/kt-1").await;
    let (status, headers, body) = send(
        &f.app,
        Request::get("/metrics").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = String::from_utf8(body).unwrap();
    assert!(text.contains("tracuu_index_documents 9\n"), "{text}");
    assert!(
        text.contains(
            r#"tracuu_http_requests_total{route="/api/search",method="GET",status="200"} 1"#
        ),
        "{text}"
    );
    assert!(
        text.contains(
            r#"tracuu_http_requests_total{route="/api/search",method="GET",status="400"} 1"#
        ),
        "{text}"
    );
    assert!(
        text.contains(
            r#"tracuu_http_requests_total{route="/api/documents/{id}",method="GET",status="200"} 1"#
        ),
        "{text}"
    );
    assert!(text.contains(r#"tracuu_http_request_duration_seconds_count{route="/api/search",method="GET",status="200"} 1"#));

    let (status, json) = get(&f.app, "/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(json["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/search",
        "/api/documents",
        "/api/documents/{id}",
        "/api/documents/{id}/similar",
        "/api/suggest",
        "/healthz",
        "/metrics",
        "/openapi.json",
    ] {
        assert!(json["paths"][path].is_object(), "{path}");
    }
}

#[tokio::test]
async fn the_page_and_its_assets_are_served() {
    let f = read_only();
    for (uri, content_type, needle) in [
        ("/", "text/html; charset=utf-8", "Tìm kiếm"),
        (
            "/assets/app.js",
            "text/javascript; charset=utf-8",
            "/api/search",
        ),
        ("/assets/style.css", "text/css; charset=utf-8", "@media"),
    ] {
        let (status, headers, body) =
            send(&f.app, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(headers[header::CONTENT_TYPE], content_type, "{uri}");
        assert!(String::from_utf8(body).unwrap().contains(needle), "{uri}");
    }
}

#[tokio::test]
async fn cors_is_off_by_default_and_on_for_listed_origins() {
    let origin_request = || {
        Request::get("/api/search?q=x")
            .header(header::ORIGIN, "https://example.org")
            .body(Body::empty())
            .unwrap()
    };
    let f = read_only();
    let (_, headers, _) = send(&f.app, origin_request()).await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());

    let (_tmp, dir) = common::corpus_index();
    let state = AppState::new(Searcher::open(&dir).unwrap())
        .with_cors_origins(vec!["https://example.org".into()]);
    let (_, headers, _) = send(&router(state), origin_request()).await;
    assert_eq!(
        headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://example.org"
    );

    let state = AppState::new(Searcher::open(&dir).unwrap()).with_cors_origins(vec!["*".into()]);
    let (_, headers, _) = send(&router(state), origin_request()).await;
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
}

#[tokio::test]
async fn requests_beyond_the_concurrency_limit_are_shed() {
    let f = fixture(
        false,
        Limits {
            max_concurrent: 1,
            ..Limits::default()
        },
    );
    let one = || get(&f.app, "/api/search?q=kon+tum");
    // Polled in order within one task: the first holds the only permit while its search runs
    // on the blocking pool, so the others find no capacity and are answered 503 at once. On a
    // loaded machine the first search can finish before the others are polled, so try a few
    // rounds: every answer is 200 or 503, and contention yields a 503.
    let mut shed = None;
    for _ in 0..20 {
        let (a, b, c) = tokio::join!(one(), one(), one());
        for r in [&a, &b, &c] {
            assert!(
                r.0 == StatusCode::OK || r.0 == StatusCode::SERVICE_UNAVAILABLE,
                "{} {}",
                r.0,
                r.1
            );
        }
        assert_eq!(a.0, StatusCode::OK, "{}", a.1);
        if let Some(r) = [b, c]
            .into_iter()
            .find(|r| r.0 == StatusCode::SERVICE_UNAVAILABLE)
        {
            shed = Some(r);
            break;
        }
    }
    let shed = shed.expect("no request was shed in 20 rounds of 3 concurrent searches");
    assert_eq!(shed.1["error"], "server overloaded, retry later");
    // Capacity is back once the first is answered.
    assert_eq!(one().await.0, StatusCode::OK);
}

#[tokio::test]
async fn cors_preflight_is_answered_for_listed_origins() {
    let (_tmp, dir) = common::corpus_index();
    let state = AppState::new(Searcher::open(&dir).unwrap())
        .with_cors_origins(vec!["https://example.org".into()]);
    let preflight = Request::builder()
        .method("OPTIONS")
        .uri("/api/documents/x")
        .header(header::ORIGIN, "https://example.org")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "DELETE")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(&router(state), preflight).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://example.org"
    );
    assert!(headers[header::ACCESS_CONTROL_ALLOW_METHODS]
        .to_str()
        .unwrap()
        .contains("DELETE"));
}

/// `tracuu serve` as a process: answers on loopback, stops cleanly on SIGTERM.
#[cfg(unix)]
#[test]
fn serve_process_answers_and_stops_on_sigterm() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};

    let (_tmp, dir) = common::corpus_index();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tracuu"))
        .args(["serve", "--addr", "127.0.0.1:0", "--index"])
        .arg(&dir)
        .stderr(Stdio::piped())
        .spawn()
        .expect("start tracuu serve");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("read stderr");
    let addr = line
        .trim()
        .strip_prefix("tracuu: serving on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();

    let mut stream = std::net::TcpStream::connect(&addr).expect("connect");
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read answer");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(r#""documents":5"#), "{answer}");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("wait");
    assert!(status.success(), "{status}");
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert!(rest.contains("shutting down"), "{rest}");
}

#[tokio::test]
async fn with_a_diacritics_model_unaccented_queries_get_a_suggestion() {
    let (_tmp, dir) = http_fixture::tagged_index();
    let mut counts = tracuu::diacritics::Counts::new();
    for a in http_fixture::tagged_articles() {
        counts.add_text(&a.title);
        counts.add_text(&a.body);
    }
    let model = tracuu::diacritics::estimate(&counts, 1);
    let state = AppState::new(Searcher::open(&dir).unwrap()).with_diacritics(model);
    let app = router(state);

    let (status, json) = get(&app, "/api/search?q=chuyen+doi+so").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["suggestion"], "chuyển đổi số", "{json}");
    let (_, json) = get(&app, "/api/suggest?q=chuyen+doi").await;
    assert_eq!(json["restored"], "chuyển đổi", "{json}");
    // Typed with diacritics: nothing to restore.
    let (_, json) = get(&app, "/api/search?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i").await;
    assert!(json.get("suggestion").is_none(), "{json}");
    let (_, json) = get(&app, "/api/suggest?q=chuy%E1%BB%83n").await;
    assert!(json["restored"].is_null(), "{json}");

    // The searcher's own model: the index's diacritics.model (here trained on the index).
    tracuu::diacritics::train_index(&dir, None, None, false).unwrap();
    let app = router(AppState::new(Searcher::open(&dir).unwrap()));
    let (_, json) = get(&app, "/api/search?q=chuyen+doi+so").await;
    assert_eq!(json["suggestion"], "chuyển đổi số", "{json}");
    let (_, json) = get(&app, "/api/suggest?q=chuyen+doi").await;
    assert_eq!(json["restored"], "chuyển đổi", "{json}");

    // Without a model there is never a suggestion.
    let searcher = Searcher::open(&dir).unwrap().with_diacritics(None);
    let app = router(AppState::new(searcher));
    let (_, json) = get(&app, "/api/search?q=chuyen+doi+so").await;
    assert!(json.get("suggestion").is_none(), "{json}");
    let (_, json) = get(&app, "/api/suggest?q=chuyen+doi").await;
    assert!(json["restored"].is_null(), "{json}");
}

#[tokio::test]
async fn repeated_searches_come_from_the_cache_until_a_write() {
    let (_tmp, dir) = http_fixture::tagged_index();
    let searcher = Searcher::open(&dir).expect("open searcher");
    let index = searcher.index().clone();
    let app = router(
        AppState::new(searcher)
            .with_writes(Indexer::from_index(index).expect("writer"), KEY)
            .with_cache(16),
    );
    let search = |uri: &'static str| {
        let app = app.clone();
        async move {
            let (status, headers, body) =
                send(&app, Request::get(uri).body(Body::empty()).unwrap()).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            let cache = headers["x-cache"].to_str().unwrap().to_string();
            let json: Value = serde_json::from_slice(&body).expect("json");
            (cache, json)
        }
    };
    let uri = "/api/search?q=%22cong+chieng%22";
    let (first, before) = search(uri).await;
    let (second, again) = search(uri).await;
    assert_eq!((first.as_str(), second.as_str()), ("miss", "hit"));
    assert_eq!(before, again);
    assert_eq!(before["total"], 0);
    // Another request (a different page) is another entry.
    let (other, _) = search("/api/search?q=%22cong+chieng%22&offset=10").await;
    assert_eq!(other, "miss");

    let body =
        r#"{"id":"new-1","title":"Lễ hội cồng chiêng","body":"Nghệ nhân trình diễn cồng chiêng."}"#;
    let (status, _) = write(
        &app,
        write_request(
            "POST",
            "/api/documents",
            Some(KEY),
            "application/json",
            body,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (after_write, json) = search(uri).await;
    assert_eq!(after_write, "miss", "a write makes older answers stale");
    assert_eq!(ids(&json["hits"]), ["new-1"]);
}
