/// Why a value was refused. `code` is stable snake_case: it is the key of the French and English
/// message shown to people and the `code` of JSON errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{code}")]
pub struct Invalid {
    pub code: &'static str,
}

impl Invalid {
    pub const fn new(code: &'static str) -> Self {
        Invalid { code }
    }
}

/// The refusals of one form or payload, one per field, in the order of the fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(&'static str, Invalid)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value when valid; records the refusal under `field` otherwise.
    pub fn check<T>(&mut self, field: &'static str, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e);
                None
            }
        }
    }

    pub fn add(&mut self, field: &'static str, invalid: Invalid) {
        if !self.0.iter().any(|(f, _)| *f == field) {
            self.0.push((field, invalid));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<Invalid> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, i)| *i)
    }
}
