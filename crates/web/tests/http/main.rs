//! HTTP tests: every page and endpoint through a real server, on SQLite and on PostgreSQL.

mod common;

mod accounts;
mod api;
mod initiatives;
mod mail;
mod pages;
mod security;
mod structures;
