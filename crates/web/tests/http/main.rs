//! HTTP tests: every page and endpoint through a real server, on SQLite and on PostgreSQL.

mod common;

mod accounts;
mod api;
mod assessment;
mod authz;
mod barometer;
mod blockers;
mod cafe;
mod collecte;
mod data;
mod defis;
mod deliberation;
mod deliberation_api;
mod events;
mod exchange;
mod funding;
mod groups;
mod hackathons;
mod impact;
mod initiatives;
mod jury;
mod mail;
mod network;
mod news;
mod outcomes;
pub mod pages;
mod personal_data;
mod review;
mod security;
mod sortition;
mod structures;
