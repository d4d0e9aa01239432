//! [`ApiError`]: every way a JSON API call fails, as one type with one response shape
//! (`{"error": "…"}`) and one place that logs an internal cause.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};

use crate::access::Refusal;

/// Why an API call failed.
#[derive(Debug)]
pub enum ApiError {
    /// The credentials or the role do not allow it: 401 for a bad token, 403 otherwise.
    Refused(Refusal),
    /// The request itself is wrong: 400 with the reason, and its code
    /// ([`sync_core::api_error`]).
    BadRequest(&'static str, &'static str),
    /// What it names does not exist: 404 with the reason.
    NotFound(&'static str),
    /// Something on the relay failed (a poisoned lock, the database): 500. The cause is logged
    /// once, here; the client only hears "internal error".
    Internal(String),
}

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        ApiError::Refused(refusal)
    }
}

impl ApiError {
    /// An internal failure with its cause (for `map_err`).
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        ApiError::Internal(cause.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        use sync_core::api_error as code;
        let (status, message, code) = match self {
            ApiError::Refused(refusal) => {
                let (status, code) = match refusal {
                    Refusal::InvalidToken => (StatusCode::UNAUTHORIZED, code::INVALID_TOKEN),
                    Refusal::Forbidden => (StatusCode::FORBIDDEN, code::FORBIDDEN),
                    Refusal::LinkUsed => (StatusCode::GONE, code::LINK_USED),
                };
                (status, refusal.to_string(), code)
            }
            ApiError::BadRequest(reason, code) => {
                (StatusCode::BAD_REQUEST, reason.to_string(), code)
            }
            ApiError::NotFound(reason) => {
                (StatusCode::NOT_FOUND, reason.to_string(), code::NOT_FOUND)
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "api: internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error".to_string(),
                    code::INTERNAL,
                )
            }
        };
        (
            status,
            Json(serde_json::json!({ "error": message, "code": code })),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn answer(error: ApiError) -> (StatusCode, String) {
        let response = error.into_response();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 4096)
            .await
            .unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn each_failure_has_its_status_and_the_cause_stays_on_the_relay() {
        let invalid = answer(Refusal::InvalidToken.into()).await;
        assert_eq!(invalid.0, StatusCode::UNAUTHORIZED);
        assert_eq!(
            answer(Refusal::Forbidden.into()).await.0,
            StatusCode::FORBIDDEN
        );
        let (status, body) =
            answer(ApiError::BadRequest("role must be viewer", "bad-request")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            body,
            r#"{"code":"bad-request","error":"role must be viewer"}"#
        );
        let (status, body) = answer(Refusal::LinkUsed.into()).await;
        assert_eq!(status, StatusCode::GONE);
        assert!(body.contains(r#""code":"link-used""#), "{body}");
        assert_eq!(
            answer(ApiError::NotFound("x")).await.0,
            StatusCode::NOT_FOUND
        );
        let (status, body) = answer(ApiError::internal("locked at /secret/path")).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            body, r#"{"code":"internal","error":"internal error"}"#,
            "the cause is not sent"
        );
    }
}
