//! The store's own input types: plain data that the document pipeline maps its output onto
//! before calling [`crate::Store::ingest`]. The store depends on no other Détente crate, so
//! these types mirror `detente_code::Event` and the JSON that `detente code` prints without
//! naming them.

use serde::{Deserialize, Serialize};

/// A batch of documents written in one transaction by [`crate::Store::ingest`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    /// The documents, each with its sentences, events and quotes.
    pub documents: Vec<NewDocument>,
    /// Actors seen in the batch (code and name), merged into the `actors` table so that
    /// queries can find events by an actor's name.
    pub actors: Vec<NewActor>,
}

/// One document and everything coded from it. The document is the unit of ingest: it is
/// stored whole or not at all, and re-ingesting it is decided by [`NewDocument::content_hash`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewDocument {
    /// The document's identifier, unique in the store (the `id` of the input record).
    pub id: String,
    /// The article's date, `YYYYMMDD` (e.g. `20130227`).
    pub date: u32,
    /// Where the article came from, if known.
    pub url: Option<String>,
    /// The article's title, if known.
    pub title: Option<String>,
    /// The cleaned text that the offsets of sentences, events and quotes point into.
    pub text: String,
    /// A hash of everything that determines what was coded from the document (its text, and
    /// the coder and dictionary versions if the caller wants a dictionary change to re-code).
    /// The same id with the same hash is skipped; the same id with another hash replaces the
    /// stored sentences, events and quotes. [`content_hash`] computes one.
    pub content_hash: String,
    /// The document's sentences; events refer to them by index in this list.
    pub sentences: Vec<NewSentence>,
    /// The events coded from the document.
    pub events: Vec<NewEvent>,
    /// The quotes found in the document.
    pub quotes: Vec<NewQuote>,
}

/// One sentence of a document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewSentence {
    /// Byte offset of the sentence's start in [`NewDocument::text`].
    pub start: u32,
    /// Byte offset just past the sentence's end in [`NewDocument::text`].
    pub end: u32,
    /// The sentence's text (normally `text[start..end]`, kept so that queries need not slice).
    pub text: String,
}

/// One coded event, as `detente_code::Event` plus what the document stage adds (date, place,
/// names of the actors, tone).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewEvent {
    /// Index of the event's sentence in [`NewDocument::sentences`].
    pub sentence: u32,
    /// Source actor code (`USAGOV`); upper-cased on ingest. Empty when the event has none.
    pub source: String,
    /// Target actor code (`RUS`); upper-cased on ingest. Empty when the event has none.
    pub target: String,
    /// The source as written or resolved by the document stage ("Sergey Lavrov"), if known.
    pub source_name: Option<String>,
    /// The target as written or resolved by the document stage, if known.
    pub target_name: Option<String>,
    /// CAMEO event code (`040`).
    pub cameo: String,
    /// PLOVER event type (`CONSULT`), when the codebook maps the CAMEO code to one.
    pub plover: Option<String>,
    /// Goldstein score of the CAMEO code, in `[-10, 10]`.
    pub goldstein: Option<f32>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4
    /// material conflict.
    pub quad_class: Option<u8>,
    /// The event's date, `YYYYMMDD` (the article's date when the sentence names none).
    pub date: u32,
    /// How precise [`NewEvent::date`] is: `day`, `week`, `month`, `season`, `year` or
    /// `document` (the article's date was used).
    pub date_precision: String,
    /// The event's place, if one was found.
    pub place: Option<Place>,
    /// Tone of the sentence or document, if the pipeline computes one.
    pub tone: Option<f32>,
    /// How many times the event is reported in the document (within-document duplicates
    /// merged into this one); 1 for a single report.
    pub mentions: u32,
    /// Evidence: byte ranges in [`NewDocument::text`] of the verb, source and target phrases.
    pub spans: EvidenceSpans,
    /// Provenance as JSON (dictionary file, line and entry of the verb, pattern and actors),
    /// stored as given.
    pub provenance: Option<serde_json::Value>,
}

/// Where an event happened.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The place's name ("Geneva").
    pub name: String,
    /// ISO 3166-1 alpha-3 code of its country (`CHE`), if known.
    pub country: Option<String>,
    /// Latitude in degrees, if known.
    pub lat: Option<f64>,
    /// Longitude in degrees, if known.
    pub lon: Option<f64>,
}

/// Byte ranges `[start, end)` in the document's text of the words that make an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceSpans {
    /// The verb's (or event noun's) words.
    pub verb: Option<(u32, u32)>,
    /// The words naming the source.
    pub source: Option<(u32, u32)>,
    /// The words naming the target.
    pub target: Option<(u32, u32)>,
}

/// One quote and its speaker.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewQuote {
    /// The speaker's name as resolved ("Sergey Lavrov").
    pub speaker: String,
    /// The speaker's actor code on the document's date (`RUSGOV`), if known.
    pub speaker_code: Option<String>,
    /// The quoted words.
    pub text: String,
    /// Byte offset of the quoted words' start in [`NewDocument::text`].
    pub start: u32,
    /// Byte offset just past the quoted words' end in [`NewDocument::text`].
    pub end: u32,
}

/// A name for an actor code, so that queries can look events up by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewActor {
    /// The actor code (`USAGOV`, `RUS`); upper-cased on ingest.
    pub code: String,
    /// One name of the actor ("Russia", "Sergey Lavrov"). An actor may have many names.
    pub name: String,
}

/// A stable 64-bit FNV-1a hash of the given parts, as 16 hexadecimal digits, for
/// [`NewDocument::content_hash`]. Each part's length is hashed before it so that
/// `["ab", "c"]` and `["a", "bc"]` differ. Not cryptographic: it detects changes, it does not
/// resist forgery.
pub fn content_hash(parts: &[&[u8]]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    for part in parts {
        eat(&(part.len() as u64).to_le_bytes());
        eat(part);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::content_hash;

    #[test]
    fn hash_is_stable_and_separates_parts() {
        assert_eq!(content_hash(&[b"abc"]), content_hash(&[b"abc"]));
        assert_ne!(content_hash(&[b"ab", b"c"]), content_hash(&[b"a", b"bc"]));
        assert_ne!(content_hash(&[b"abc"]), content_hash(&[b"abd"]));
        assert_eq!(content_hash(&[b"abc"]).len(), 16);
    }
}
