//! Throttling of sign-in, sign-up and password reset, per account and per address, with
//! counters in the database so that every process counts together. Fixed windows: simple,
//! and an attacker gets at most twice the limit across a window edge.

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
    if count > limit.max {
        let retry_after_secs = (start + limit.window - now).num_seconds().max(1);
        return Err(AppError::Throttled { retry_after_secs });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

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
