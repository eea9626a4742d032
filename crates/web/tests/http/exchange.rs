//! Offers and needs (skills, premises, equipment, volunteering, funding) and their matching.: pages and API through HTTP, on both backends.
