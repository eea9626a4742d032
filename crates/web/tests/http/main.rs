//! HTTP tests: every page and endpoint through a real server, on SQLite and on PostgreSQL.

mod common;

mod accounts;
mod api;
mod authz;
mod data;
mod deliberation;
mod deliberation_api;
mod initiatives;
mod mail;
pub mod pages;
mod personal_data;
mod security;
mod sortition;
mod structures;
