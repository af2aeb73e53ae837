//! Who the document says stated each sentence.
//! (Being written: see issue #3.)

use sitrep_model::{Entity, Sentence, Speaker};

/// Attribute sentences to their speakers.
pub fn annotate(_text: &str, _sentences: &[Sentence], _entities: &[Entity]) -> Vec<Speaker> {
    Vec::new()
}
