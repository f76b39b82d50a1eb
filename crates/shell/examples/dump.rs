//! Prints what `shell::parse` finds in each argument (or, with `-f FILE`, in each
//! `###`-separated case of a file).
fn show(src: &str) {
    let s = shell::parse(src);
    println!("=== {src:?}");
    for (i, c) in s.commands.iter().enumerate() {
        let w = |w: &shell::Word| {
            format!(
                "{:?}{}{}",
                w.value,
                if w.quoted { "q" } else { "" },
                if w.expansions.is_empty() {
                    String::new()
                } else {
                    format!("{:?}", w.expansions)
                }
            )
        };
        print!("  cmd#{i} {:?} {:?}", c.range, &src[c.range.clone()]);
        if let Some(p) = c.parent {
            print!(" parent={p}");
        }
        println!();
        if !c.assignments.is_empty() {
            println!(
                "     assign {}",
                c.assignments.iter().map(w).collect::<Vec<_>>().join(" ")
            );
        }
        if !c.words.is_empty() {
            println!(
                "     words {}",
                c.words
                    .iter()
                    .map(|x| format!("{}@{:?}", w(x), x.range))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
        for r in &c.redirects {
            println!(
                "     redir {:?} op={:?} {:?} fd={:?} target={:?} body={:?}",
                r.range,
                &src[r.operator.clone()],
                r.kind,
                r.fd,
                r.target.as_ref().map(w),
                r.heredoc_body.as_ref().map(|b| &src[b.clone()])
            );
        }
    }
    for x in &s.syntax {
        println!(
            "  syn {:?} {:?} {:?}",
            x.kind,
            x.range,
            &src[x.range.clone()]
        );
    }
    for e in &s.errors {
        println!("  ERR {:?} {}", e.range, e.message);
    }
}
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("-f") {
        let f = std::fs::read_to_string(&args[1]).unwrap();
        for case in f.split("###\n") {
            show(case);
        }
    } else {
        for a in &args {
            show(a);
        }
    }
}
