//! Request metrics in the Prometheus text exposition format (written by hand: it is small).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency histogram buckets, in seconds.
pub const BUCKETS: [f64; 11] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Debug, Clone, Default)]
struct Series {
    /// Observations at or below each bucket bound (cumulative when rendered).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_secs: f64,
}

/// Request counts and latencies by route, method and status.
#[derive(Debug, Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    /// Records one answered request. `route` is the matched route pattern (not the path, so
    /// that ids do not make a series each).
    pub fn observe(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        let secs = elapsed.as_secs_f64();
        let mut series = self
            .series
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let s = series
            .entry((route.to_string(), method.to_string(), status))
            .or_default();
        s.count += 1;
        s.sum_secs += secs;
        if let Some(i) = BUCKETS.iter().position(|b| secs <= *b) {
            s.buckets[i] += 1;
        }
    }

    /// The metrics as Prometheus text, with the index's document count.
    pub fn render(&self, num_docs: u64) -> String {
        let series = self
            .series
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "# HELP tracuu_index_documents Documents searchable now."
        );
        let _ = writeln!(out, "# TYPE tracuu_index_documents gauge");
        let _ = writeln!(out, "tracuu_index_documents {num_docs}");
        let _ = writeln!(
            out,
            "# HELP tracuu_http_requests_total HTTP requests answered."
        );
        let _ = writeln!(out, "# TYPE tracuu_http_requests_total counter");
        for ((route, method, status), s) in series.iter() {
            let _ = writeln!(
                out,
                "tracuu_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {}",
                escape(route),
                escape(method),
                s.count
            );
        }
        let _ = writeln!(
            out,
            "# HELP tracuu_http_request_duration_seconds Time to answer HTTP requests."
        );
        let _ = writeln!(out, "# TYPE tracuu_http_request_duration_seconds histogram");
        for ((route, method, status), s) in series.iter() {
            let labels = format!(
                "route=\"{}\",method=\"{}\",status=\"{status}\"",
                escape(route),
                escape(method)
            );
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(s.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "tracuu_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "tracuu_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "tracuu_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum_secs
            );
            let _ = writeln!(
                out,
                "tracuu_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        out
    }
}

/// Escapes a label value: backslash, double quote and newline.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_cumulative_buckets() {
        let m = Metrics::default();
        m.observe("/api/search", "GET", 200, Duration::from_millis(3));
        m.observe("/api/search", "GET", 200, Duration::from_millis(30));
        m.observe("/api/search", "GET", 400, Duration::from_secs(20));
        let text = m.render(5);
        assert!(text.contains("tracuu_index_documents 5\n"));
        assert!(text.contains(
            "tracuu_http_requests_total{route=\"/api/search\",method=\"GET\",status=\"200\"} 2\n"
        ));
        assert!(
            text.contains("route=\"/api/search\",method=\"GET\",status=\"200\",le=\"0.005\"} 1\n")
        );
        assert!(
            text.contains("route=\"/api/search\",method=\"GET\",status=\"200\",le=\"0.05\"} 2\n")
        );
        assert!(text.contains("route=\"/api/search\",method=\"GET\",status=\"400\",le=\"10\"} 0\n"));
        assert!(
            text.contains("route=\"/api/search\",method=\"GET\",status=\"400\",le=\"+Inf\"} 1\n")
        );
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
