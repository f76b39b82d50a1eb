# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_explain_global_optspecs
    string join \n json color= index= h/help V/version
end

function __fish_explain_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_explain_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_explain_using_subcommand
    set -l cmd (__fish_explain_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c explain -n "__fish_explain_needs_command" -l color -d 'When to use colours: auto follows the terminal and NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c explain -n "__fish_explain_needs_command" -l index -d 'The index to read (built by `explain index`); without it, the shipped corpus is used' -r -F
complete -c explain -n "__fish_explain_needs_command" -l json -d 'Print the explanation as JSON (version 2 of the contract in docs/json.md)'
complete -c explain -n "__fish_explain_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c explain -n "__fish_explain_needs_command" -s V -l version -d 'Print version'
complete -c explain -n "__fish_explain_needs_command" -a "index" -d 'Build an index from man trees, folders of pages or single page files'
complete -c explain -n "__fish_explain_needs_command" -a "search" -d 'Find options by what they do, searching the help of every option in the index'
complete -c explain -n "__fish_explain_needs_command" -a "dump-options" -d 'Print `page<TAB>option` for every option in the index (page relative to its tree root). A developer\'s tool (the option-recall scripts read it), left out of `--help`'
complete -c explain -n "__fish_explain_needs_command" -a "completions" -d 'Print a completion script for a shell (bash, zsh, fish, elvish, powershell)'
complete -c explain -n "__fish_explain_needs_command" -a "man-page" -d 'Print this program\'s own man page (roff). Not `man`, which is a program people explain'
complete -c explain -n "__fish_explain_needs_command" -a "serve" -d 'Serve the web pages and the JSON API (`/api/v2/explain?cmd=...`) until Ctrl-C'
complete -c explain -n "__fish_explain_needs_command" -a "lsp" -d 'Run a language server on standard input and output: hovers explain shell scripts and the shell blocks of markdown files (see docs/editors.md)'
complete -c explain -n "__fish_explain_needs_command" -a "eval" -d 'Measure how much of a corpus of real command lines is explained: examples whose program has a page, and option tokens tied to their documentation. A developer\'s tool, left out of `--help`'
complete -c explain -n "__fish_explain_needs_command" -a "eval-scripts" -d 'Measure how much of real shell scripts is explained, and how much looks wrong: option words tied to their documentation, unknown spans by cause, option spans whose help does not name their flag. A developer\'s tool, left out of `--help`'
complete -c explain -n "__fish_explain_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c explain -n "__fish_explain_using_subcommand index" -s o -l output -d 'Where to write the index; an index already there is replaced only once the new one is complete' -r -F
complete -c explain -n "__fish_explain_using_subcommand index" -l index -d 'The index to read (built by `explain index`); without it, the shipped corpus is used' -r -F
complete -c explain -n "__fish_explain_using_subcommand index" -s q -l quiet -d 'Print only the summary line: no progress bar and no list of the files skipped (their count stays in the summary)'
complete -c explain -n "__fish_explain_using_subcommand index" -s h -l help -d 'Print help'
complete -c explain -n "__fish_explain_using_subcommand search" -l in -d 'Only options of this program and of its sub-command pages (`git` covers `git commit`; `git commit` or `git-commit` names one sub-command; `bash` covers its builtins)' -r
complete -c explain -n "__fish_explain_using_subcommand search" -l limit -d 'How many options to list at most' -r
complete -c explain -n "__fish_explain_using_subcommand search" -l color -d 'When to use colours: auto follows the terminal and NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c explain -n "__fish_explain_using_subcommand search" -l index -d 'The index to read (built by `explain index`); without it, the shipped corpus is used' -r -F
complete -c explain -n "__fish_explain_using_subcommand search" -l json -d 'Print the results as JSON (the search contract in docs/json.md)'
complete -c explain -n "__fish_explain_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c explain -n "__fish_explain_using_subcommand dump-options" -l index -d 'The index to read (built by `explain index`); without it, the shipped corpus is used' -r -F
complete -c explain -n "__fish_explain_using_subcommand dump-options" -s h -l help -d 'Print help'
complete -c explain -n "__fish_explain_using_subcommand completions" -l index -d 'The index to read (built by `explain index`); without it, the shipped corpus is used' -r -F
complete -c explain -n "__fish_explain_using_subcommand completions" -s h -l help -d 'Print help'
complete -c explain -n "__fish_explain_using_subcommand man-page" -l index -d 'The index to read (built by `explain index`); without it, the shipped corpus is used' -r -F
complete -c explain -n "__fish_explain_using_subcommand man-page" -s h -l help -d 'Print help'
complete -c explain -n "__fish_explain_using_subcommand serve" -l addr -d 'The address to listen on' -r
complete -c explain -n "__fish_explain_using_subcommand serve" -l index -d 'The index to read (built by `explain index`); without it, the shipped corpus is used' -r -F
complete -c explain -n "__fish_explain_using_subcommand serve" -s h -l help -d 'Print help'
complete -c explain -n "__fish_explain_using_subcommand lsp" -l index -d 'The index to read (built by `explain index`); without it, the shipped corpus is used' -r -F
complete -c explain -n "__fish_explain_using_subcommand lsp" -s h -l help -d 'Print help'
complete -c explain -n "__fish_explain_using_subcommand eval" -l worst -d 'How many programs to list, worst first' -r
complete -c explain -n "__fish_explain_using_subcommand eval" -l misses -d 'How many lines with unexplained options to list' -r
complete -c explain -n "__fish_explain_using_subcommand eval" -l missing -d 'How many of the most used programs without a page to list' -r
complete -c explain -n "__fish_explain_using_subcommand eval" -l index -d 'The index to read (built by `explain index`); without it, the shipped corpus is used' -r -F
complete -c explain -n "__fish_explain_using_subcommand eval" -l json -d 'Print the report as JSON'
complete -c explain -n "__fish_explain_using_subcommand eval" -s h -l help -d 'Print help'
complete -c explain -n "__fish_explain_using_subcommand eval-scripts" -l worst -d 'How many programs to list, worst first' -r
complete -c explain -n "__fish_explain_using_subcommand eval-scripts" -l examples -d 'How many suspicious spans and unexplained option words to list' -r
complete -c explain -n "__fish_explain_using_subcommand eval-scripts" -l index -d 'The index to read (built by `explain index`); without it, the shipped corpus is used' -r -F
complete -c explain -n "__fish_explain_using_subcommand eval-scripts" -l json -d 'Print the report as JSON'
complete -c explain -n "__fish_explain_using_subcommand eval-scripts" -s h -l help -d 'Print help'
complete -c explain -n "__fish_explain_using_subcommand help; and not __fish_seen_subcommand_from index search dump-options completions man-page serve lsp eval eval-scripts help" -f -a "index" -d 'Build an index from man trees, folders of pages or single page files'
complete -c explain -n "__fish_explain_using_subcommand help; and not __fish_seen_subcommand_from index search dump-options completions man-page serve lsp eval eval-scripts help" -f -a "search" -d 'Find options by what they do, searching the help of every option in the index'
complete -c explain -n "__fish_explain_using_subcommand help; and not __fish_seen_subcommand_from index search dump-options completions man-page serve lsp eval eval-scripts help" -f -a "dump-options" -d 'Print `page<TAB>option` for every option in the index (page relative to its tree root). A developer\'s tool (the option-recall scripts read it), left out of `--help`'
complete -c explain -n "__fish_explain_using_subcommand help; and not __fish_seen_subcommand_from index search dump-options completions man-page serve lsp eval eval-scripts help" -f -a "completions" -d 'Print a completion script for a shell (bash, zsh, fish, elvish, powershell)'
complete -c explain -n "__fish_explain_using_subcommand help; and not __fish_seen_subcommand_from index search dump-options completions man-page serve lsp eval eval-scripts help" -f -a "man-page" -d 'Print this program\'s own man page (roff). Not `man`, which is a program people explain'
complete -c explain -n "__fish_explain_using_subcommand help; and not __fish_seen_subcommand_from index search dump-options completions man-page serve lsp eval eval-scripts help" -f -a "serve" -d 'Serve the web pages and the JSON API (`/api/v2/explain?cmd=...`) until Ctrl-C'
complete -c explain -n "__fish_explain_using_subcommand help; and not __fish_seen_subcommand_from index search dump-options completions man-page serve lsp eval eval-scripts help" -f -a "lsp" -d 'Run a language server on standard input and output: hovers explain shell scripts and the shell blocks of markdown files (see docs/editors.md)'
complete -c explain -n "__fish_explain_using_subcommand help; and not __fish_seen_subcommand_from index search dump-options completions man-page serve lsp eval eval-scripts help" -f -a "eval" -d 'Measure how much of a corpus of real command lines is explained: examples whose program has a page, and option tokens tied to their documentation. A developer\'s tool, left out of `--help`'
complete -c explain -n "__fish_explain_using_subcommand help; and not __fish_seen_subcommand_from index search dump-options completions man-page serve lsp eval eval-scripts help" -f -a "eval-scripts" -d 'Measure how much of real shell scripts is explained, and how much looks wrong: option words tied to their documentation, unknown spans by cause, option spans whose help does not name their flag. A developer\'s tool, left out of `--help`'
complete -c explain -n "__fish_explain_using_subcommand help; and not __fish_seen_subcommand_from index search dump-options completions man-page serve lsp eval eval-scripts help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
