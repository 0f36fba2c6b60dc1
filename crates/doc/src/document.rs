//! `Document`: one article ready to code — its id, date and metadata, the cleaned body text,
//! and the alignment from that text back to the original, so that an event found in the
//! cleaned text can point at the bytes of the article it came from. Reading documents is
//! [`crate::input`]'s job; cleaning them is [`crate::boilerplate`]'s.

use crate::boilerplate::Removed;
use std::ops::Range;
use std::path::PathBuf;

/// Where a document came from and what format it was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: the whole file is one article.
    Text,
    /// An HTML page: the article is extracted from the page's visible text.
    Html,
    /// One record of a JSON Lines file.
    JsonLines,
    /// One `<Sentence>` record of a PETRARCH XML file.
    PetrarchXml,
}

/// One article to code.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable id: the record's id, or the path of the file it was read from as given
    /// (`folder/sub/a.html` for a file found in a folder `folder`).
    pub id: String,
    /// Publication date, `YYYYMMDD`.
    pub date: u32,
    /// The page's URL (canonical link or `og:url`; a record's `url`).
    pub url: Option<String>,
    /// The title (`og:title`, JSON-LD `headline`, `<title>`; a record's `title`; the first
    /// line of a text file when it stands alone and reads as a headline).
    pub title: Option<String>,
    /// The byline found in the text or the page's metadata, without its "By": `Jane Doe`.
    pub byline: Option<String>,
    /// The dateline cut from the start of the body: `MOSCOW (Reuters)`.
    pub dateline: Option<String>,
    /// The body with boilerplate removed: the text to code.
    pub text: String,
    /// The text before cleaning: the file or record text as read, or an HTML page's visible
    /// text (one block a paragraph). [`Document::alignment`] maps `text` into it.
    pub original: String,
    /// Maps byte offsets of `text` to byte offsets of `original`.
    pub alignment: Alignment,
    /// What was removed from `original`, each with its reason.
    pub removed: Vec<Removed>,
    /// The file read, when the document came from a file (not standard input).
    pub path: Option<PathBuf>,
    /// Line of the record in its file (JSON Lines, PETRARCH XML), when it is a record.
    pub line: Option<usize>,
    /// The format it was read as.
    pub format: Format,
}

impl Document {
    /// A document made from clean text in memory (no file, no boilerplate removed): the
    /// text is both the original and the text to code.
    pub fn from_text(id: &str, date: u32, text: &str) -> Document {
        Document {
            id: id.to_string(),
            date,
            url: None,
            title: None,
            byline: None,
            dateline: None,
            text: text.to_string(),
            original: text.to_string(),
            alignment: Alignment::identity(text.len()),
            removed: Vec::new(),
            path: None,
            line: None,
            format: Format::Text,
        }
    }

    /// The range of [`Document::original`] that a range of [`Document::text`] came from.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        self.alignment.original_range(range)
    }
}

/// One piece of cleaned text copied verbatim from the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Start in the cleaned text.
    clean: usize,
    /// Start in the original.
    original: usize,
    /// Length in bytes (the same in both).
    len: usize,
}

/// The alignment of a cleaned text with its original, in the manner of a normalised string
/// that remembers where each of its bytes came from. Cleaning only ever keeps whole pieces
/// of the original (lines, or the rest of a line after a dateline) and joins them with line
/// breaks, so the alignment is a sorted list of copied pieces; a byte between pieces (a
/// joining line break) maps to the start of the next piece.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    pieces: Vec<Piece>,
}

impl Alignment {
    /// The identity alignment of a text of `len` bytes with itself.
    pub fn identity(len: usize) -> Alignment {
        let mut alignment = Alignment::default();
        alignment.push(0, 0, len);
        alignment
    }

    /// Records that `len` bytes at `clean` in the cleaned text were copied from `original`.
    /// Pieces must be pushed in order.
    pub(crate) fn push(&mut self, clean: usize, original: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.clean + last.len == clean && last.original + last.len == original {
                last.len += len;
                return;
            }
        }
        self.pieces.push(Piece {
            clean,
            original,
            len,
        });
    }

    /// The offset in the original of the byte at `offset` in the cleaned text. An offset
    /// past the end maps past the end of the last piece.
    pub fn to_original(&self, offset: usize) -> usize {
        let index = self.pieces.partition_point(|p| p.clean <= offset);
        if index == 0 {
            return self.pieces.first().map_or(offset, |p| p.original);
        }
        let piece = self.pieces[index - 1];
        if offset < piece.clean + piece.len {
            piece.original + (offset - piece.clean)
        } else {
            // between pieces: a joining line break, or the end
            match self.pieces.get(index) {
                Some(next) => next.original,
                None => piece.original + piece.len + (offset - piece.clean - piece.len),
            }
        }
    }

    /// The range of the original that a range of the cleaned text came from: from the
    /// original of its first byte to just after the original of its last byte.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self.to_original(range.start);
            return at..at;
        }
        let start = self.to_original(range.start);
        let end = self.to_original(range.end - 1) + 1;
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::Alignment;

    #[test]
    fn pieces_map_back() {
        // original: "AAAA\nxx\nBBB", cleaned: "AAAA\n\nBBB"
        let mut a = Alignment::default();
        a.push(0, 0, 4);
        a.push(6, 8, 3);
        assert_eq!(a.to_original(0), 0);
        assert_eq!(a.to_original(3), 3);
        assert_eq!(
            a.to_original(4),
            8,
            "a joining break maps to the next piece"
        );
        assert_eq!(a.to_original(7), 9);
        assert_eq!(a.original_range(6..9), 8..11);
        assert_eq!(Alignment::identity(5).to_original(2), 2);
    }

    #[test]
    fn adjacent_pieces_merge() {
        let mut a = Alignment::default();
        a.push(0, 10, 3);
        a.push(3, 13, 2);
        assert_eq!(a.pieces.len(), 1);
        assert_eq!(a.to_original(4), 14);
    }
}
