//! Throttling of sign-in, sign-up and password reset, per account and per address, with
//! counters in the database so that every process counts together. A sliding window
//! estimated from two fixed ones (the current count plus the previous window's, weighted by how
//! much of it still overlaps), so that a burst across a window edge is not let through twice.

use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Duration, DurationRound, Utc};
use essaim_store::utc_now;

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub name: &'static str,
    pub max: i64,
    pub window: Duration,
}

pub const SIGN_IN_PER_ACCOUNT: Limit = Limit {
    name: "signin:account",
    max: 10,
    window: Duration::minutes(15),
};
pub const SIGN_IN_PER_ADDRESS: Limit = Limit {
    name: "signin:ip",
    max: 50,
    window: Duration::minutes(15),
};
pub const SIGN_UP_PER_ADDRESS: Limit = Limit {
    name: "signup:ip",
    max: 10,
    window: Duration::hours(1),
};
pub const RESET_PER_ACCOUNT: Limit = Limit {
    name: "reset:account",
    max: 5,
    window: Duration::hours(1),
};
pub const RESET_PER_ADDRESS: Limit = Limit {
    name: "reset:ip",
    max: 20,
    window: Duration::hours(1),
};

fn window_start(now: DateTime<Utc>, window: Duration) -> DateTime<Utc> {
    now.duration_trunc(window).unwrap_or(now)
}

/// Counts one attempt; refuses with 429 and the seconds to wait once over the limit.
pub async fn check(state: &AppState, limit: Limit, who: &str) -> Result<(), AppError> {
    let now = utc_now();
    let start = window_start(now, limit.window);
    let key = format!("{}:{}", limit.name, who);
    let count = state.store.hit(&key, start).await?;
    let previous = state
        .store
        .throttle_count(&key, start - limit.window)
        .await?;
    if estimate(count, previous, now - start, limit.window) > limit.max as f64 {
        let retry_after_secs = (start + limit.window - now).num_seconds().max(1);
        return Err(AppError::Throttled { retry_after_secs });
    }
    Ok(())
}

/// The attempts in the sliding window ending now.
fn estimate(current: i64, previous: i64, into_window: Duration, window: Duration) -> f64 {
    let overlap = 1.0 - into_window.num_milliseconds() as f64 / window.num_milliseconds() as f64;
    current as f64 + previous as f64 * overlap.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_burst_across_a_window_edge_still_counts() {
        let w = Duration::minutes(15);
        assert_eq!(estimate(1, 10, Duration::seconds(0), w), 11.0);
        assert_eq!(estimate(1, 10, Duration::minutes(15), w), 1.0);
        assert!((estimate(3, 10, Duration::seconds(450), w) - 8.0).abs() < 1e-9);
    }

    #[test]
    fn windows_start_on_round_times() {
        let t = Utc.with_ymd_and_hms(2026, 11, 24, 6, 47, 13).unwrap();
        assert_eq!(
            window_start(t, Duration::minutes(15)),
            Utc.with_ymd_and_hms(2026, 11, 24, 6, 45, 0).unwrap()
        );
        assert_eq!(
            window_start(t, Duration::hours(1)),
            Utc.with_ymd_and_hms(2026, 11, 24, 6, 0, 0).unwrap()
        );
    }
}
