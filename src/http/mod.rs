//! The HTTP API and the web page: `tracuu serve`.
//!
//! [`router`] builds the whole service from an [`AppState`]; tests drive it with
//! `tower::ServiceExt::oneshot`, [`serve`] runs it on a listener until [`shutdown_signal`].
//!
//! | Route | |
//! |---|---|
//! | `GET /` | the search page |
//! | `GET /api/search` | hits, facets, month histogram |
//! | `GET /api/documents/{id}` | one article with its body |
//! | `GET /api/documents/{id}/similar` | related coverage and near-duplicates |
//! | `GET /api/suggest?q=` | completions |
//! | `POST /api/documents`, `DELETE /api/documents/{id}` | writes (bearer key) |
//! | `GET /healthz`, `/metrics`, `/openapi.json` | operations |

mod cache;
mod error;
mod handlers;
mod metrics;
mod openapi;
pub mod wire;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::{BoxError, Router};
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use error::ApiError;
pub use metrics::Metrics;

use crate::diacritics::DiacriticModel;
use crate::index::Indexer;
use crate::search::Searcher;

/// Limits of the server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body, in bytes (413 above).
    pub max_body_bytes: usize,
    /// Longest time to answer a request (504 after).
    pub timeout: Duration,
    /// Requests handled at once by the API; more are refused with 503 at once.
    pub max_concurrent: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 2 * 1024 * 1024,
            timeout: Duration::from_secs(10),
            max_concurrent: 64,
        }
    }
}

/// What the handlers share: the searcher, the optional writer, metrics and configuration.
/// Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    searcher: Arc<Searcher>,
    /// The one writer of the index; writes are disabled without it.
    writer: Option<Arc<Mutex<Indexer>>>,
    api_key: Option<Arc<str>>,
    metrics: Arc<Metrics>,
    /// Overrides the searcher's diacritics model for suggestions ("did you mean", `restored`).
    diacritics: Option<Arc<DiacriticModel>>,
    limits: Limits,
    cors_origins: Vec<String>,
    /// Search answers kept for repeated searches (none by default).
    cache: Option<Arc<cache::ReplyCache>>,
}

impl AppState {
    /// A read-only state over `searcher`, default limits, CORS off.
    pub fn new(searcher: Searcher) -> AppState {
        AppState {
            searcher: Arc::new(searcher),
            writer: None,
            api_key: None,
            metrics: Arc::new(Metrics::default()),
            diacritics: None,
            limits: Limits::default(),
            cors_origins: Vec::new(),
            cache: None,
        }
    }

    /// Enables `POST`/`DELETE /api/documents` for clients sending `Authorization: Bearer
    /// <api_key>`. The indexer must write the index the searcher reads.
    pub fn with_writes(mut self, indexer: Indexer, api_key: impl Into<String>) -> AppState {
        self.writer = Some(Arc::new(Mutex::new(indexer)));
        self.api_key = Some(Arc::from(api_key.into()));
        self
    }

    /// Suggests with this model rather than the searcher's (the index's `diacritics.model`,
    /// else the general one): the search answer's `suggestion` ("did you mean") and the
    /// suggest answer's `restored`.
    pub fn with_diacritics(mut self, model: DiacriticModel) -> AppState {
        self.diacritics = Some(Arc::new(model));
        self
    }

    /// Keeps up to `entries` search answers for repeated searches (0: no cache). An answer
    /// is served from the cache only while the index has not changed since it was computed;
    /// such answers carry the header `x-cache: hit`.
    pub fn with_cache(mut self, entries: usize) -> AppState {
        self.cache = cache::ReplyCache::new(entries).map(Arc::new);
        self
    }

    /// Replaces the limits.
    pub fn with_limits(mut self, limits: Limits) -> AppState {
        self.limits = limits;
        self
    }

    /// Allows cross-origin requests from these origins (e.g. `https://example.org`; `*` for
    /// any). Values that are not valid header values are ignored.
    pub fn with_cors_origins(mut self, origins: Vec<String>) -> AppState {
        self.cors_origins = origins;
        self
    }

    /// The searcher.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }
}

/// The whole service: API, page, operations endpoints, limits, metrics and CORS.
pub fn router(state: AppState) -> Router {
    let limited = Router::new()
        .route("/api/search", get(handlers::search))
        .route("/api/suggest", get(handlers::suggest))
        .route(
            "/api/documents",
            axum::routing::post(handlers::post_document),
        )
        .route(
            "/api/documents/{id}",
            get(handlers::get_document).delete(handlers::delete_document),
        )
        .route("/api/documents/{id}/similar", get(handlers::similar))
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(layer_error))
                .load_shed()
                .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
                    state.limits.max_concurrent,
                ))
                .timeout(state.limits.timeout),
        );
    let mut app = Router::new()
        .route("/", get(handlers::index_page))
        .route("/assets/app.js", get(handlers::app_js))
        .route("/assets/style.css", get(handlers::style_css))
        .route("/healthz", get(handlers::healthz))
        .route("/metrics", get(handlers::metrics))
        .route("/openapi.json", get(handlers::openapi))
        .merge(limited)
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), track))
        .layer(DefaultBodyLimit::max(state.limits.max_body_bytes));
    let origins: Vec<HeaderValue> = state
        .cors_origins
        .iter()
        .filter(|o| o.as_str() != "*")
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    // tower-http panics on `*` in a list: it means any origin.
    let allow_origin = if state.cors_origins.iter().any(|o| o == "*") {
        Some(AllowOrigin::any())
    } else if origins.is_empty() {
        None
    } else {
        Some(AllowOrigin::list(origins))
    };
    if let Some(allow_origin) = allow_origin {
        app = app.layer(
            CorsLayer::new()
                .allow_origin(allow_origin)
                .allow_methods([Method::GET, Method::POST, Method::DELETE])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]),
        );
    }
    app.with_state(state)
}

/// Errors of the limit layers as API errors.
async fn layer_error(err: BoxError) -> ApiError {
    if err.is::<tower::load_shed::error::Overloaded>() {
        ApiError::Overloaded
    } else if err.is::<tower::timeout::error::Elapsed>() {
        ApiError::Timeout
    } else {
        ApiError::Internal(format!("middleware: {err}"))
    }
}

/// Records every request in the metrics, by route pattern and status.
async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.observe(
        &route,
        &method,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// Serves `router(state)` on `listener` until `shutdown` completes (see [`shutdown_signal`]),
/// then lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Completes on SIGINT or SIGTERM. The handlers are installed when this is called (inside a
/// tokio runtime), so a signal sent right after cannot be missed.
pub fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send> {
    #[cfg(unix)]
    let (mut interrupt, mut terminate) = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::interrupt())?,
            signal(SignalKind::terminate())?,
        )
    };
    Ok(async move {
        #[cfg(unix)]
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        eprintln!("tracuu serve: shutting down");
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    #[tokio::test]
    async fn limit_layer_errors_map_to_503_and_504() {
        let overloaded: BoxError = Box::new(tower::load_shed::error::Overloaded::new());
        assert_eq!(
            layer_error(overloaded).await.status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        let elapsed: BoxError = Box::new(tower::timeout::error::Elapsed::new());
        assert_eq!(
            layer_error(elapsed).await.status(),
            StatusCode::GATEWAY_TIMEOUT
        );
        let other: BoxError = "boom".into();
        let err = layer_error(other).await;
        assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(err.message(), "internal server error");
    }
}
