//! Offers and needs (skills, premises, equipment, volunteering, funding) and their matching.
//!
//! The rules shared by pages and API.
