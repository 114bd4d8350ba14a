//! Logging: requests, retries and statuses are logged through `tracing`; the API key never is,
//! in any form, even at TRACE level for every crate (HTTP internals included).

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use base64::Engine;
use feedrail::{Client, CompanyRequest};
use feedrail_sandbox::{FaultConfig, Sandbox, SandboxConfig};
use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn logs_requests_and_retries_but_never_the_key() {
    let key = "live-key-Zq8v1S3cr3t";
    let sandbox = Sandbox::start(SandboxConfig {
        api_keys: vec![key.to_owned()],
        ..SandboxConfig::for_tests()
    })
    .await
    .unwrap();
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(capture.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let client = Client::builder()
        .api_key(key)
        .base_url(sandbox.url())
        .retry(common::quick_retries())
        .build()
        .unwrap();
    sandbox
        .set_faults(FaultConfig {
            seed: 3,
            error_500: 0.5,
            ..FaultConfig::default()
        })
        .unwrap();
    for _ in 0..6 {
        client
            .create_company(&CompanyRequest {
                name: "Logged".into(),
                description: None,
            })
            .await
            .unwrap();
    }
    let failed = client.get_company("nope").await.unwrap_err();
    tracing::info!(error = %failed, debug = ?client, "done");

    let text = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("retrying"), "retries are logged");
    assert!(text.contains("status=500"), "statuses are logged");
    assert!(text.contains("POST /companies"), "requests are logged");
    let encoded = base64::engine::general_purpose::STANDARD.encode(key);
    for secret in [key, encoded.as_str()] {
        assert!(
            !text.contains(secret),
            "the key leaked into the logs as {secret:?}"
        );
    }
}
