## Administrative blockers (hackers publics): reports, routing to public hackers, statuses and the aggregate view.

