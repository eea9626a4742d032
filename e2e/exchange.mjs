// Browser journey: Offers and needs (skills, premises, equipment, volunteering, funding) and their matching.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {}
