//! Test support for Essaim: a throwaway PostgreSQL server, a local SMTP sink, and the tools of
//! the browser tests.

pub mod browser;
pub mod postgres;
pub mod smtp;

pub use postgres::{server as postgres_server, PgServer};
pub use smtp::{ReceivedMail, SmtpSink};
