//! Prints the document tree of a page as an indented outline, fonts marked, with its
//! diagnostics: `cargo run -p roff --example outline FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: outline FILE");
    let bytes = std::fs::read(&path).expect("read");
    let doc = roff::parse_bytes(&bytes, None).expect("parse");
    print!("{}", doc.outline());
}
