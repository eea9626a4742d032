//! Test support for Essaim: a throwaway PostgreSQL server and a local SMTP sink.

pub mod postgres;
pub mod smtp;

pub use postgres::{server as postgres_server, PgServer};
pub use smtp::{ReceivedMail, SmtpSink};
