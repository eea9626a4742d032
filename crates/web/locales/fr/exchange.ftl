## Offers and needs (skills, premises, equipment, volunteering, funding) and their matching.

