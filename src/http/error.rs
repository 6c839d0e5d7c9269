//! [`ApiError`]: every error of the HTTP API, as a status and a JSON `{"error": "..."}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::Error;

/// An error answered to a client. Internal errors are logged to stderr and answered with a
/// generic message: no paths, causes or stack traces leave the server.
#[derive(Debug)]
pub enum ApiError {
    /// 400: a bad parameter or query, with what was wrong.
    BadRequest(String),
    /// 401: no `Authorization: Bearer` header.
    Unauthorized,
    /// 403: wrong key, or writes disabled.
    Forbidden(String),
    /// 404: no such document or route.
    NotFound(String),
    /// 405: a known path with another method.
    MethodNotAllowed,
    /// 413: the request body is over the limit.
    PayloadTooLarge,
    /// 415: a body type the endpoint does not read.
    UnsupportedMediaType(String),
    /// 503: too many requests at once.
    Overloaded,
    /// 504: the request took longer than the server allows.
    Timeout,
    /// 500: logged, answered generically.
    Internal(String),
}

impl ApiError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Timeout => StatusCode::GATEWAY_TIMEOUT,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message sent to the client.
    pub fn message(&self) -> String {
        match self {
            ApiError::BadRequest(m)
            | ApiError::Forbidden(m)
            | ApiError::NotFound(m)
            | ApiError::UnsupportedMediaType(m) => m.clone(),
            ApiError::Unauthorized => "missing Authorization: Bearer <key> header".into(),
            ApiError::MethodNotAllowed => "method not allowed on this path".into(),
            ApiError::PayloadTooLarge => "request body too large".into(),
            ApiError::Overloaded => "server overloaded, retry later".into(),
            ApiError::Timeout => "request timed out".into(),
            ApiError::Internal(_) => "internal server error".into(),
        }
    }
}

impl From<Error> for ApiError {
    fn from(err: Error) -> ApiError {
        match err {
            Error::BadQuery(_) | Error::BadParameter { .. } => {
                ApiError::BadRequest(err.to_string())
            }
            Error::UnknownId(_) => ApiError::NotFound(err.to_string()),
            Error::BadInput { .. } => ApiError::BadRequest(err.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(err: tokio::task::JoinError) -> ApiError {
        ApiError::Internal(format!("blocking task failed: {err}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            eprintln!("tracuu serve: internal error: {detail}");
        }
        let status = self.status();
        let mut response =
            (status, Json(serde_json::json!({ "error": self.message() }))).into_response();
        let headers = response.headers_mut();
        match self {
            ApiError::Unauthorized => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::Overloaded => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        response
    }
}
