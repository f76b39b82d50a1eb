//! Prints a page's document tree (sections, paragraphs, items, preformatted lines), for
//! looking into why a page reads as it does: `cargo run -p manpage --example tree FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: tree FILE");
    let bytes = std::fs::read(&path).expect("read");
    let doc = roff::parse_bytes(&bytes, None).expect("parse");
    for s in &doc.sections {
        println!("SECTION {}", s.title);
        dump(&s.blocks, 1);
    }
}

fn dump(blocks: &[roff::Block], depth: usize) {
    let pad = "  ".repeat(depth);
    let short = |t: &roff::Text| t.plain().chars().take(100).collect::<String>();
    for b in blocks {
        match b {
            roff::Block::Paragraph { text, .. } => {
                println!("{pad}P {:?} ({} lines)", short(text), text.lines().len())
            }
            roff::Block::Preformatted { text, .. } => {
                println!("{pad}PRE");
                for l in text.lines().iter().take(8) {
                    println!("{pad}  {:?}", l.plain());
                }
            }
            roff::Block::Item { head, body, .. } => {
                println!("{pad}ITEM {:?}", short(head));
                dump(body, depth + 1)
            }
            roff::Block::Indented { blocks, .. } => {
                println!("{pad}INDENTED");
                dump(blocks, depth + 1)
            }
            roff::Block::Table { rows, .. } => println!("{pad}TABLE ({} rows)", rows.len()),
            roff::Block::Subsection(s) => {
                println!("{pad}SUBSECTION {}", s.title);
                dump(&s.blocks, depth + 1)
            }
        }
    }
}
