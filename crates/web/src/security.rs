//! Headers and limits every response goes through: Content-Security-Policy, nosniff, frame
//! denial, no referrer; a request timeout; and one concurrency limit shared by all routes.

use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderValue, StatusCode};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::{MAX_CONCURRENT_REQUESTS, REQUEST_TIMEOUT};

/// Scripts, styles and images only from this server, no inline script or style, no framing.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
    connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The security headers and limits as one stack, outermost first.
pub type Layers = ServiceBuilder<
    Stack<
        GlobalConcurrencyLimitLayer,
        Stack<
            TimeoutLayer,
            Stack<SetHeader, Stack<SetHeader, Stack<SetHeader, Stack<SetHeader, Identity>>>>,
        >,
    >,
>;

type SetHeader = SetResponseHeaderLayer<HeaderValue>;

/// The headers and limits every response goes through. The router applies them with the rest
/// of its middleware in one `Router::layer` call: each call boxes every route again, and each
/// box costs a clone and an allocation per request.
pub fn layers() -> Layers {
    ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(GlobalConcurrencyLimitLayer::new(MAX_CONCURRENT_REQUESTS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::http::Request;
    use axum::routing::get;
    use tower::ServiceExt;

    #[tokio::test(start_paused = true)]
    async fn slow_requests_time_out_with_headers() {
        let app = Router::new()
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(REQUEST_TIMEOUT * 3).await;
                    "late"
                }),
            )
            .layer(layers());
        let res = app
            .oneshot(Request::get("/slow").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(res.headers()[X_FRAME_OPTIONS], "DENY");
        assert_eq!(res.headers()[CONTENT_SECURITY_POLICY], CSP);
    }
}
