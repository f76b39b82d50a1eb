//! The shapes an option definition takes in a page's tree, whatever generated the page. An item
//! (`.TP`, `.IP`, mdoc `.It`) is tried against [`ITEM_SHAPES`] in order, the first that takes it
//! wins; paragraphs, indented blocks, subsections and tables have one shape each.

use roff::{Block, Font, Section, Text};

use crate::extract::{
    Pending, assignment_head, assignment_run, body_help, body_is_empty, close_stack,
    head_before_colon, head_then_description, is_bullet, merge, push, skipped_section,
    table_options,
};
use crate::head::{ParsedHead, parse_head};
use crate::model::{Argument, ArgumentNeed, Flag, FlagStyle, OptionDef};
use crate::sections::subsection_path;

/// One item of a list, and where it stands.
pub(crate) struct ItemAt<'b> {
    head: &'b Text,
    body: &'b [Block],
    line: u32,
    /// The blocks the item is one of, and its index there.
    siblings: &'b [Block],
    index: usize,
}

/// What the walk reads next inside an item a shape took.
pub(crate) enum Descend {
    /// The whole body (options nested in a description).
    Body,
    /// The body after its first paragraph (the paragraph was the head).
    AfterFirst,
}

/// An item shape: given the item, the heads stacked above it and the section, it pushes the
/// options it reads and says what to walk next; `None` when the item is not of its shape.
type ItemShape = fn(&ItemAt, &mut Vec<Pending>, &str, &mut Vec<OptionDef>) -> Option<Descend>;

/// The item shapes, in order of precedence.
const ITEM_SHAPES: &[(&str, ItemShape)] = &[
    // `.TP` / `-f, --file=ARCHIVE` / body; an empty body stacks the head on the next one.
    ("option head", option_head),
    // ronn's bullets: `•` as the head, the option head as the body's first paragraph (jq's
    // `--slurp/-s:`).
    ("bullet, head in the body", bullet_head_in_body),
    // LVM's `.HP` items break the line after the head and go on with the description
    // (`--atversion String` / `Specify an LVM version ...`).
    ("head, break, description", head_then_text),
    // ronn's bullets with the description after a colon (masscan's `--rate <pps>: ...`) or on
    // the next line (nix-store's `--tree`).
    ("bullet, head and description", bullet_head_and_description),
    // A lone `-` among stacked spellings (strings' `-a`, `--all`, `-`) is one more spelling.
    ("lone dash spelling", lone_dash),
    // A broken page whose description went into the next item's head (`.TP` head, `.TP`,
    // the description): that head is the help.
    ("description as the next head", description_as_next_head),
    // dd's operands: a run of `bs=BYTES`, `if=FILE`, ... items.
    ("keyword=VALUE operands", keyword_operand),
    // stty's settings: a run of `[-]echo`, `* [-]ctlecho`, ... items; `-echo` turns one off.
    ("[-]setting items", toggled_setting),
    // Anything else ends the stack.
    ("not an option", |_, stacked, _, _| {
        stacked.clear();
        Some(Descend::Body)
    }),
];

fn option_head(
    item: &ItemAt,
    stacked: &mut Vec<Pending>,
    section: &str,
    out: &mut Vec<OptionDef>,
) -> Option<Descend> {
    let parsed = parse_head(item.head)?;
    if body_is_empty(item.body) && parsed.inline_help.is_none() {
        stacked.push(Pending {
            head: parsed,
            text: item.head.clone(),
            line: item.line,
        });
    } else {
        let mut help = body_help(item.body);
        if let Some(inline) = &parsed.inline_help {
            help.insert(0, inline.clone());
        }
        let (merged, text, first_line) = merge(stacked, parsed, item.head, item.line);
        push(out, merged, text, help, item.body, section, first_line);
    }
    Some(Descend::Body)
}

/// The option head a text parses as, when it has no description written into it.
fn plain_head(text: &Text) -> Option<ParsedHead> {
    parse_head(text).filter(|p| p.inline_help.is_none())
}

fn bullet_head_in_body(
    item: &ItemAt,
    stacked: &mut Vec<Pending>,
    section: &str,
    out: &mut Vec<OptionDef>,
) -> Option<Descend> {
    let Some(Block::Paragraph { text, line }) = item.body.first() else {
        return None;
    };
    if !is_bullet(item.head) || text.lines().len() > 2 || body_is_empty(&item.body[1..]) {
        return None;
    }
    let parsed = plain_head(text)?;
    stacked.clear();
    let rest = &item.body[1..];
    push(
        out,
        parsed,
        text.clone(),
        body_help(rest),
        rest,
        section,
        *line,
    );
    Some(Descend::AfterFirst)
}

fn head_then_text(
    item: &ItemAt,
    stacked: &mut Vec<Pending>,
    section: &str,
    out: &mut Vec<OptionDef>,
) -> Option<Descend> {
    let (first, mut rest) = head_then_description(item.head)?;
    let parsed = plain_head(&first)?;
    stacked.clear();
    // The body goes on with the same sentence.
    let mut more = body_help(item.body).into_iter();
    if let Some(next) = more.next() {
        rest.push(" ", Font::Roman);
        rest.append(&next);
    }
    let mut help = vec![rest];
    help.extend(more);
    push(out, parsed, first, help, item.body, section, item.line);
    Some(Descend::Body)
}

fn bullet_head_and_description(
    item: &ItemAt,
    stacked: &mut Vec<Pending>,
    section: &str,
    out: &mut Vec<OptionDef>,
) -> Option<Descend> {
    if !is_bullet(item.head) {
        return None;
    }
    let Some(Block::Paragraph { text, line }) = item.body.first() else {
        return None;
    };
    let (first, rest) = head_before_colon(text).or_else(|| head_then_description(text))?;
    let parsed = plain_head(&first)?;
    stacked.clear();
    let mut help = vec![rest];
    help.extend(body_help(&item.body[1..]));
    push(out, parsed, first, help, &item.body[1..], section, *line);
    Some(Descend::AfterFirst)
}

fn lone_dash(
    item: &ItemAt,
    stacked: &mut Vec<Pending>,
    section: &str,
    out: &mut Vec<OptionDef>,
) -> Option<Descend> {
    if item.head.plain() != "-" {
        return None;
    }
    if body_is_empty(item.body) {
        return Some(Descend::Body);
    }
    if stacked.is_empty() {
        return None;
    }
    close_stack(stacked, out, body_help(item.body), item.body, section);
    Some(Descend::Body)
}

fn description_as_next_head(
    item: &ItemAt,
    stacked: &mut Vec<Pending>,
    section: &str,
    out: &mut Vec<OptionDef>,
) -> Option<Descend> {
    if stacked.is_empty() || !body_is_empty(item.body) || item.head.is_blank() {
        return None;
    }
    close_stack(stacked, out, vec![item.head.clone()], &[], section);
    Some(Descend::Body)
}

fn keyword_operand(
    item: &ItemAt,
    stacked: &mut Vec<Pending>,
    section: &str,
    out: &mut Vec<OptionDef>,
) -> Option<Descend> {
    let (name, value) = assignment_head(item.head)?;
    if assignment_run(item.siblings, item.index) < 3 {
        return None;
    }
    stacked.clear();
    let parsed = ParsedHead {
        flags: vec![Flag {
            text: name,
            style: FlagStyle::Assignment,
        }],
        argument: Some(Argument {
            name: value,
            need: ArgumentNeed::Required,
        }),
        inline_help: None,
    };
    let help = body_help(item.body);
    push(
        out,
        parsed,
        item.head.clone(),
        help,
        item.body,
        section,
        item.line,
    );
    Some(Descend::Body)
}

/// The name of a `[-]name` head (stty's `[-]echo`; `*` marks a non-POSIX one).
fn toggled_name(head: &Text) -> Option<String> {
    let plain = head.plain();
    let name = plain.trim().trim_start_matches("* ").strip_prefix("[-]")?;
    let ok = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    ok.then(|| name.to_string())
}

fn toggled_setting(
    item: &ItemAt,
    stacked: &mut Vec<Pending>,
    section: &str,
    out: &mut Vec<OptionDef>,
) -> Option<Descend> {
    let name = toggled_name(item.head)?;
    let is = |b: &Block| matches!(b, Block::Item { head, .. } if toggled_name(head).is_some());
    let run = item.siblings[..item.index]
        .iter()
        .rev()
        .take_while(|b| is(b))
        .count()
        + item.siblings[item.index..]
            .iter()
            .take_while(|b| is(b))
            .count();
    if run < 3 {
        return None;
    }
    stacked.clear();
    let parsed = ParsedHead {
        flags: vec![Flag {
            text: format!("-{name}"),
            style: FlagStyle::SingleDashLong,
        }],
        argument: None,
        inline_help: None,
    };
    let help = body_help(item.body);
    push(
        out,
        parsed,
        item.head.clone(),
        help,
        item.body,
        section,
        item.line,
    );
    Some(Descend::Body)
}

/// Reads the options defined in `blocks`, in section `section`, into `out`.
pub(crate) fn walk(blocks: &[Block], section: &str, out: &mut Vec<OptionDef>) {
    let mut stacked: Vec<Pending> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        i = match &blocks[i] {
            Block::Item {
                head, body, line, ..
            } => {
                let item = ItemAt {
                    head,
                    body,
                    line: *line,
                    siblings: blocks,
                    index: i,
                };
                let descend = ITEM_SHAPES.iter().find_map(|(_name, shape)| {
                    let d = shape(&item, &mut stacked, section, out)?;
                    #[cfg(test)]
                    tests::TAKEN.with(|t| t.borrow_mut().push(_name));
                    Some(d)
                });
                match descend {
                    Some(Descend::AfterFirst) => walk(&body[1..], section, out),
                    _ => walk(body, section, out),
                }
                i + 1
            }
            Block::Paragraph { text, line } => {
                head_paragraph(blocks, i, text, *line, &mut stacked, section, out)
            }
            Block::Indented { blocks: inner, .. } => {
                stacked.clear();
                closed_list(blocks, i, inner, section, out)
            }
            Block::Subsection(sub) => {
                stacked.clear();
                option_subsection(sub, section, out);
                i + 1
            }
            Block::Table { rows, line } => {
                stacked.clear();
                table_options(rows, *line, section, out);
                i + 1
            }
            Block::Preformatted { .. } => {
                stacked.clear();
                i + 1
            }
        };
    }
}

/// DocBook's and Asciidoctor's shape: a head paragraph (up to four lines, or any number of
/// heads stacked with `.br`: bfs's `-ilname GLOB`, `-iname GLOB`, ... over one description)
/// followed by an indented body. Returns the index of the next block to read.
fn head_paragraph(
    blocks: &[Block],
    i: usize,
    text: &Text,
    line: u32,
    stacked: &mut Vec<Pending>,
    section: &str,
    out: &mut Vec<OptionDef>,
) -> usize {
    // (pod2man's old `.Vb` verbatim block under a one-line head, getconf(1)'s `-a`, is a body
    // too.)
    let one_line_head = text.lines().len() == 1;
    let next_indented = match blocks.get(i + 1) {
        Some(Block::Indented { blocks: inner, .. }) => Some(&inner[..]),
        Some(b @ Block::Preformatted { .. }) if one_line_head => Some(std::slice::from_ref(b)),
        _ => None,
    };
    if let Some(inner) = next_indented
        && (text.lines().len() <= 4 || text.lines().iter().all(|l| plain_head(l).is_some()))
        && let Some(parsed) = plain_head(text)
    {
        let (merged, head_text, first_line) = merge(stacked, parsed, text, line);
        push(
            out,
            merged,
            head_text,
            body_help(inner),
            inner,
            section,
            first_line,
        );
        walk(inner, section, out);
        return i + 2;
    }
    stacked.clear();
    i + 1
}

/// Sphinx closes the list right after the head (`.INDENT`, `.TP`, `.B --gcc`, `.UNINDENT`) and
/// sets the description as the paragraphs that follow. Returns the index of the next block.
fn closed_list(
    blocks: &[Block],
    i: usize,
    inner: &[Block],
    section: &str,
    out: &mut Vec<OptionDef>,
) -> usize {
    if let Some((
        Block::Item {
            head, body, line, ..
        },
        before,
    )) = inner.split_last()
        && body_is_empty(body)
        && let Some(parsed) = plain_head(head)
        && matches!(blocks.get(i + 1), Some(Block::Paragraph { .. }))
    {
        let end = (i + 1..blocks.len())
            .find(|&j| !matches!(blocks[j], Block::Paragraph { .. }))
            .unwrap_or(blocks.len());
        walk(before, section, out);
        let desc = &blocks[i + 1..end];
        push(
            out,
            parsed,
            head.clone(),
            body_help(desc),
            desc,
            section,
            *line,
        );
        return end;
    }
    walk(inner, section, out);
    i + 1
}

/// A subsection per option (json_pp's `.SS -f`, netstat's `.SS -C`); any other subsection is
/// walked as part of the section.
fn option_subsection(sub: &Section, section: &str, out: &mut Vec<OptionDef>) {
    if skipped_section(&sub.title) {
        return;
    }
    let title = Text::from_run(&sub.title, Font::Bold);
    if let Some(parsed) = plain_head(&title) {
        let help = body_help(&sub.blocks);
        push(out, parsed, title, help, &sub.blocks, section, sub.line);
    }
    walk(&sub.blocks, &subsection_path(section, &sub.title), out);
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::ITEM_SHAPES;

    thread_local! {
        /// The names of the shapes that took items, in order, while a test walks a page.
        pub(super) static TAKEN: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    }

    /// Each item shape's example: an OPTIONS section in the style of the page that motivated
    /// it, and the spellings of every option it must give.
    const EXAMPLES: &[(&str, &str, &[&str])] = &[
        (
            "option head",
            ".TP\n\\fB\\-f\\fR, \\fB\\-\\-file\\fR=\\fIARCHIVE\\fR\nUse archive file ARCHIVE.\n",
            &["-f", "--file"],
        ),
        (
            "bullet, head in the body",
            ".IP \"\\[ci]\" 4\n\\fB\\-\\-slurp\\fR/\\fB\\-s\\fR:\n.IP\nRead the entire input stream into a large array.\n",
            &["--slurp", "-s"],
        ),
        (
            "head, break, description",
            ".HP\n\\fB\\-\\-addtag\\fP \\fITag\\fP\n.br\nAdds a tag to a PV, VG or LV.\n",
            &["--addtag"],
        ),
        (
            "bullet, head and description",
            ".IP \"\\(bu\" 4\n\\fB\\-\\-rate <packets\\-per\\-second>\\fR: specifies the desired rate.\n",
            &["--rate"],
        ),
        (
            "lone dash spelling",
            ".IP \"\\fB\\-a\\fR\" 4\n.PD 0\n.IP \"\\fB\\-\\-all\\fR\" 4\n.IP \"\\fB\\-\\fR\" 4\n.PD\nScan the whole file.\n",
            &["-a", "--all"],
        ),
        (
            "description as the next head",
            ".TP\n.B \\-x\n.TP\nExpand everything.\n",
            &["-x"],
        ),
        (
            "keyword=VALUE operands",
            ".TP\nbs=BYTES\nread and write up to BYTES bytes at a time\n.TP\ncount=N\ncopy only N input blocks\n.TP\nif=FILE\nread from FILE instead of stdin\n",
            &["bs", "count", "if"],
        ),
        (
            "[-]setting items",
            ".TP\n[\\-]echo\necho input characters\n.TP\n* [\\-]echoctl\nsame as [\\-]ctlecho\n.TP\n[\\-]icanon\nenable special characters\n",
            &["-echo", "-echoctl", "-icanon"],
        ),
        (
            "not an option",
            ".TP\n.B NOTE\nNothing here is an option.\n",
            &[],
        ),
    ];

    #[test]
    fn every_item_shape_reads_its_example() {
        for (name, _) in ITEM_SHAPES {
            let (_, body, flags) = EXAMPLES
                .iter()
                .find(|(n, _, _)| n == name)
                .unwrap_or_else(|| panic!("no example for the shape {name:?}"));
            let source = format!(".TH T 1\n.SH OPTIONS\n{body}");
            let doc = roff::parse(&source, None);
            TAKEN.with(|t| t.borrow_mut().clear());
            let options = crate::extract::options(&doc);
            let taken = TAKEN.with(|t| t.borrow().clone());
            assert_eq!(taken.last(), Some(name), "{name}: shapes taken {taken:?}");
            let read: Vec<&str> = options
                .iter()
                .flat_map(|o| o.flags.iter().map(|f| f.text.as_str()))
                .collect();
            assert_eq!(read, *flags, "{name}: options read");
            for o in &options {
                assert!(!o.help.is_empty(), "{name}: {:?} has no help", o.flags);
            }
        }
    }
}
