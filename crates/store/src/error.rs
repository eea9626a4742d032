/// What can go wrong in a store. Conflicts the domain cares about are named; the rest is the
/// database's own error, shown to people as a generic failure and logged in full.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("email_taken")]
    EmailTaken,
    #[error("already_member")]
    AlreadyMember,
    #[error("last_manager")]
    LastManager,
    #[error("already_exists")]
    AlreadyExists,
    #[error("not_found")]
    NotFound,
    /// The row is in a state that forbids the change (a panel already formed, a draw out of
    /// order…); the code names which, as `AppError::Conflict` codes do.
    #[error("{0}")]
    Conflict(&'static str),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// The in-memory catalogue index failed (crates/catalogue).
    #[error("catalogue index error: {0}")]
    Index(String),
}
