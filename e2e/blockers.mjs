// Browser journey: Administrative blockers (hackers publics): reports, routing to public hackers, statuses and the aggregate view.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {}
