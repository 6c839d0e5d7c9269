//! Request handlers. Index work is blocking: reads run in [`read_blocking`], writes in
//! `spawn_blocking`.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;

use super::error::ApiError;
use super::wire::{
    self, ArticleInput, ParamError, PostParams, SearchParams, SearchReply, SimilarParams,
    SuggestParams, SuggestReply, WriteReply, SUGGEST_LIMIT,
};
use super::AppState;
use crate::ingest::{self, PageHints, RawContent, RawDoc};
use crate::search::{parse_date_bound, Hit, Similar};
use crate::Article;

impl From<ParamError> for ApiError {
    fn from(err: ParamError) -> ApiError {
        ApiError::BadRequest(err.0)
    }
}

/// Runs index reading work on a blocking thread (one per core by default, see
/// `serve --search-threads`). Work that waited in the queue past the request's time limit is
/// dropped unstarted: its client has had a 504 already, and it would only hold up the requests
/// queued behind it.
async fn read_blocking<T: Send + 'static>(
    limit: std::time::Duration,
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let queued = std::time::Instant::now();
    tokio::task::spawn_blocking(move || {
        if queued.elapsed() >= limit {
            return Err(ApiError::Timeout);
        }
        work()
    })
    .await?
}

fn path_id(id: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    id.map(|Path(id)| id)
        .map_err(|e| ApiError::BadRequest(format!("bad document id: {}", e.body_text())))
}

fn query_params<T>(params: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    params
        .map(|Query(p)| p)
        .map_err(|e| ApiError::BadRequest(format!("bad query string: {}", e.body_text())))
}

/// `GET /api/search`: a page of hits with facets and the month histogram.
pub async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let mut request = wire::to_request(&query_params(params)?)?;
    request.histogram = true;
    let (body, cached) = read_blocking(state.limits.timeout, move || {
        let searcher = &state.searcher;
        // The generation is read before searching: an answer computed while a write lands
        // is kept under the older generation, and so never served after the write.
        let generation = searcher.generation();
        let key = serde_json::to_string(&request).map_err(crate::Error::from)?;
        if let Some(body) = state.cache.as_ref().and_then(|c| c.get(&key, generation)) {
            return Ok((body, true));
        }
        let mut response = searcher.search(&request)?;
        let histogram = response.histogram.take().unwrap_or_default();
        if state.diacritics.is_some() {
            response.suggestion = restore(&state, &request.query);
        }
        let reply = SearchReply {
            response,
            histogram,
        };
        let body = Bytes::from(serde_json::to_vec(&reply).map_err(crate::Error::from)?);
        if let Some(cache) = &state.cache {
            cache.put(key, generation, body.clone());
        }
        Ok((body, false))
    })
    .await?;
    let cache = if cached { "hit" } else { "miss" };
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::HeaderName::from_static("x-cache"), cache),
        ],
        body,
    )
        .into_response())
}

/// `GET /api/documents/{id}`: the hit object with the body.
pub async fn get_document(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Hit>, ApiError> {
    let id = path_id(id)?;
    let searcher = state.searcher.clone();
    let hit = read_blocking(state.limits.timeout, move || Ok(searcher.get_hit(&id)?)).await?;
    Ok(Json(hit))
}

/// `GET /api/documents/{id}/similar`: related coverage and near-duplicates.
pub async fn similar(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    params: Result<Query<SimilarParams>, QueryRejection>,
) -> Result<Json<Similar>, ApiError> {
    let id = path_id(id)?;
    let limit = wire::similar_limit(&query_params(params)?)?;
    let searcher = state.searcher.clone();
    let similar = read_blocking(state.limits.timeout, move || {
        Ok(searcher.similar(&id, limit)?)
    })
    .await?;
    Ok(Json(similar))
}

/// `GET /api/suggest`: completions of a prefix.
pub async fn suggest(
    State(state): State<AppState>,
    params: Result<Query<SuggestParams>, QueryRejection>,
) -> Result<Json<SuggestReply>, ApiError> {
    let q = query_params(params)?.q.unwrap_or_default();
    if q.chars().count() > wire::MAX_QUERY_CHARS {
        return Err(ApiError::BadRequest(format!(
            "bad parameter q: above the maximum {} characters",
            wire::MAX_QUERY_CHARS
        )));
    }
    let input = q.clone();
    let (completions, restored) = read_blocking(state.limits.timeout, move || {
        let completions = state.searcher.suggest(&input, SUGGEST_LIMIT)?;
        Ok((completions, restore(&state, &input)))
    })
    .await?;
    Ok(Json(SuggestReply {
        q,
        completions,
        restored,
    }))
}

/// The text with its diacritics restored, when it has none and restoring changes something
/// (by the server's override model, else the searcher's). Blocking.
fn restore(state: &AppState, text: &str) -> Option<String> {
    match &state.diacritics {
        Some(model) => model.suggest(text),
        None => state.searcher.suggestion(text),
    }
}

/// Checks `Authorization: Bearer <key>`: 403 when writes are disabled or the key is wrong,
/// 401 when there is no bearer key.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.api_key.as_deref() else {
        return Err(ApiError::Forbidden(
            "writes are disabled: start the server with --api-key-file".into(),
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(ApiError::Unauthorized)?;
    if constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::Forbidden("wrong API key".into()))
    }
}

/// Compares without stopping at the first difference, so timing does not reveal the key.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::BadRequest(format!("cannot read the request body: {}", e.body_text()))
        }
    })
}

/// `POST /api/documents`: adds or replaces an article, visible to searches on return.
pub async fn post_document(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<PostParams>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    authorize(&state, &headers)?;
    let params = query_params(params)?;
    let body = body_bytes(body)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mime = content_type.split(';').next().unwrap_or("").trim();
    let (raw, declared_date) = match mime {
        "application/json" => {
            let input: ArticleInput = serde_json::from_slice(&body)
                .map_err(|e| ApiError::BadRequest(format!("bad JSON article: {e}")))?;
            let date = input.published.clone();
            (wire::record_doc(input)?, date)
        }
        "text/plain" | "text/html" => {
            let id = params
                .id
                .map(|id| id.trim().to_string())
                .filter(|id| !id.is_empty())
                .ok_or_else(|| {
                    ApiError::BadRequest("bad parameter id: required for a raw page".into())
                })?;
            let text = std::str::from_utf8(&body)
                .map_err(|_| ApiError::BadRequest("the body is not UTF-8".into()))?;
            let (text, hints) = if mime == "text/html" {
                html_page(text)
            } else {
                (text.to_string(), PageHints::default())
            };
            if text.trim().is_empty() {
                return Err(ApiError::BadRequest("the page has no text".into()));
            }
            let date = hints.published.clone();
            let raw = RawDoc {
                origin: format!("POST /api/documents ({id})"),
                id,
                content: RawContent::Page { text, hints },
            };
            (raw, date)
        }
        other => {
            return Err(ApiError::UnsupportedMediaType(format!(
                "content type {other:?} is not application/json, text/plain or text/html"
            )))
        }
    };
    let article = article_of(&raw, declared_date.as_deref());
    let Some(writer) = state.writer.clone() else {
        return Err(ApiError::Forbidden("writes are disabled".into()));
    };
    let searcher = state.searcher.clone();
    let id = article.id.clone();
    let updated = tokio::task::spawn_blocking(move || -> crate::Result<bool> {
        let mut indexer = writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let updated = indexer.add(&article)?;
        indexer.commit()?;
        searcher.reload()?;
        Ok(updated)
    })
    .await??;
    let (status, word) = if updated {
        (StatusCode::OK, "updated")
    } else {
        (StatusCode::CREATED, "created")
    };
    Ok((status, Json(WriteReply { id, status: word })).into_response())
}

/// Extracts the article, keeping a date the client declared when extraction found none.
fn article_of(raw: &RawDoc, declared_date: Option<&str>) -> Article {
    let mut article = ingest::extract(raw);
    if article.published.is_none() {
        article.published = declared_date.and_then(|d| {
            time::OffsetDateTime::parse(d, &time::format_description::well_known::Rfc3339)
                .ok()
                .or_else(|| parse_date_bound(d, false))
        });
    }
    article
}

/// The text of an HTML page (one line per block) and what its head declares.
fn html_page(html: &str) -> (String, PageHints) {
    let doc = scraper::Html::parse_document(html);
    let first = |css: &str, attr: Option<&str>| -> Option<String> {
        let selector = scraper::Selector::parse(css).ok()?;
        let element = doc.select(&selector).next()?;
        let value = match attr {
            Some(a) => element.value().attr(a)?.to_string(),
            None => element.text().collect::<String>(),
        };
        Some(value.trim().to_string()).filter(|v| !v.is_empty())
    };
    let hints = PageHints {
        title: first("meta[property='og:title']", Some("content")).or_else(|| first("title", None)),
        published: first("meta[property='article:published_time']", Some("content")),
        author: first("meta[name='author']", Some("content")),
        url: first("link[rel='canonical']", Some("href")),
        site_name: first("meta[property='og:site_name']", Some("content")),
    };
    let mut lines: Vec<String> = Vec::new();
    if let Ok(blocks) =
        scraper::Selector::parse("h1, h2, h3, h4, p, li, blockquote, figcaption, pre, td")
    {
        for element in doc.select(&blocks) {
            let line = element.text().collect::<String>();
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if !line.is_empty() {
                lines.push(line);
            }
        }
    }
    if lines.is_empty() {
        if let Ok(body) = scraper::Selector::parse("body") {
            for element in doc.select(&body) {
                lines.extend(
                    element
                        .text()
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string),
                );
            }
        }
    }
    (lines.join("\n"), hints)
}

/// `DELETE /api/documents/{id}`: removes an article, gone from searches on return.
pub async fn delete_document(
    State(state): State<AppState>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<WriteReply>, ApiError> {
    let id = path_id(id)?;
    authorize(&state, &headers)?;
    let Some(writer) = state.writer.clone() else {
        return Err(ApiError::Forbidden("writes are disabled".into()));
    };
    let searcher = state.searcher.clone();
    let key = id.clone();
    let existed = tokio::task::spawn_blocking(move || -> crate::Result<bool> {
        let mut indexer = writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let existed = indexer.delete(&key)?;
        if existed {
            indexer.commit()?;
            searcher.reload()?;
        }
        Ok(existed)
    })
    .await??;
    if !existed {
        return Err(crate::Error::UnknownId(id).into());
    }
    Ok(Json(WriteReply {
        id,
        status: "deleted",
    }))
}

/// `GET /healthz`.
pub async fn healthz(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok", "documents": state.searcher.num_docs() }))
}

/// `GET /metrics`: Prometheus text.
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(state.searcher.num_docs()),
    )
}

/// `GET /openapi.json`.
pub async fn openapi() -> Json<serde_json::Value> {
    Json(super::openapi::document())
}

/// `GET /`: the search page.
pub async fn index_page() -> Html<&'static str> {
    Html(include_str!("assets/index.html"))
}

/// `GET /assets/app.js`.
pub async fn app_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("assets/app.js"),
    )
}

/// `GET /assets/style.css`.
pub async fn style_css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("assets/style.css"),
    )
}

/// Any other path: a JSON 404.
pub async fn not_found() -> ApiError {
    ApiError::NotFound("no such route".into())
}

/// A known path with another method: a JSON 405.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_pages_become_lines_and_hints() {
        let (text, hints) = html_page(
            "<html><head><title>T</title><meta property='article:published_time' \
             content='2021-11-05T08:00:00+07:00'></head><body><script>x()</script>\
             <h1>Tiêu đề</h1><p>Đoạn <b>một</b>.</p><p>Đoạn hai.</p></body></html>",
        );
        assert_eq!(text, "Tiêu đề\nĐoạn một.\nĐoạn hai.");
        assert_eq!(hints.title.as_deref(), Some("T"));
        assert_eq!(
            hints.published.as_deref(),
            Some("2021-11-05T08:00:00+07:00")
        );
    }

    #[tokio::test]
    async fn reading_work_queued_past_the_time_limit_is_dropped() {
        let dropped = read_blocking(std::time::Duration::ZERO, || Ok(1)).await;
        assert!(matches!(dropped, Err(ApiError::Timeout)), "{dropped:?}");
        let done = read_blocking(std::time::Duration::from_secs(60), || Ok(1)).await;
        assert!(matches!(done, Ok(1)), "{done:?}");
    }

    #[test]
    fn keys_compare_exactly() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
