//! The tree builder both front ends drive: paragraphs, items, indentation, sections.

use crate::tree::{Block, Dialect, Document, ItemStyle, Section, Text};

enum FrameKind {
    Root,
    Section {
        title: String,
        line: u32,
    },
    Subsection {
        title: String,
        line: u32,
    },
    Item {
        head: Text,
        style: ItemStyle,
        line: u32,
    },
    Indent {
        line: u32,
    },
}

struct Frame {
    kind: FrameKind,
    blocks: Vec<Block>,
}

/// Where the next text line goes when an item's head is still being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadState {
    /// Text goes to the body.
    Body,
    /// The next line is the head (`.TP`, `.TQ`).
    NextLine,
    /// Every line up to the next break is the head (`.HP`).
    UntilBreak,
}

/// Builds a [`Document`] from calls made by a front end.
pub struct Builder {
    /// The document being built; diagnostics are added to it directly.
    pub doc: Document,
    frames: Vec<Frame>,
    para: Text,
    para_line: u32,
    nofill: bool,
    head: HeadState,
    /// The last text ended in `\c`: the next joins it without a space.
    pub joined: bool,
}

impl Builder {
    /// A builder for an empty document.
    pub fn new(dialect: Dialect) -> Self {
        Builder {
            doc: Document {
                dialect,
                title: None,
                section: None,
                preamble: Vec::new(),
                sections: Vec::new(),
                diagnostics: Vec::new(),
                redirect: None,
            },
            frames: vec![Frame {
                kind: FrameKind::Root,
                blocks: Vec::new(),
            }],
            para: Text::new(),
            para_line: 0,
            nofill: false,
            head: HeadState::Body,
            joined: false,
        }
    }

    /// Whether text is set without filling (`.nf`).
    pub fn nofill(&self) -> bool {
        self.nofill
    }

    /// Adds a line of text where it belongs: an item head, a preformatted block or a paragraph.
    pub fn text(&mut self, text: &Text, line: u32, continued: bool) {
        let joined = std::mem::replace(&mut self.joined, continued);
        if self.head != HeadState::Body
            && let Some(Frame {
                kind: FrameKind::Item { head, .. },
                ..
            }) = self.frames.last_mut()
        {
            if !joined && !head.runs.is_empty() && !head.raw().ends_with('\n') {
                head.push_space();
            }
            head.append(text);
            if self.head == HeadState::NextLine && !continued {
                self.head = HeadState::Body;
            }
            return;
        }
        self.head = HeadState::Body;
        if self.para.runs.is_empty() {
            self.para_line = line;
        } else if self.nofill {
            if !joined {
                self.para.push("\n", crate::tree::Font::Roman);
            }
        } else if !joined {
            self.para.push_space();
        }
        self.para.append(text);
    }

    /// A forced line break (`.br`): between stacked heads in a head, a new line in a paragraph.
    pub fn line_break(&mut self) {
        if self.head != HeadState::Body
            && let Some(Frame {
                kind: FrameKind::Item { head, .. },
                ..
            }) = self.frames.last_mut()
        {
            if !head.runs.is_empty() {
                head.push("\n", crate::tree::Font::Roman);
                self.head = HeadState::NextLine;
            }
            return;
        }
        if !self.para.runs.is_empty() {
            self.para.push("\n", crate::tree::Font::Roman);
        }
        self.joined = false;
    }

    /// Ends the current paragraph (a blank line, `.sp`), staying in the current item.
    pub fn paragraph_break(&mut self) {
        if self.head == HeadState::UntilBreak {
            self.head = HeadState::Body;
        }
        self.flush();
    }

    /// Moves finished paragraph text into the current container.
    pub fn flush(&mut self) {
        self.joined = false;
        if self.para.is_blank() {
            self.para = Text::new();
            return;
        }
        let text = std::mem::take(&mut self.para);
        let block = if self.nofill {
            Block::Preformatted {
                text,
                line: self.para_line,
            }
        } else {
            Block::Paragraph {
                text: text.trimmed(),
                line: self.para_line,
            }
        };
        self.push_block(block);
    }

    /// Adds a finished block to the current container.
    pub fn push_block(&mut self, block: Block) {
        self.frames
            .last_mut()
            .expect("root frame")
            .blocks
            .push(block);
    }

    /// Switches fill mode (`.nf`/`.fi`), ending the current paragraph.
    pub fn set_nofill(&mut self, nofill: bool) {
        if self.nofill != nofill {
            self.flush();
            self.nofill = nofill;
        }
    }

    fn close_top(&mut self) {
        if self.frames.len() <= 1 {
            return;
        }
        let frame = self.frames.pop().expect("checked");
        let block = match frame.kind {
            FrameKind::Root => unreachable!("root is never closed"),
            FrameKind::Section { title, line } => {
                self.doc.sections.push(Section {
                    title,
                    blocks: frame.blocks,
                    line,
                });
                return;
            }
            FrameKind::Subsection { title, line } => Block::Subsection(Section {
                title,
                blocks: frame.blocks,
                line,
            }),
            FrameKind::Item { head, style, line } => Block::Item {
                head: head.trimmed(),
                body: frame.blocks,
                style,
                line,
            },
            FrameKind::Indent { line } => Block::Indented {
                blocks: frame.blocks,
                line,
            },
        };
        self.push_block(block);
    }

    /// Ends the items open at the current indentation level.
    pub fn close_items(&mut self) {
        self.flush();
        self.head = HeadState::Body;
        while matches!(
            self.frames.last().map(|f| &f.kind),
            Some(FrameKind::Item { .. })
        ) {
            self.close_top();
        }
    }

    /// Whether an item is open at the current level.
    pub fn in_item(&self) -> bool {
        matches!(
            self.frames.last().map(|f| &f.kind),
            Some(FrameKind::Item { .. })
        )
    }

    /// Starts a list item. With `head` `None`, the head is read from the next line(s) per `state`.
    pub fn start_item(
        &mut self,
        head: Option<Text>,
        style: ItemStyle,
        line: u32,
        state: HeadState,
    ) {
        self.close_items();
        let has_head = head.is_some();
        self.frames.push(Frame {
            kind: FrameKind::Item {
                head: head.unwrap_or_default(),
                style,
                line,
            },
            blocks: Vec::new(),
        });
        self.head = if has_head { HeadState::Body } else { state };
    }

    /// Adds one more head to the open item (`.TQ`), read from the next line.
    pub fn add_head(&mut self) {
        self.flush();
        if let Some(Frame {
            kind: FrameKind::Item { head, .. },
            blocks,
        }) = self.frames.last_mut()
            && blocks.is_empty()
        {
            if !head.runs.is_empty() {
                head.push("\n", crate::tree::Font::Roman);
            }
            self.head = HeadState::NextLine;
        }
    }

    /// Starts an indented block (`.RS`).
    pub fn start_indent(&mut self, line: u32) {
        self.flush();
        self.head = HeadState::Body;
        self.frames.push(Frame {
            kind: FrameKind::Indent { line },
            blocks: Vec::new(),
        });
    }

    /// Ends the innermost indented block (`.RE`); false when none is open.
    pub fn end_indent(&mut self) -> bool {
        self.flush();
        self.head = HeadState::Body;
        let Some(pos) = self
            .frames
            .iter()
            .rposition(|f| matches!(f.kind, FrameKind::Indent { .. }))
        else {
            return false;
        };
        // Never close a section or subsection from inside.
        if self.frames[pos + 1..].iter().any(|f| {
            matches!(
                f.kind,
                FrameKind::Section { .. } | FrameKind::Subsection { .. }
            )
        }) {
            return false;
        }
        while self.frames.len() > pos {
            self.close_top();
        }
        true
    }

    /// Starts a section (`.SH`), closing everything open.
    pub fn start_section(&mut self, title: String, line: u32) {
        self.close_items();
        self.set_nofill(false);
        while self.frames.len() > 1 {
            self.close_top();
        }
        self.frames.push(Frame {
            kind: FrameKind::Section { title, line },
            blocks: Vec::new(),
        });
    }

    /// Starts a subsection (`.SS`), closing everything open inside the section.
    pub fn start_subsection(&mut self, title: String, line: u32) {
        self.close_items();
        self.set_nofill(false);
        while self.frames.len() > 1
            && !matches!(
                self.frames.last().map(|f| &f.kind),
                Some(FrameKind::Section { .. })
            )
        {
            self.close_top();
        }
        self.frames.push(Frame {
            kind: FrameKind::Subsection { title, line },
            blocks: Vec::new(),
        });
    }

    /// Finishes the tree.
    pub fn finish(mut self) -> Document {
        self.flush();
        while self.frames.len() > 1 {
            self.close_top();
        }
        let root = self.frames.pop().expect("root frame");
        self.doc.preamble = root.blocks;
        self.doc
    }
}
