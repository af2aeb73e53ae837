//! Named entities and actors, with one canonical name across spellings.
//! (Being written: see issue #3.)

use sitrep_model::{Entity, Sentence};

/// The actor lexicon and the matchers built from it.
#[derive(Clone, Debug, Default)]
pub struct Entities {}

impl Entities {
    pub fn builtin() -> Entities {
        Entities {}
    }

    /// Find the entities of `text`.
    pub fn annotate(&self, _text: &str, _sentences: &[Sentence]) -> Vec<Entity> {
        Vec::new()
    }
}
