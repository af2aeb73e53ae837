//! Annotators of cleaned text: sentences, time expressions, event mentions.
//!
//! Each layer holds byte spans into [`Document::text`]. The [`Annotator`]
//! runs them in order, each reading the layers before it.
//!
//! ```
//! use sitrep_extract::Annotator;
//! use sitrep_model::{DocId, Document, EventType, OffsetMap};
//!
//! let text = "Rockets struck the base on Wednesday evening. Nobody was hurt.";
//! let mut doc = Document {
//!     id: DocId("d".into()), path: "d".into(), title: None,
//!     published: Some("2020-03-13".parse()?), outlet: None, author: None, url: None, language: None,
//!     text: text.into(), offsets: OffsetMap::identity(text.len()),
//!     dropped: vec![], warnings: vec![], annotations: None,
//! };
//! Annotator::default().annotate(&mut doc);
//! let layers = doc.annotations.expect("annotated");
//! assert_eq!(layers.sentences.len(), 2);
//! assert_eq!(layers.times[0].value, "2020-03-11");
//! assert_eq!(layers.mentions[0].event_type, EventType::ExplosionsRemoteViolence);
//! # Ok::<(), jiff::Error>(())
//! ```

pub mod entities;
pub mod mentions;
pub mod quantities;
pub mod sentences;
pub mod speakers;
pub mod times;
pub mod words;

use std::sync::LazyLock;

use sitrep_model::{Annotations, Document, Sentence, Span};

pub use entities::Entities;
pub use mentions::{TriggerError, Triggers};
pub use words::Words;

/// Runs every annotator over a document.
#[derive(Clone, Debug)]
pub struct Annotator {
    triggers: Triggers,
    entities: Entities,
}

impl Default for Annotator {
    fn default() -> Annotator {
        static TRIGGERS: LazyLock<Triggers> = LazyLock::new(Triggers::builtin);
        static ENTITIES: LazyLock<Entities> = LazyLock::new(Entities::builtin);
        Annotator { triggers: TRIGGERS.clone(), entities: ENTITIES.clone() }
    }
}

impl Annotator {
    /// This annotator with another trigger lexicon.
    pub fn with_triggers(self, triggers: Triggers) -> Annotator {
        Annotator { triggers, ..self }
    }

    /// This annotator with another actor lexicon.
    pub fn with_entities(self, entities: Entities) -> Annotator {
        Annotator { entities, ..self }
    }

    /// Fill `doc.annotations` from `doc.text`, and give back the words of
    /// the text for the layers that come after (places).
    pub fn annotate(&self, doc: &mut Document) -> Words {
        let text = doc.text.as_str();
        let sentences = sentences::split(text);
        let times = times::annotate(text, &sentences, doc.published);
        let words = Words::new(text);
        let entities = self.entities.annotate(text, &words, &sentences);
        let quantities = quantities::annotate(text, &sentences);
        let speakers = speakers::annotate(text, &words, &sentences, &entities);
        let mentions = mentions::annotate(text, &sentences, &times, &self.triggers, doc.published.map(Into::into));
        // The headline, read as one sentence: what a body lost in the
        // scrape ("Teen shot while playing with gun") still tells. Its
        // mentions' dates are only those it writes ("Thursday night
        // shooting"), not the report's.
        let title_mentions = doc.title.as_deref().map_or_else(Vec::new, |title| {
            let whole = [Sentence { span: Span::new(0, title.len()), paragraph: 0 }];
            let times = times::annotate(title, &whole, doc.published);
            mentions::annotate(title, &whole, &times, &self.triggers, None)
        });
        doc.annotations = Some(Annotations {
            sentences,
            times,
            quantities,
            entities,
            speakers,
            mentions,
            title_mentions,
            places: Vec::new(),
            event_place: None,
            offsets: doc.offsets.runs().collect(),
        });
        words
    }
}
