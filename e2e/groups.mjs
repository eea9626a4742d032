// Browser journey: Groups by territory or theme, their threads and replies, follows, mentions, e-mail notifications and moderation.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {}
