//! Administrative blockers (hackers publics): reports, routing to public hackers, statuses and the aggregate view.: pages and API through HTTP, on both backends.
