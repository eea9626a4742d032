// Browser journey: Curated news (veille): links shared in groups with a comment and tags, searchable, with Atom feeds.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {}
