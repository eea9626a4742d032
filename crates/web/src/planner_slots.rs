//! The process-wide slots for the rotation planner's CPU-bound runs (team formation, the
//! World Café's seating). A run takes up to a few seconds of one core; without a bound, a
//! handful of organisers clicking at once would take every core from the other requests. Runs
//! beyond the slots wait their turn.

use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// How many planner runs go at once, whatever their context.
pub const SLOTS: usize = 2;

fn slots() -> &'static Semaphore {
    static SLOTS_SEMAPHORE: OnceLock<Semaphore> = OnceLock::new();
    SLOTS_SEMAPHORE.get_or_init(|| Semaphore::new(SLOTS))
}

/// Runs `f` on the blocking pool once a slot is free; the slot is held until `f` returns.
/// A panic in `f` is resumed in the caller.
pub async fn run<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    // The semaphore is never closed, so acquiring cannot fail.
    let _permit = slots()
        .acquire()
        .await
        .expect("planner slots are never closed");
    match tokio::task::spawn_blocking(f).await {
        Ok(v) => v,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_runs_than_slots_at_once() {
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut handles = vec![];
        for _ in 0..(SLOTS * 3) {
            let (running, most) = (running.clone(), most.clone());
            handles.push(tokio::spawn(run(move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(30));
                running.fetch_sub(1, Ordering::SeqCst);
            })));
        }
        for h in handles {
            h.await.unwrap();
        }
        let most = most.load(Ordering::SeqCst);
        assert!((1..=SLOTS).contains(&most), "{most} runs at once");
    }
}
