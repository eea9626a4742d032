// Browser journey: The network's relations: the banner (charter) signed by structures, labels granted by the labelling committee, and accompaniment of initiatives by labelled support structures.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {}
