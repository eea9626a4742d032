//! HTTP tests: every page and endpoint through a real server, on SQLite and on PostgreSQL.

mod common;

mod accounts;
mod api;
mod authz;
mod blockers;
mod data;
mod deliberation;
mod deliberation_api;
mod exchange;
mod groups;
mod initiatives;
mod mail;
mod network;
mod news;
pub mod pages;
mod personal_data;
mod security;
mod sortition;
mod structures;
