//! Arbitrary bytes through the document reader: format sniffing, gzip, JSON Lines, HTML
//! extraction, PETRARCH XML and boilerplate removal. Every cleaned document's alignment must
//! point inside its original.
#![no_main]
use detente_doc::{DocumentReader, ReaderOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn reader() -> &'static DocumentReader {
    static READER: OnceLock<DocumentReader> = OnceLock::new();
    READER.get_or_init(|| {
        DocumentReader::new(ReaderOptions {
            default_date: Some(20000101),
            keep_boilerplate: false,
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let stream = Box::new(std::io::Cursor::new(data.to_vec()));
    for document in reader().documents_from_reader(stream, "<fuzz>").flatten() {
        if !document.text.is_empty() {
            let range = document.original_range(0..document.text.len());
            assert!(range.end <= document.original.len());
        }
    }
});
