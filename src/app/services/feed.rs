//! Fetches a feed and reads it with the domain's validator.

use gloo_net::http::Request;

use crate::app::error::LoadError;
use crate::domain::{read_issue, Decoded};

/// Fetches the feed at `url` and decodes it.
pub async fn load(url: &str) -> Result<Decoded, LoadError> {
    let unreachable = || LoadError::Unreachable { url: url.to_owned() };
    let response = Request::get(url).send().await.map_err(|_| unreachable())?;
    let status = response.status();
    if status == 404 || status == 410 {
        return Err(LoadError::NotFound {
            url: url.to_owned(),
            status,
        });
    }
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_owned(),
            status,
        });
    }
    let text = response.text().await.map_err(|_| unreachable())?;
    read_issue(&text).map_err(|error| LoadError::Invalid {
        url: url.to_owned(),
        error,
    })
}
