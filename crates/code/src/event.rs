//! Coded events and the provenance that explains them.

use compact_str::CompactString;
use serde::Serialize;

/// One coded event: who did what to whom, with the CAMEO and PLOVER classifications and the
/// dictionary entries that made it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Source actor code (`USAGOV`).
    pub source: CompactString,
    /// Target actor code; empty when the event has no target.
    pub target: CompactString,
    /// CAMEO event code (`040`).
    pub cameo: CompactString,
    /// PLOVER event type (`CONSULT`), when the codebook maps the CAMEO code to one.
    pub plover: Option<CompactString>,
    /// PLOVER mode, when the codebook gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover_mode: Option<CompactString>,
    /// Goldstein score of the CAMEO code.
    pub goldstein: Option<f32>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4
    /// material conflict.
    pub quad_class: Option<u8>,
    /// Whether the verb was in the passive voice (source taken from the `by` phrase).
    pub passive: bool,
    /// Token spans of the verb, the source phrase and the target phrase.
    pub spans: Spans,
    /// Which dictionary entries made the event.
    pub provenance: Provenance,
}

/// Token spans (`[start, end)` token indices in the sentence's analysis).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Spans {
    /// The verb's words.
    pub verb: (u32, u32),
    /// The words naming the source.
    pub source: (u32, u32),
    /// The words naming the target; `(0, 0)` when there is none.
    pub target: (u32, u32),
}

/// Where each part of an event came from, as `file:line: entry text` strings. Filled only
/// when the coder is asked for provenance ([`crate::CoderOptions::provenance`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The verb entry.
    pub verb: String,
    /// The pattern that matched, if any (otherwise the verb's or block's own code applied).
    pub pattern: Option<String>,
    /// The actor and agent entries that coded the source.
    pub source: Vec<String>,
    /// The actor and agent entries that coded the target.
    pub target: Vec<String>,
}
