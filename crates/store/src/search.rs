//! Full-text search over option descriptions.
//!
//! Every option of every page (and of every bash builtin) is a tantivy document of its own,
//! beside the page documents: its spellings as words (`--preserve-permissions` → preserve,
//! permissions), its help text, the gist of its help (the opening words, up to the first clause
//! break), the names of its program, and the scopes `--in` filters on. Everything is stemmed
//! with the English stemmer; help also drops English stop words.
//!
//! A query is never parsed as tantivy syntax: its words go through the same analyzers and the
//! query is built here. Each word scores BM25 in each field, weighted (spellings most, then the
//! gist, the help, the program's names); two words of the query close together in the help
//! score again, and so does a spelling that joins two neighbouring words (`one line` →
//! `--oneline`). The sum is then scaled by how much of the query, weighted by rarity, the option
//! has at all, so an option that has every word beats one that has one word many times.
//!
//! The help field keeps no length norms: a long description that keeps coming back to the
//! query's words (ssh's `-R` and forwarding) is not worth less than a one-liner that mentions
//! them once; the gist, which is short by construction, keeps them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

use manpage::{ArgumentNeed, FlagStyle, OptionDef, Page};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, TopDocs};
use tantivy::postings::SegmentPostings;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, SchemaBuilder, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer, TokenizerManager,
};
use tantivy::{DocAddress, DocId, DocSet, Score, SegmentReader, TantivyDocument, Term};

/// The analyzer of help text: words, lower case, English stop words dropped, stemmed.
const HELP_ANALYZER: &str = "explain_help";
/// The analyzer of spellings and program names: words, lower case, stemmed (no stop words,
/// so `-a` and `--no-act` keep every word).
const WORD_ANALYZER: &str = "explain_words";

// How much a query word counts in each field, relative to the help text. Tuned on the
// questions in tests/search/questions.toml and a larger set of other questions; the region
// around these values gives the same answers.
/// A word of the query in a spelling (`gzip` in `--gzip`): the strongest sign.
const BOOST_FLAGS: f32 = 10.0;
/// A word in the gist, the opening words of the help: what the option does.
const BOOST_GIST: f32 = 3.0;
/// A word anywhere in the help.
const BOOST_HELP: f32 = 1.0;
/// A word in the program's names (`rebase` for git-rebase's options).
const BOOST_PROGRAM: f32 = 0.6;
/// Two words of the query (at most [`PAIR_SPAN`] apart in it) within [`PAIR_SLOP`] words of
/// each other, in order, in the help.
const BOOST_PAIR: f32 = 1.0;
const PAIR_SPAN: usize = 3;
const PAIR_SLOP: u32 = 3;
/// The whole query as the words of one spelling (`ignore case` → `--ignore-case`).
const BOOST_FLAGS_PHRASE: f32 = 2.0;

/// How many words of a description's opening count as its gist.
const GIST_WORDS: usize = 12;

/// The longest summary kept, in characters.
const SUMMARY_CHARS: usize = 240;

fn help_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(Normalizer { stop_words: true })
        .build()
}

fn word_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(Normalizer { stop_words: false })
        .build()
}

/// Lucene's English stop words, as tantivy's `StopWordFilter` has them.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// Longer words are not indexed (as tantivy's default `RemoveLongFilter`).
const LONGEST_WORD: usize = 40;

/// How many words a [`Normalizer`] remembers; man pages use far fewer distinct words.
const CACHED_WORDS: usize = 100_000;

/// Lower case, English stop words dropped (when asked), English stemming: tantivy's
/// `LowerCaser`, `StopWordFilter` and `Stemmer` in one filter that remembers each word's
/// outcome. Man pages repeat a small vocabulary, and analysing every occurrence anew was most
/// of the cost of indexing option help.
#[derive(Clone)]
struct Normalizer {
    stop_words: bool,
}

impl TokenFilter for Normalizer {
    type Tokenizer<T: Tokenizer> = NormalizerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> NormalizerFilter<T> {
        NormalizerFilter {
            inner: tokenizer,
            stop_words: self.stop_words,
            words: Words::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

/// Words as they appear → what the index keeps of them (`None`: nothing, a stop word or too
/// long), hashed the cheap way: the words are not chosen by an adversary, they come from the
/// pages being indexed or from one query.
type Words = HashMap<String, Option<String>, BuildHasherDefault<WordHasher>>;

/// FxHash: a rotate, a xor and a multiply per 8 bytes.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Clone)]
struct NormalizerFilter<T> {
    inner: T,
    stop_words: bool,
    words: Words,
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for NormalizerFilter<T> {
    type TokenStream<'a> = NormalizerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        NormalizerStream {
            tail: self.inner.token_stream(text),
            stop_words: self.stop_words,
            words: &mut self.words,
            stemmer: &mut self.stemmer,
        }
    }
}

struct NormalizerStream<'a, T> {
    tail: T,
    stop_words: bool,
    words: &'a mut Words,
    stemmer: &'a mut TextAnalyzer,
}

impl<T> NormalizerStream<'_, T> {
    /// What becomes of a word not seen before.
    fn normalize(&mut self, word: &str) -> Option<String> {
        if word.len() > LONGEST_WORD {
            return None;
        }
        let lower = word.to_lowercase();
        if self.stop_words && STOP_WORDS.contains(&lower.as_str()) {
            return None;
        }
        let stem = {
            let mut one = self.stemmer.token_stream(&lower);
            one.advance().then(|| one.token().text.clone())
        };
        Some(stem.unwrap_or(lower))
    }
}

impl<T: TokenStream> TokenStream for NormalizerStream<'_, T> {
    fn advance(&mut self) -> bool {
        loop {
            if !self.tail.advance() {
                return false;
            }
            let token = self.tail.token_mut();
            let kept = match self.words.get(&token.text) {
                Some(Some(kept)) => {
                    token.text.clear();
                    token.text.push_str(kept);
                    true
                }
                Some(None) => false,
                None => {
                    let word = std::mem::take(&mut token.text);
                    let outcome = self.normalize(&word);
                    let token = self.tail.token_mut();
                    if let Some(kept) = &outcome {
                        token.text.push_str(kept);
                    }
                    if self.words.len() >= CACHED_WORDS {
                        self.words.clear();
                    }
                    let kept = outcome.is_some();
                    self.words.insert(word, outcome);
                    kept
                }
            };
            if kept {
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Registers the analyzers the option fields name; needed on every index before it is
/// written or searched.
pub(crate) fn register(tokenizers: &TokenizerManager) {
    tokenizers.register(HELP_ANALYZER, help_analyzer());
    tokenizers.register(WORD_ANALYZER, word_analyzer());
}

/// The fields of option documents.
#[derive(Clone, Copy)]
pub(crate) struct OptionFields {
    flags: Field,
    help: Field,
    gist: Field,
    program: Field,
    pub(crate) scope: Field,
    pub(crate) key: Field,
}

impl OptionFields {
    pub(crate) fn add(b: &mut SchemaBuilder) -> OptionFields {
        let text = |analyzer: &str, record: IndexRecordOption, norms: bool| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analyzer)
                    .set_index_option(record)
                    .set_fieldnorms(norms),
            )
        };
        OptionFields {
            flags: b.add_text_field(
                "opt_flags",
                text(
                    WORD_ANALYZER,
                    IndexRecordOption::WithFreqsAndPositions,
                    true,
                ),
            ),
            help: b.add_text_field(
                "opt_help",
                text(
                    HELP_ANALYZER,
                    IndexRecordOption::WithFreqsAndPositions,
                    false,
                ),
            ),
            gist: b.add_text_field(
                "opt_gist",
                text(HELP_ANALYZER, IndexRecordOption::WithFreqs, true),
            ),
            program: b.add_text_field(
                "opt_program",
                text(WORD_ANALYZER, IndexRecordOption::WithFreqs, true),
            ),
            scope: b.add_text_field("opt_scope", STRING),
            key: b.add_text_field("opt_key", STORED),
        }
    }
}

/// One option found by a search: what `explain search` prints and `--json` returns (the
/// search contract in docs/json.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The program's name: the page's name, or a builtin's (`cd`).
    pub program: String,
    /// The words that run it: `tar`, `git commit`, `docker container run`, `cd`.
    pub command: String,
    /// The page that documents it, as cited: `tar(1)`, `git-commit(1)`, `bash(1)`.
    pub page: String,
    /// Every spelling, in page order.
    pub flags: Vec<String>,
    /// The argument's name, if it takes one.
    pub argument: Option<String>,
    /// Whether the argument may be left out (`--color[=WHEN]`).
    #[serde(default)]
    pub argument_optional: bool,
    /// The spellings as one compact line: `-f, --file=ARCHIVE`.
    pub spellings: String,
    /// The first sentence of the help.
    pub summary: String,
    /// A command line that explains this option: `tar --preserve-permissions`.
    pub explain: String,
    /// Other pages that document the same option with the same words (`docker-run(1)` beside
    /// `docker-container-run(1)`); they are not listed again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// The relevance score (BM25 with field boosts); only the order within one answer means
    /// anything.
    #[serde(default)]
    pub score: f32,
}

/// The version of the search JSON (docs/json.md); bumped when a rule of that contract breaks.
pub const SEARCH_JSON_VERSION: u32 = 1;

/// A search's answer as `explain search --json` and `/api/v1/search` print it.
#[derive(Debug, Clone, Serialize)]
pub struct SearchAnswer {
    /// [`SEARCH_JSON_VERSION`].
    pub version: u32,
    /// The words as given.
    pub query: String,
    /// The `--in` program, if any.
    #[serde(rename = "in")]
    pub within: Option<String>,
    /// Best first.
    pub results: Vec<Hit>,
}

impl SearchAnswer {
    /// The answer to `query` (within `within`): `results`.
    pub fn new(query: &str, within: Option<&str>, results: Vec<Hit>) -> SearchAnswer {
        SearchAnswer {
            version: SEARCH_JSON_VERSION,
            query: query.to_string(),
            within: within.map(str::to_string),
            results,
        }
    }
}

/// Why a search has no answer.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Nothing in the query is a word that could match (empty, only punctuation or stop words).
    #[error("the query has no words to search for")]
    NoWords,
    /// `--in` names no page in the index.
    #[error("no page for `{0}` is in the index")]
    UnknownProgram(String),
    /// The index failed.
    #[error(transparent)]
    Store(#[from] crate::StoreError),
}

/// The scope term of a program name: `git commit`, `git-commit` and `git_commit` are one.
pub(crate) fn scope_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for part in name.split(|c: char| c == '-' || c == '_' || c.is_whitespace()) {
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(part);
    }
    out
}

/// The words that run a page's program: the page name, or its name with spaces where the
/// synopsis shows them (`git-commit` → `git commit`, `git-ls-remote` → `git ls-remote`,
/// `gcloud_compute_instances_create` → `gcloud compute instances create`).
fn command_words(page: &Page) -> String {
    if page.origin.is_inside_another() || !page.name.contains(['-', '_']) {
        return page.name.clone();
    }
    let synopsis: Vec<String> = page.synopsis.iter().map(|s| s.plain()).collect();
    let shows = |words: &str| {
        synopsis.iter().any(|plain| {
            plain
                .strip_prefix(words)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
    };
    // The first k separators as spaces, most spaces first.
    let separators: Vec<usize> = page
        .name
        .match_indices(['-', '_'])
        .map(|(i, _)| i)
        .collect();
    for k in (1..=separators.len()).rev() {
        let mut words = page.name.clone();
        for &i in &separators[..k] {
            words.replace_range(i..i + 1, " ");
        }
        if shows(&words) {
            return words;
        }
    }
    page.name.clone()
}

/// The first sentence of a text: up to a `.`, `!` or `?` followed by a blank and a capital
/// letter (or the end), not after a common abbreviation; at most [`SUMMARY_CHARS`].
fn first_sentence(text: &str) -> String {
    // Only the first SUMMARY_CHARS characters can be kept, so only they are looked at.
    let limit = text
        .char_indices()
        .nth(SUMMARY_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let mut end = None;
    for (pos, c) in text[..limit].char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut rest = text[pos + c.len_utf8()..].chars();
        let ends = match rest.next() {
            None => true,
            Some(n) if n.is_whitespace() => rest.next().is_none_or(|a| !a.is_lowercase()),
            _ => false,
        };
        if !ends {
            continue;
        }
        let word = text[..pos]
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        let abbreviation = [
            "e.g", "i.e", "etc", "cf", "vs", "approx", "ca", "no", "resp",
        ]
        .iter()
        .any(|a| word.eq_ignore_ascii_case(a));
        if abbreviation && pos + c.len_utf8() < text.len() {
            continue;
        }
        end = Some(pos + c.len_utf8());
        break;
    }
    match end {
        Some(end) => text[..end].trim().to_string(),
        None if limit == text.len() => text.trim().to_string(),
        None => {
            let cut = &text[..limit];
            let cut = match cut.rfind(' ') {
                Some(i) if i > limit / 2 => &cut[..i],
                _ => cut,
            };
            format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
        }
    }
}

/// The opening words of a description, up to the first clause break (`;`, `:`, `(`, or a
/// `.` before a blank), at most [`GIST_WORDS`] words: what the option does, as in `sort by
/// time, newest first`.
fn gist(text: &str) -> &str {
    let text = text.trim_start();
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, ';' | ':' | '(')
                || (c == '.' && text[i + 1..].starts_with(|n: char| n.is_whitespace()))
        })
        .map_or(text.len(), |(i, _)| i);
    let clause = &text[..end];
    // The end of the GIST_WORDS-th word.
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in clause.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == GIST_WORDS {
                    return &clause[..i];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    clause
}

/// The spellings as one line, the argument after the last: `-f, --file=ARCHIVE`,
/// `--color[=WHEN]`, `-k KEYDEF`, `if=FILE`.
fn spellings(opt: &OptionDef) -> String {
    let mut out = opt
        .flags
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if let (Some(arg), Some(last)) = (&opt.argument, opt.flags.last()) {
        let optional = arg.need == ArgumentNeed::Optional;
        let glue = match last.style {
            FlagStyle::Long | FlagStyle::Assignment => "=",
            FlagStyle::Short if optional => "",
            _ => " ",
        };
        if optional {
            out.push_str(&format!("[{glue}{}]", arg.name));
        } else {
            out.push_str(&format!("{glue}{}", arg.name));
        }
    }
    out
}

/// The spelling used in the command line that explains an option: the first long one, else
/// the first.
fn explain_flag(opt: &OptionDef) -> String {
    let flag = opt
        .flags
        .iter()
        .find(|f| f.style == FlagStyle::Long)
        .or(opt.flags.first());
    match flag {
        Some(f) if f.style == FlagStyle::Assignment => format!("{}=", f.text),
        Some(f) => f.text.clone(),
        None => String::new(),
    }
}

/// The option documents of one page (or builtin).
pub(crate) fn option_documents(fields: &OptionFields, page: &Page, out: &mut Vec<TantivyDocument>) {
    if page.options.is_empty() {
        return;
    }
    // What `--in` finds this page by: every name, every leading part of a sub-command's words
    // (`git`, `gcloud compute` for `gcloud compute instances create`), and for a builtin the
    // page that documents it (`bash`).
    let command = command_words(page);
    let mut scopes: Vec<String> = page.names.iter().map(|n| scope_key(n)).collect();
    let words: Vec<&str> = command.split(' ').collect();
    for n in 1..words.len() {
        scopes.push(words[..n].join("-"));
    }
    if page.origin.is_inside_another()
        && let Some(parent) = page.citation().split('(').next()
    {
        scopes.push(scope_key(parent));
    }
    scopes.sort();
    scopes.dedup();
    let names = page.names.join(" ");
    let builtin = u8::from(page.origin.is_inside_another());
    let mut text = String::new();
    for (index, opt) in page.options.iter().enumerate() {
        if opt.flags.is_empty() {
            continue;
        }
        let mut doc = TantivyDocument::default();
        for f in &opt.flags {
            doc.add_text(fields.flags, &f.text);
        }
        // The help as one text, paragraphs one blank line apart: the analyzer splits words
        // itself, so nothing needs normalising first.
        text.clear();
        let mut first = None;
        for para in &opt.help {
            let start = text.len();
            for run in &para.runs {
                text.push_str(&run.text);
            }
            if first.is_none() && !text[start..].trim().is_empty() {
                first = Some(start..text.len());
            }
            text.push_str("\n\n");
        }
        doc.add_text(fields.help, &text);
        if let Some(range) = first {
            doc.add_text(fields.gist, gist(&text[range]));
        }
        doc.add_text(fields.program, &names);
        for s in &scopes {
            doc.add_text(fields.scope, s);
        }
        // The hit is built from the page when found: only where the option is is kept.
        doc.add_text(
            fields.key,
            format!("{index}\t{builtin}\t{}\t{}", page.section, page.name),
        );
        out.push(doc);
    }
}

/// Where an option document's option is: its page's name and section, whether that page is a
/// builtin, and the option's place in the page.
pub(crate) struct OptionKey<'a> {
    pub(crate) name: &'a str,
    pub(crate) section: &'a str,
    pub(crate) builtin: bool,
    pub(crate) index: usize,
}

impl OptionKey<'_> {
    pub(crate) fn parse(key: &str) -> Option<OptionKey<'_>> {
        let mut parts = key.splitn(4, '\t');
        let index = parts.next()?.parse().ok()?;
        let builtin = parts.next()? == "1";
        let section = parts.next()?;
        let name = parts.next()?;
        Some(OptionKey {
            name,
            section,
            builtin,
            index,
        })
    }

    /// Whether `page` is the page this key names.
    pub(crate) fn names(&self, page: &Page) -> bool {
        page.name == self.name
            && page.section == self.section
            && page.origin.is_inside_another() == self.builtin
    }
}

/// The hit for option `index` of `page`.
pub(crate) fn hit(page: &Page, index: usize, score: Score) -> Option<Hit> {
    let opt = page.options.get(index)?;
    let command = command_words(page);
    let summary = opt
        .help
        .iter()
        .map(|t| t.plain())
        .find(|p| !p.is_empty())
        .unwrap_or_default();
    Some(Hit {
        program: page.name.clone(),
        explain: format!("{command} {}", explain_flag(opt)),
        command,
        page: page.citation(),
        flags: opt.flags.iter().map(|f| f.text.clone()).collect(),
        argument: opt.argument.as_ref().map(|a| a.name.clone()),
        argument_optional: opt
            .argument
            .as_ref()
            .is_some_and(|a| a.need == ArgumentNeed::Optional),
        spellings: spellings(opt),
        summary: first_sentence(&summary),
        also: Vec::new(),
        score,
    })
}

/// The words of `text` after an analyzer, with their positions.
fn analyze(mut analyzer: TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}

fn term_clauses(
    field: Field,
    words: &[(usize, String)],
    boost: f32,
    out: &mut Vec<(Occur, Box<dyn Query>)>,
) {
    let mut seen = Vec::new();
    for (_, w) in words {
        if seen.contains(&w) {
            continue;
        }
        seen.push(w);
        let q = TermQuery::new(
            Term::from_field_text(field, w),
            IndexRecordOption::WithFreqs,
        );
        out.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
    }
}

fn phrase_clause(
    field: Field,
    words: &[(usize, String)],
    slop: u32,
    boost: f32,
    out: &mut Vec<(Occur, Box<dyn Query>)>,
) {
    if words.len() < 2 {
        return;
    }
    let first = words[0].0;
    let terms = words
        .iter()
        .map(|(p, w)| (p - first, Term::from_field_text(field, w)))
        .collect();
    let q = PhraseQuery::new_with_offset_and_slop(terms, slop);
    out.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
}

/// How much an option's score depends on having all of the query's words: an option with a
/// share `c` of them gets `c^COVERAGE_POWER` of its BM25 score. Words count by their rarity
/// (IDF), so missing a filler word (`use`, `show`) costs little and missing the word that
/// matters costs much: for `remote port forwarding`, ssh's `-R` (all three) comes before
/// dockerd's `--ip-forward` (one).
const COVERAGE_POWER: f32 = 1.5;

/// Words that make a query ask for the opposite of something.
const NEGATIONS: &[&str] = &[
    "no", "not", "don", "dont", "never", "without", "disable", "off", "avoid", "prevent", "stop",
];

/// The share of its score a `--no-...` option keeps when the query is not negative: `ignore
/// case` means `-i, --ignore-case` more than `--no-ignore-case`, which mentions the same words.
const NEGATED_OPTION: f32 = 0.6;

/// Whether every long spelling of an option turns something off (`--no-ignore-case`).
fn negated(hit: &Hit) -> bool {
    let mut long = hit.flags.iter().filter(|f| f.starts_with("--")).peekable();
    long.peek().is_some()
        && long.all(|f| {
            ["--no-", "--without-", "--disable-", "--skip-"]
                .iter()
                .any(|p| f.starts_with(p))
        })
}

/// Scores that depend on the whole hit: a query that is not negative puts options that turn
/// something off after the others.
pub(crate) fn adjust(plan: &Plan, hits: &mut [Hit]) {
    if plan.negative {
        return;
    }
    for hit in hits.iter_mut().filter(|h| negated(h)) {
        hit.score *= NEGATED_OPTION;
    }
}

/// A query read into words: what [`build_query`] and [`collector`] work from.
pub(crate) struct Plan {
    /// Words of the help analyzer (stop words gone), with positions.
    help_words: Vec<(usize, String)>,
    /// Words of the spellings analyzer, with positions.
    flag_words: Vec<(usize, String)>,
    /// Two neighbouring words written as one, as flags often are (`one line` → `oneline`),
    /// with the words they join (as the help analyzer reads them).
    compounds: Vec<(String, [String; 2])>,
    /// Whether the query asks for something not to happen (`don't`, `without`, `never`).
    negative: bool,
}

impl Plan {
    /// Reads the query; `None` when it has no word to search for.
    pub(crate) fn new(text: &str) -> Option<Plan> {
        let help_words = analyze(help_analyzer(), text);
        let flag_words = analyze(word_analyzer(), text);
        if help_words.is_empty() && flag_words.is_empty() {
            return None;
        }
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build();
        let raw = analyze(plain, text);
        let stem = |w: &str| analyze(word_analyzer(), w).pop().map(|t| t.1);
        let compounds = raw
            .windows(2)
            .filter(|w| w[1].0 == w[0].0 + 1)
            .filter_map(|w| {
                Some((
                    stem(&format!("{}{}", w[0].1, w[1].1))?,
                    [stem(&w[0].1)?, stem(&w[1].1)?],
                ))
            })
            .collect();
        let negative = raw.iter().any(|(_, w)| NEGATIONS.contains(&w.as_str()));
        Some(Plan {
            help_words,
            flag_words,
            compounds,
            negative,
        })
    }

    /// The words coverage counts, each with the terms that find it in any field.
    fn coverage_terms(&self, fields: &OptionFields) -> Vec<Vec<Term>> {
        let words = if self.help_words.is_empty() {
            &self.flag_words
        } else {
            &self.help_words
        };
        let mut distinct: Vec<&String> = words.iter().map(|w| &w.1).collect();
        distinct.sort();
        distinct.dedup();
        distinct
            .iter()
            .map(|w| {
                let mut terms: Vec<Term> = [fields.help, fields.flags, fields.program]
                    .iter()
                    .map(|&f| Term::from_field_text(f, w))
                    .collect();
                // A compound spelling has both of its words.
                for (c, parts) in &self.compounds {
                    if parts.iter().any(|p| p == *w) {
                        terms.push(Term::from_field_text(fields.flags, c));
                    }
                }
                terms
            })
            .collect()
    }
}

/// Collects the best `limit` options, each score scaled by the (IDF-weighted) share of the
/// query's words the option has anywhere: help, spellings or program names.
pub(crate) fn collector(
    fields: &OptionFields,
    plan: &Plan,
    searcher: &tantivy::Searcher,
    limit: usize,
) -> impl Collector<Fruit = Vec<(Score, DocAddress)>> + use<> {
    let terms = plan.coverage_terms(fields);
    let docs = searcher.num_docs() as f32;
    let weights: Vec<f32> = terms
        .iter()
        .map(|alternatives| {
            // The rarity of the word in help text, where most of the words are.
            let df = searcher.doc_freq(&alternatives[0]).unwrap_or(0) as f32;
            (1.0 + (docs - df + 0.5) / (df + 0.5)).ln()
        })
        .collect();
    let total: f32 = weights.iter().sum::<f32>().max(f32::MIN_POSITIVE);
    let words: Arc<Vec<(f32, Vec<Term>)>> = Arc::new(weights.into_iter().zip(terms).collect());
    TopDocs::with_limit(limit).tweak_score(move |segment: &SegmentReader| {
        let postings: Vec<(f32, Vec<SegmentPostings>)> = words
            .iter()
            .map(|(weight, alternatives)| {
                let lists = alternatives
                    .iter()
                    .filter_map(|t| {
                        segment
                            .inverted_index(t.field())
                            .ok()?
                            .read_postings(t, IndexRecordOption::Basic)
                            .ok()?
                    })
                    .collect();
                (*weight, lists)
            })
            .collect();
        let postings = Mutex::new(postings);
        move |doc: DocId, score: Score| {
            let Ok(mut postings) = postings.lock() else {
                return score;
            };
            // Documents come in increasing order within a segment, so each list only moves on.
            let mut matched = 0.0;
            for (weight, lists) in postings.iter_mut() {
                let mut found = false;
                for p in lists.iter_mut() {
                    if p.doc() < doc {
                        p.seek(doc);
                    }
                    found |= p.doc() == doc;
                }
                if found {
                    matched += *weight;
                }
            }
            score * (matched / total).powf(COVERAGE_POWER)
        }
    })
}

/// Builds the query, restricted to the `--in` scope when given.
pub(crate) fn build_query(
    fields: &OptionFields,
    plan: &Plan,
    scope: Option<&str>,
) -> Box<dyn Query> {
    let Plan {
        help_words,
        flag_words,
        compounds,
        ..
    } = plan;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    term_clauses(fields.help, help_words, BOOST_HELP, &mut clauses);
    term_clauses(fields.gist, help_words, BOOST_GIST, &mut clauses);
    term_clauses(fields.flags, flag_words, BOOST_FLAGS, &mut clauses);
    term_clauses(fields.program, flag_words, BOOST_PROGRAM, &mut clauses);
    let compounds: Vec<(usize, String)> = compounds.iter().map(|c| (0, c.0.clone())).collect();
    term_clauses(fields.flags, &compounds, BOOST_FLAGS, &mut clauses);
    for (i, (_, first)) in help_words.iter().enumerate() {
        for (_, second) in help_words.iter().skip(i + 1).take(PAIR_SPAN) {
            if first != second {
                let pair = [(0, first.clone()), (1, second.clone())];
                phrase_clause(fields.help, &pair, PAIR_SLOP, BOOST_PAIR, &mut clauses);
            }
        }
    }
    phrase_clause(
        fields.flags,
        flag_words,
        0,
        BOOST_FLAGS_PHRASE,
        &mut clauses,
    );
    let matching: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
    match scope {
        None => matching,
        Some(s) => {
            let filter = TermQuery::new(
                Term::from_field_text(fields.scope, &scope_key(s)),
                IndexRecordOption::Basic,
            );
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, matching),
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(filter), 0.0)),
                ),
            ]))
        }
    }
}

/// Folds hits that document the same option in the same words on several pages into the best
/// of them (the first; on equal scores the shortest command), and keeps `limit`.
pub(crate) fn fold(mut hits: Vec<Hit>, limit: usize) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.command.len().cmp(&b.command.len()))
            .then(a.command.cmp(&b.command))
            .then(a.page.cmp(&b.page))
            .then(a.flags.cmp(&b.flags))
    });
    let mut out: Vec<Hit> = Vec::new();
    let mut seen: HashMap<(Vec<String>, String), usize> = HashMap::new();
    for hit in hits {
        let key = (hit.flags.clone(), hit.summary.clone());
        if let Some(&i) = seen.get(&key) {
            if !out[i].also.contains(&hit.page) && out[i].page != hit.page {
                out[i].also.push(hit.page);
            }
            continue;
        }
        if out.len() == limit {
            continue;
        }
        seen.insert(key, out.len());
        out.push(hit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentences() {
        assert_eq!(
            first_sentence("Extract files. Arguments are optional."),
            "Extract files."
        );
        assert_eq!(
            first_sentence("print sizes in human readable format (e.g., 1K 234M 2G)"),
            "print sizes in human readable format (e.g., 1K 234M 2G)"
        );
        assert_eq!(
            first_sentence("Use file.txt, e.g. Foo. Then more."),
            "Use file.txt, e.g. Foo."
        );
        assert_eq!(
            first_sentence("Version 1.2 is used. More."),
            "Version 1.2 is used."
        );
        let long = "word ".repeat(100);
        let s = first_sentence(&long);
        assert!(
            s.ends_with('…') && s.chars().count() <= SUMMARY_CHARS,
            "{s}"
        );
    }

    #[test]
    fn scope_keys_join_words() {
        assert_eq!(scope_key("git commit"), "git-commit");
        assert_eq!(scope_key("git_commit"), "git-commit");
        assert_eq!(scope_key(" gcloud  compute "), "gcloud-compute");
        assert_eq!(scope_key("tar"), "tar");
    }

    #[test]
    fn flag_words_are_split_and_stemmed() {
        let words: Vec<String> = analyze(word_analyzer(), "--preserve-permissions")
            .into_iter()
            .map(|w| w.1)
            .collect();
        assert_eq!(words, ["preserv", "permiss"]);
        let words: Vec<String> = analyze(help_analyzer(), "the numbers of lines")
            .into_iter()
            .map(|w| w.1)
            .collect();
        assert_eq!(words, ["number", "line"]);
    }
}
