//! Prints the raw tree-sitter-bash tree of each argument (debugging aid).
fn dump(n: tree_sitter::Node, src: &str, depth: usize) {
    let text = &src[n.byte_range()];
    let short: String = text.chars().take(40).collect();
    println!(
        "{}{}{} {:?} {:?}{}",
        "  ".repeat(depth),
        if n.is_named() { "" } else { "'" },
        n.kind(),
        n.byte_range(),
        short,
        if n.is_missing() { " MISSING" } else { "" }
    );
    let mut c = n.walk();
    for (i, ch) in n.children(&mut c).enumerate() {
        if let Some(f) = n.field_name_for_child(i as u32) {
            print!("{}[{}]", "  ".repeat(depth + 1), f);
            println!();
        }
        dump(ch, src, depth + 1);
    }
}
fn main() {
    let mut p = tree_sitter::Parser::new();
    p.set_language(&tree_sitter_bash::LANGUAGE.into()).unwrap();
    for a in std::env::args().skip(1) {
        println!("=== {a:?}");
        let t = p.parse(&a, None).unwrap();
        dump(t.root_node(), &a, 0);
    }
}
