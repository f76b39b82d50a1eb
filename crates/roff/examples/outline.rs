//! Prints the document tree of a page as an indented outline: `cargo run -p roff --example outline FILE`.

use roff::{Block, Document};

fn show(blocks: &[Block], depth: usize) {
    let pad = "  ".repeat(depth);
    for b in blocks {
        match b {
            Block::Paragraph { text, line } => println!("{pad}P@{line} {}", short(&text.plain())),
            Block::Item {
                head,
                body,
                style,
                line,
            } => {
                println!(
                    "{pad}ITEM@{line} {style:?} [{}]",
                    head.raw().replace('\n', "⏎")
                );
                show(body, depth + 1);
            }
            Block::Indented { blocks, line } => {
                println!("{pad}INDENT@{line}");
                show(blocks, depth + 1);
            }
            Block::Preformatted { text, line } => {
                println!("{pad}PRE@{line} {}", short(&text.raw().replace('\n', "⏎")))
            }
            Block::Table { rows, line } => println!("{pad}TABLE@{line} {} rows", rows.len()),
            Block::Subsection(s) => {
                println!("{pad}SS@{} {}", s.line, s.title);
                show(&s.blocks, depth + 1);
            }
        }
    }
}

fn short(s: &str) -> String {
    let s: String = s.chars().take(100).collect();
    s
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: outline FILE");
    let bytes = std::fs::read(&path).expect("read");
    let doc: Document = roff::parse_bytes(&bytes, None).expect("parse");
    println!("{:?} {:?}({:?})", doc.dialect, doc.title, doc.section);
    show(&doc.preamble, 0);
    for s in &doc.sections {
        println!("SH@{} {}", s.line, s.title);
        show(&s.blocks, 1);
    }
    for d in &doc.diagnostics {
        eprintln!("{d}");
    }
}
