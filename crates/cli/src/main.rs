//! `explain`: explains shell command lines from real man pages.
//!
//! `explain 'tar -xzvf x.tgz'` prints the command with each part numbered and the help that
//! documents each; `--json` prints the same as the JSON contract in docs/json.md. Management
//! commands (`index`, `search`, `dump-options`, `serve`, `lsp`, ...) are recognised only as the first
//! argument, and `--` before the command line turns that off: `explain -- index foo` explains a
//! program called `index`.

/// Indexing allocates and frees many small strings on both cores; mimalloc spends less time on
/// that than glibc's allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod default_index;
mod eval;
mod eval_scripts;
mod search;
mod terminal;

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "explain",
    version,
    about = "Explain a shell command line from real man pages",
    long_about = "Explain a shell command line from real man pages.\n\n\
        Every program, option, argument and piece of shell syntax is tied to the help that documents it, \
        taken from the man pages in the index. Nothing is run.",
    subcommand_precedence_over_arg = false,
    after_help = "Examples:\n  explain 'tar -xzvf x.tgz'\n  explain --json 'ls -la | sort -k5 -n'\n  \
        cat script.sh | explain -\n  explain search 'preserve permissions' --in tar\n  \
        explain index --output ~/man-index /usr/share/man\n  \
        explain --index ~/man-index 'gcloud compute instances create vm1'\n\n\
        A first argument that names a command below runs that command; put `--` first to explain a \
        program of that name instead: explain -- index foo"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// The command line to explain, as one argument (several are joined with spaces); `-` reads
    /// it from standard input, so a whole script can be piped in.
    #[arg(value_name = "COMMAND LINE", trailing_var_arg = true)]
    line: Vec<String>,

    /// Print the explanation as JSON (version 2 of the contract in docs/json.md).
    #[arg(long)]
    json: bool,

    /// When to use colours: auto follows the terminal and NO_COLOR.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    /// The index to read (built by `explain index`); without it, the shipped corpus is used.
    #[arg(long, env = "EXPLAIN_INDEX", value_name = "DIR", global = true)]
    index: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Build an index from man trees, folders of pages or single page files.
    Index {
        /// Where to write the index; an index already there is replaced only once the new one is complete.
        #[arg(long, short, value_name = "DIR")]
        output: PathBuf,
        /// Manual trees (folders holding man1/, man8/, ...), folders of pages, or page files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print only the summary line: no progress bar and no list of the files skipped (their
        /// count stays in the summary).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Find options by what they do, searching the help of every option in the index.
    ///
    /// Prints the best matches first, one per line: `tar -p, --preserve-permissions: first
    /// sentence of its help [tar(1)]`.
    ///
    /// Exit status: 0 when something matched, 1 when nothing did (or --in names no page), 2 when
    /// the query has no words to search for.
    #[command(after_help = "Examples:\n  explain search 'preserve permissions'\n  \
        explain search gzip --in tar\n  explain search 'amend the last commit' --in git\n  \
        explain search --json --limit 3 'remote port forwarding'")]
    Search {
        /// What the option does, in your own words; several arguments are joined with spaces.
        /// Words are matched with English stemming; nothing is query syntax.
        #[arg(value_name = "WORDS", required = true)]
        words: Vec<String>,
        /// Only options of this program and of its sub-command pages (`git` covers `git commit`;
        /// `git commit` or `git-commit` names one sub-command; `bash` covers its builtins).
        #[arg(long = "in", value_name = "PROGRAM")]
        within: Option<String>,
        /// How many options to list at most.
        #[arg(long, default_value_t = 10, value_name = "N",
              value_parser = clap::value_parser!(u16).range(1..=1000))]
        limit: u16,
        /// Print the results as JSON (the search contract in docs/json.md).
        #[arg(long)]
        json: bool,
        /// When to use colours: auto follows the terminal and NO_COLOR.
        #[arg(long, value_enum, value_name = "WHEN")]
        color: Option<ColorChoice>,
    },
    /// Print `page<TAB>option` for every option in the index (page relative to its tree root).
    /// A developer's tool (the option-recall scripts read it), left out of `--help`.
    #[command(hide = true)]
    DumpOptions,
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print this program's own man page (roff). Not `man`, which is a program people explain.
    ManPage,
    /// Serve the web pages and the JSON API (`/api/v2/explain?cmd=...`) until Ctrl-C.
    Serve {
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
        addr: std::net::SocketAddr,
    },
    /// Run a language server on standard input and output: hovers explain shell scripts and
    /// the shell blocks of markdown files (see docs/editors.md).
    Lsp,
    /// Measure how much of a corpus of real command lines is explained: examples whose program
    /// has a page, and option tokens tied to their documentation. A developer's tool, left out
    /// of `--help`.
    #[command(hide = true)]
    Eval {
        /// A JSON-lines corpus such as tldr-commands.jsonl.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// How many programs to list, worst first.
        #[arg(long, default_value_t = 20)]
        worst: usize,
        /// How many lines with unexplained options to list.
        #[arg(long, default_value_t = 50)]
        misses: usize,
        /// How many of the most used programs without a page to list.
        #[arg(long, default_value_t = 30)]
        missing: usize,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Measure how much of real shell scripts is explained, and how much looks wrong: option
    /// words tied to their documentation, unknown spans by cause, option spans whose help
    /// does not name their flag. A developer's tool, left out of `--help`.
    #[command(hide = true)]
    EvalScripts {
        /// Script files, or folders to search for files with a sh, bash or dash shebang.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        /// How many programs to list, worst first.
        #[arg(long, default_value_t = 20)]
        worst: usize,
        /// How many suspicious spans and unexplained option words to list.
        #[arg(long, default_value_t = 50)]
        examples: usize,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(search::protect_words(std::env::args_os().collect())) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("explain: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Index {
            output,
            paths,
            quiet,
        }) => index(&output, &paths, quiet),
        Some(Command::DumpOptions) => dump_options(cli.index.as_deref()),
        Some(Command::Search {
            ref words,
            ref within,
            limit,
            json,
            color,
        }) => search(
            &cli,
            &search::unprotect(words).join(" "),
            within.as_deref(),
            limit.into(),
            json || cli.json,
            color.unwrap_or(cli.color),
        ),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "explain",
                &mut out,
            );
            emit(&String::from_utf8_lossy(&out));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::ManPage) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?;
            emit(&String::from_utf8_lossy(&out));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Serve { addr }) => {
            let store = default_index::open(cli.index.as_deref())?;
            web::run(addr, store)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Lsp) => {
            let store = default_index::open(cli.index.as_deref())?;
            let clean = lsp::run_stdio(&store)?;
            Ok(if clean {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Some(Command::Eval {
            file,
            worst,
            misses,
            missing,
            json,
        }) => {
            let store = default_index::open(cli.index.as_deref())?;
            let limits = eval::Limits {
                worst,
                misses,
                missing,
            };
            emit(&eval::run(&store, &file, &limits, json)?);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::EvalScripts {
            paths,
            worst,
            examples,
            json,
        }) => {
            let store = default_index::open(cli.index.as_deref())?;
            let files = eval_scripts::scripts(&paths)?;
            let limits = eval_scripts::Limits { worst, examples };
            emit(&eval_scripts::run(&store, &files, &limits, json)?);
            Ok(ExitCode::SUCCESS)
        }
        None => explain(&cli),
    }
}

fn explain(cli: &Cli) -> anyhow::Result<ExitCode> {
    let line = if cli.line.len() == 1 && cli.line[0] == "-" {
        let mut s = String::new();
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading the command line from standard input")?;
        s.push_str(&String::from_utf8_lossy(&bytes));
        s
    } else {
        cli.line.join(" ")
    };
    if line.trim().is_empty() {
        eprintln!(
            "explain: nothing to explain: give a command line, e.g. explain 'tar -xzvf x.tgz' (see explain --help)"
        );
        return Ok(ExitCode::from(2));
    }
    let store = default_index::open(cli.index.as_deref())?;
    let ex = matcher::explain_str(&line, &store)?;
    if cli.json {
        let json = serde_json::to_string_pretty(&render::json::v2(&ex))?;
        emit(&format!("{json}\n"));
        return Ok(ExitCode::SUCCESS);
    }
    let color = use_color(cli.color);
    let width = terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .unwrap_or(80)
        .clamp(40, 120);
    emit(&terminal::render(&ex, &terminal::Style { color, width }));
    Ok(ExitCode::SUCCESS)
}

/// Whether to paint: `auto` follows the terminal and NO_COLOR.
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn search(
    cli: &Cli,
    query: &str,
    within: Option<&str>,
    limit: usize,
    json: bool,
    color: ColorChoice,
) -> anyhow::Result<ExitCode> {
    if within.is_some_and(|w| w.trim().is_empty()) {
        eprintln!("explain: --in needs a program name, e.g. --in tar");
        return Ok(ExitCode::from(2));
    }
    let store = default_index::open(cli.index.as_deref())?;
    let hits = match store.search(query, within, limit) {
        Ok(hits) => hits,
        Err(e @ store::SearchError::NoWords) => {
            eprintln!("explain: {e}: give some, e.g. explain search 'preserve permissions'");
            return Ok(ExitCode::from(2));
        }
        Err(store::SearchError::UnknownProgram(p)) => {
            eprintln!(
                "explain: no page for `{p}` is in the index {}; search without --in, or build an index that has it (explain index)",
                store.location()
            );
            return Ok(ExitCode::from(1));
        }
        Err(store::SearchError::Store(e)) => return Err(e.into()),
    };
    if json {
        let answer = store::SearchAnswer::new(query, within, hits.clone());
        emit(&format!("{}\n", serde_json::to_string_pretty(&answer)?));
    } else if !hits.is_empty() {
        let width = std::io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size().map(|(w, _)| (w.0 as usize).max(40)))
            .flatten();
        let style = search::Style {
            color: use_color(color),
            width,
        };
        emit(&search::render(&hits, &style));
    }
    if hits.is_empty() {
        let place = within.map(|w| format!(" of {w}")).unwrap_or_default();
        eprintln!("explain: no option{place} matches `{query}`; try other words");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn index(output: &std::path::Path, paths: &[PathBuf], quiet: bool) -> anyhow::Result<ExitCode> {
    let mut job = indexer::Job::new();
    for p in paths {
        job.add_path(p)
            .with_context(|| format!("cannot read {}", p.display()))?;
    }
    if job.is_empty() {
        eprintln!(
            "explain: no man pages found under {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(ExitCode::from(1));
    }
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(job.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} reading pages {bar:40} {pos}/{len} ({eta})",
            )
            .expect("valid template"),
        );
        Some(bar)
    } else {
        None
    };
    let start = std::time::Instant::now();
    let (pages, report) = job.read_pages(&|n| {
        if let Some(b) = &bar
            && n % 64 == 0
        {
            b.set_position(n as u64);
        }
    });
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    store::write(output, &pages)
        .with_context(|| format!("writing the index to {}", output.display()))?;
    let elapsed = start.elapsed();
    emit(&format!(
        "indexed {} pages ({} options, {} aliases) from {} files in {:.2}s (reading {:.2}s) into {}{}\n",
        report.pages,
        report.options,
        report.aliases,
        job.len(),
        elapsed.as_secs_f64(),
        report.elapsed.as_secs_f64(),
        output.display(),
        if report.skipped.is_empty() {
            String::new()
        } else {
            format!("; {} files skipped", report.skipped.len())
        }
    ));
    if !quiet && !report.skipped.is_empty() {
        let mut text = format!("skipped {} files:\n", report.skipped.len());
        for s in &report.skipped {
            text.push_str(&format!("  {}: {}\n", s.file, s.reason));
        }
        emit(&text);
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to standard output; a closed pipe (`explain ... | head`) ends the output quietly.
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}

fn dump_options(index: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let store = default_index::open(index)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for page in store.all_pages()? {
        for opt in &page.options {
            for flag in &opt.flags {
                if writeln!(out, "{}\t{}", page.source, flag.text).is_err() {
                    return Ok(ExitCode::SUCCESS);
                }
            }
        }
    }
    let _ = out.flush();
    Ok(ExitCode::SUCCESS)
}
