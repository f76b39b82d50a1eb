//! Prints what a page defines: `cargo run -p manpage --example page FILE [--json]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: page FILE [--json]");
    let json = args.next().as_deref() == Some("--json");
    let bytes = std::fs::read(&path).expect("read");
    let doc = roff::parse_bytes(&bytes, None).expect("parse");
    let source = path
        .rsplit('/')
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join("/");
    let mut page = manpage::read(&doc, &source);
    if page.name == manpage::SHELL_PAGE {
        manpage::read_shell(&doc, &mut page);
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&page).unwrap());
        return;
    }
    println!(
        "{} — {:?} — {}",
        page.citation(),
        page.names,
        page.description
    );
    for o in &page.options {
        let flags: Vec<&str> = o.flags.iter().map(|f| f.text.as_str()).collect();
        let help = manpage::help_plain(&o.help);
        let short: String = help.chars().take(70).collect();
        println!(
            "  {:?} arg={:?} [{}] {}",
            flags,
            o.argument.as_ref().map(|a| (&a.name, a.need)),
            o.section,
            short
        );
    }
    for op in &page.operands {
        let help = manpage::help_plain(&op.help);
        println!(
            "  operand {}{} : {}",
            op.name,
            if op.variadic { "..." } else { "" },
            help.chars().take(70).collect::<String>()
        );
    }
    for t in &page.shell_topics {
        println!(
            "  topic {} ({}) {}",
            t.key,
            t.title,
            manpage::help_plain(&t.help)
                .chars()
                .take(60)
                .collect::<String>()
        );
    }
    for inner in page.command_pages() {
        let flags: Vec<&str> = inner
            .options
            .iter()
            .flat_map(|o| o.flags.iter().map(|f| f.text.as_str()))
            .collect();
        println!("  inner {:?} {}", inner.names, flags.join(" "));
    }
}
