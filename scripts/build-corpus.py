#!/usr/bin/env python3
"""Build (or check) the shipped man-page corpus in manpages/.

The corpus is a set of unmodified man pages copied byte for byte out of
Debian 12 (bookworm) binary packages, kept in man's own tree form
(manpages/man1/tar.1.gz, manpages/man8/ip.8.gz, ...) so that symlinks and
`.so` requests keep resolving.

Usage:
    python3 scripts/build-corpus.py            # rebuild manpages/ from the lists
    python3 scripts/build-corpus.py --check    # verify the corpus, no network
    python3 scripts/build-corpus.py --apt-update   # run `apt-get update` (and
                                               # `apt-file update`) first
    python3 scripts/build-corpus.py --top 300 JSONL   # print a programs.tsv

The packages come from two lists in manpages/:
  - packages.tsv: Debian packages named by hand, with globs of their pages;
  - programs.tsv: program names (the ones people run most).  Each is looked up
    in Debian's Contents index (what `apt-file update` fetches): the package
    that ships usr/share/man/man1/PROG.1*.gz or man8/PROG.8*.gz is taken with
    *all* its section 1 and 8 pages (sub-command pages included).  A program
    may name its Debian page when the name differs (fd -> fdfind): the page
    then also gets the program's name as a symlink.  deny.tsv lists pages that
    carry a program's name but document another program (ng, bat, ...): those
    are never mapped.  Unless a program names its page, the builder compares
    the page with what the program is known for (the option and sub-command
    words of its tldr examples, ../shared/corpus/tldr-commands.jsonl or
    --tldr) and stops on a page that looks like another program, so that a
    person decides (deny.tsv, or name the page in programs.tsv).
  - tail-programs.tsv: every other program of the tldr corpus (`--tail 300
    JSONL` writes it).  For these only the program's own page is taken (plus
    its `.so` and symlink targets from the same package), doubtful pages are
    held back instead of stopping the build, and pages over
    TAIL_MAX_BYTES_PER_EXAMPLE per example are skipped (size cap).
  The outcome for every listed program is written to RESOLVED.tsv.

Build steps, for each package:
  1. pick the newest version the configured Debian archives offer
     (`apt-cache madison`; a locally installed version from elsewhere is
     ignored), `apt-get download PKG=VERSION` into a temporary folder;
  2. `dpkg-deb -x` it and copy the usr/share/man entries that match the
     package's globs (regular files byte for byte, symlinks as relative
     symlinks);
  3. read the package's usr/share/doc/PKG/copyright for the licence.

The new corpus is built in a folder beside manpages/ and swapped in only when
everything succeeded: any failure leaves the old corpus untouched.

Symlink rule: a symlink is shipped only if it resolves (possibly through other
shipped symlinks) to a shipped regular file.  When its target is not matched by
any glob but is present in the *same* package's man1/man8 tree, the target is
copied too (and listed in MANIFEST.tsv).  Otherwise the link is dropped and a
warning is printed.  Absolute symlinks into usr/share/man are rewritten as the
equivalent relative link.

Python 3 standard library only.
"""

import argparse
import fnmatch
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(REPO, "manpages")
LIST_NAME = "packages.tsv"
MANIFEST_NAME = "MANIFEST.tsv"
MANIFEST_HEADER = "file\tpackage\tversion\tlicence"
SECTIONS = ("man1", "man8")
# packages.tsv may also name section 5 pages that section 1/8 pages send their options to
# (ssh_config(5) for `ssh -o Key=value`); they never explain a command word.
LISTED_SECTIONS = SECTIONS + ("man5",)

# Pages the project issue names explicitly; `--check` reports any missing one.
REQUIRED = """
man1/bash.1.gz man1/sh.1.gz man1/dash.1.gz
man1/find.1.gz man1/xargs.1.gz man1/grep.1.gz man1/sed.1.gz
man1/gawk.1.gz man1/mawk.1.gz
man1/tar.1.gz man1/gzip.1.gz man1/bzip2.1.gz man1/xz.1.gz man1/zip.1.gz man1/unzip.1.gz
man1/curl.1.gz man1/wget.1.gz
man1/ssh.1.gz man1/scp.1.gz man1/sftp.1.gz man1/ssh-keygen.1.gz man1/rsync.1.gz
man1/git.1.gz man1/git-commit.1.gz man1/git-log.1.gz
man1/systemctl.1.gz man1/journalctl.1.gz
man8/apt.8.gz man8/apt-get.8.gz man8/apt-cache.8.gz man1/dpkg.1.gz man1/dpkg-deb.1.gz
man1/ps.1.gz man1/top.1.gz man1/kill.1.gz man1/pkill.1.gz man1/pgrep.1.gz man1/watch.1.gz
man8/ip.8.gz man8/ip-address.8.gz man8/ip-route.8.gz man8/ip-link.8.gz man8/ss.8.gz
man8/ping.8.gz man1/nc.1.gz man8/mount.8.gz man8/lsblk.8.gz
man1/df.1.gz man1/du.1.gz man1/chmod.1.gz man1/chown.1.gz man1/ln.1.gz man1/dd.1.gz
man1/less.1.gz man1/make.1.gz man1/python3.1.gz man1/pip.1.gz man1/node.1.gz
man1/openssl.1ssl.gz man1/openssl-req.1ssl.gz man1/openssl-x509.1ssl.gz
man1/jq.1.gz man1/tmux.1.gz man1/screen.1.gz man8/sudo.8.gz man1/crontab.1.gz
man1/docker.1.gz man1/docker-run.1.gz man1/docker-build.1.gz
man1/nohup.1.gz man1/env.1.gz man1/time.1.gz man1/timeout.1.gz man1/nice.1.gz
man1/tee.1.gz man1/cut.1.gz man1/sort.1.gz man1/uniq.1.gz man1/wc.1.gz man1/tr.1.gz
man1/head.1.gz man1/tail.1.gz
""".split()

# The coreutils programs (coreutils 9.1, Debian 12); all must have a page.
COREUTILS = """
[ arch b2sum base32 base64 basename basenc cat chcon chgrp chmod chown chroot
cksum comm cp csplit cut date dd df dir dircolors dirname du echo env expand
expr factor false fmt fold groups head hostid id install join link ln logname
ls md5sum mkdir mkfifo mknod mktemp mv nice nl nohup nproc numfmt od paste
pathchk pinky pr printenv printf ptx pwd readlink realpath rm rmdir runcon seq
sha1sum sha224sum sha256sum sha384sum sha512sum shred shuf sleep sort split
stat stdbuf stty sum sync tac tail tee test timeout touch tr true truncate
tsort tty uname unexpand uniq unlink users vdir wc who whoami yes
""".split()
REQUIRED += ["man8/chroot.8.gz" if p == "chroot" else "man1/%s.1.gz" % p for p in COREUTILS]


class BuildError(Exception):
    pass


def log(msg):
    print(msg, file=sys.stderr)


# --------------------------------------------------------------------------
# packages.tsv

def parse_list(path):
    """Return [(package, [token, ...])] in file order (duplicates merged).

    A token is either a glob relative to usr/share/man (`man1/git*.1.gz`) or an
    extra symlink `man1/nc.1.gz->nc_openbsd.1.gz` (link path, then its target
    relative to the link's folder), used for Debian alternatives links that
    the package creates at install time rather than shipping them.
    """
    entries = {}
    order = []
    with open(path, encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if "\t" not in line:
                raise BuildError("%s:%d: expected 'package<TAB>glob ...'" % (path, lineno))
            pkg, rest = line.split("\t", 1)
            pkg = pkg.strip()
            tokens = rest.split()
            if not re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", pkg) or not tokens:
                raise BuildError("%s:%d: bad line %r" % (path, lineno, raw.rstrip("\n")))
            for tok in tokens:
                dest = tok.split("->", 1)[0].split("=", 1)[0]
                if dest.startswith("/") or ".." in dest.split("/") or dest.split("/")[0] not in LISTED_SECTIONS:
                    raise BuildError("%s:%d: %r must start with one of %s/"
                                     % (path, lineno, tok, "/, ".join(LISTED_SECTIONS)))
            if pkg not in entries:
                entries[pkg] = []
                order.append(pkg)
            entries[pkg].extend(t for t in tokens if t not in entries[pkg])
    if not order:
        raise BuildError("%s lists no package" % path)
    return [(p, entries[p]) for p in order]


# --------------------------------------------------------------------------
# programs.tsv, deny.tsv, RESOLVED.tsv

def table_rows(path, min_cols, max_cols):
    """Yield (lineno, [col, ...]) of a tab-separated file; `#` lines and blank lines skipped."""
    with open(path, encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if not min_cols <= len(cols) <= max_cols or not all(cols[:min_cols]):
                raise BuildError("%s:%d: expected %d to %d tab-separated columns, got %r"
                                 % (path, lineno, min_cols, max_cols, line))
            yield lineno, cols


def parse_programs(path):
    """Return [(program, examples, page or None, package or None)] in file order.

    page is where Debian keeps the program's page when its name differs
    (`man1/fdfind.1.gz`, relative to usr/share/man, or a path from the package
    root such as `usr/lib/jvm/.../man1/java.1.gz` for a page installed by
    update-alternatives); naming it also marks the mapping as reviewed.
    """
    out, seen = [], set()
    if not os.path.exists(path):
        return out
    for lineno, cols in table_rows(path, 2, 4):
        prog, examples = cols[0], cols[1]
        page = cols[2] if len(cols) > 2 and cols[2] not in ("", "-") else None
        package = cols[3] if len(cols) > 3 and cols[3] not in ("", "-") else None
        if prog in seen:
            raise BuildError("%s:%d: %s is listed twice" % (path, lineno, prog))
        if "/" in prog or not examples.isdigit():
            raise BuildError("%s:%d: bad line %r" % (path, lineno, "\t".join(cols)))
        if page and not (page.split("/")[0] in SECTIONS or page.startswith("usr/")):
            raise BuildError("%s:%d: page %r must start with man1/, man8/ or usr/"
                             % (path, lineno, page))
        seen.add(prog)
        out.append((prog, int(examples), page, package))
    return out


def parse_deny(path):
    """Return {(program, package): reason}."""
    out = {}
    if not os.path.exists(path):
        return out
    for lineno, cols in table_rows(path, 3, 3):
        out[(cols[0], cols[1])] = cols[2]
    return out


RESOLVED_NAME = "RESOLVED.tsv"
RESOLVED_HEADER = "program\texamples\toutcome\tpage\tpackage\tname line or reason"
PROGRAMS_NAME = "programs.tsv"
TAIL_NAME = "tail-programs.tsv"
DENY_NAME = "deny.tsv"
GENERATED = (MANIFEST_NAME, RESOLVED_NAME)


def top_programs(jsonl, n):
    """The n main programs with the most tldr examples (common+linux, variant "long" skipped)."""
    import json
    counts = {}
    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if "_meta" in rec or rec.get("variant") == "long" \
                    or rec.get("platform") not in ("common", "linux"):
                continue
            counts[rec["program"]] = counts.get(rec["program"], 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


TAIL_HEADER = """\
# The long tail: every main program of ../shared/corpus/tldr-commands.jsonl beyond
# the %d most used (programs.tsv), by number of examples (platforms common and
# linux, variant "long" skipped; ties broken by name). Generated by
#   python3 scripts/build-corpus.py --tail %d ../shared/corpus/tldr-commands.jsonl
# which keeps the third and fourth columns of rows already here (hand review).
# For these programs only the program's own section 1/8 page is shipped (plus
# what its `.so` requests and symlinks need), not the whole package. When
# several packages ship it, the build takes one the corpus takes anyway, then the
# package named like the program, then the smallest .deb. A page that fails the
# identity check is held back (RESOLVED.tsv: held) until it is named here or
# denied in deny.tsv.
#
# Format: program<TAB>examples[<TAB>page[<TAB>package]]   (as in programs.tsv)
"""


def write_tail(jsonl, n, path, programs_path):
    """Write tail-programs.tsv: the programs of the tldr corpus beyond the n most used."""
    top = {p for p, _, _, _ in parse_programs(programs_path)}
    keep = {p: (pg, pk) for p, _, pg, pk in parse_programs(path)} if os.path.exists(path) else {}
    rows = 0
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(TAIL_HEADER % (n, n))
        for prog, count in top_programs(jsonl, 1 << 30)[n:]:
            if prog in top or not re.fullmatch(r"[^/\s#]+", prog):
                continue
            page, package = keep.get(prog, (None, None))
            cols = [prog, str(count)] + ([page or "-", package] if package else [page] if page else [])
            fh.write("\t".join(cols) + "\n")
            rows += 1
    os.replace(path + ".tmp", path)
    log("wrote %s: %d programs" % (path, rows))


# --------------------------------------------------------------------------
# Debian's Contents index (apt-file)

class Contents:
    """usr/share/man/man{1,8} paths (and any path asked for) -> packages, from apt's lists."""

    def __init__(self, extra_paths=()):
        lists = "/var/lib/apt/lists"
        files = sorted(f for f in (os.listdir(lists) if os.path.isdir(lists) else [])
                       if re.search(r"_Contents-(amd64|all)(\.\w+)?$", f))
        if not files:
            raise BuildError("no Contents index in %s: run `apt-get install apt-file && "
                             "apt-file update` (or pass --apt-update)" % lists)
        self.pages = {}      # path -> set of packages
        extra = set(extra_paths)
        for name in files:
            proc = subprocess.Popen(["/usr/lib/apt/apt-helper", "cat-file",
                                     os.path.join(lists, name)],
                                    stdout=subprocess.PIPE, universal_newlines=True,
                                    errors="replace")
            for line in proc.stdout:
                if not (line.startswith("usr/share/man/man1/") or
                        line.startswith("usr/share/man/man8/") or
                        (extra and line.split(None, 1)[0] in extra)):
                    continue
                parts = line.rsplit(None, 1)
                if len(parts) != 2:
                    continue
                path = parts[0].strip()
                pkgs = {q.rsplit("/", 1)[-1] for q in parts[1].split(",")}
                self.pages.setdefault(path, set()).update(pkgs)
            if proc.wait() != 0:
                raise BuildError("cannot read %s" % name)
        self.by_stem = {}    # "PROG" -> [(path, package)]
        for path, pkgs in self.pages.items():
            m = re.fullmatch(r"usr/share/man/(man[18])/(.+)\.([18])([a-z0-9]*)\.gz", path)
            if m and m.group(1)[-1] == m.group(3):
                for pkg in pkgs:
                    self.by_stem.setdefault(m.group(2), []).append((path, pkg))


def deb_sizes(pkgs):
    """Package -> size of its .deb in the archives (`apt-cache show`), for choosing between packages."""
    sizes = {}
    pkgs = sorted(set(pkgs))
    for i in range(0, len(pkgs), 500):
        rc, out, err = run(["apt-cache", "show", "--no-all-versions"] + pkgs[i:i + 500])
        for para in out.split("\n\n"):
            m = re.search(r"^Package: (\S+)", para, re.M)
            n = re.search(r"^Size: (\d+)", para, re.M)
            if m and n:
                sizes[m.group(1)] = int(n.group(1))
    return sizes


def resolve(programs, deny, listed, contents, tail=()):
    """Map each program to (outcome, page path in package, package, note).

    outcome: `page` (found by name), `named` (page named in programs.tsv),
    `denied` (only deny-listed pages carry the name), `none` (no Debian page).

    tail: programs of tail-programs.tsv.  When several packages ship a tail
    program's page, the choice is automatic: a package the corpus takes anyway
    (packages.tsv or taken whole for a program of programs.tsv), then the
    package named like the program, then the smallest .deb, then by name.
    """
    out = {}
    taken = set(listed)
    ambiguous = {k for prog, _, page, package in programs if prog in tail and not page
                 and not package for k in {k for _, k in contents.by_stem.get(prog, [])}}
    sizes = deb_sizes(ambiguous) if ambiguous else {}
    archive_versions({k for prog, _, page, _ in programs if prog in tail and not page
                      for _, k in contents.by_stem.get(prog, [])})
    for prog, examples, page, package in programs:
        if page:
            path = page if page.startswith("usr/") else "usr/share/man/" + page
            pkgs = sorted(contents.pages.get(path, ()))
            if package:
                if package not in pkgs:
                    raise BuildError("programs.tsv: %s: package %s does not ship %s (Contents: %s)"
                                     % (prog, package, path, ", ".join(pkgs) or "nobody"))
                pkgs = [package]
            if len(pkgs) != 1:
                raise BuildError("programs.tsv: %s: %s is shipped by %s; name one package in "
                                 "the fourth column" % (prog, path, ", ".join(pkgs) or "no package"))
            out[prog] = ("named", path, pkgs[0], "")
            if prog not in tail:
                taken.add(pkgs[0])
            continue
        cands = contents.by_stem.get(prog, [])
        # sorted: the Contents index lists a path's packages in no fixed order
        denied = sorted((p, k) for p, k in cands if (prog, k) in deny)
        cands = [(p, k) for p, k in cands if (prog, k) not in deny]
        # a plain section (.1.gz, .8.gz) before a suffixed one (.1ssl.gz, .1p.gz)
        plain = [(p, k) for p, k in cands if re.search(r"\.[18]\.gz$", p)]
        cands = plain or cands
        if package:
            cands = [(p, k) for p, k in cands if k == package]
        if prog in tail:
            # the Contents index can name a package the archives no longer offer (netperf)
            cands = [(p, k) for p, k in cands if k in VERSIONS]
        if not cands:
            if denied:
                out[prog] = ("denied", denied[0][0], denied[0][1], deny[(prog, denied[0][1])])
            else:
                out[prog] = ("none", "", "", "no page named %s in Debian's man1/man8" % prog)
            continue
        pick = [c for c in cands if c[1] in listed] or [c for c in cands if c[1] == prog] or cands
        if prog in tail:
            pick = [c for c in cands if c[1] in taken] or pick
            best = min((sizes.get(k, 1 << 62), k) for _, k in pick)[1]
            pick = [c for c in pick if c[1] == best]
        if len({k for _, k in pick}) > 1:
            raise BuildError("programs.tsv: %s: pages in several packages (%s); name the package "
                             "in the fourth column" % (prog, ", ".join(sorted("%s (%s)" % (k, p)
                                                                        for p, k in pick))))
        pick = sorted(pick)
        out[prog] = ("page", pick[0][0], pick[0][1], "")
        if prog not in tail:
            taken.add(pick[0][1])
    return out


# --------------------------------------------------------------------------
# identity: does the page with the program's name document that program?

def roff_plain(text):
    text = re.sub(r"\\f(\[[^\]]*\]|\(..|.)", "", text)
    text = re.sub(r"\\[\^|%:,/&)]", "", text)
    text = re.sub(r"(?<![\w-])Fl\s+(?=\S)", "-", text)  # mdoc: `.Fl -edit` is --edit
    text = text.replace("\\-", "-").replace("\\(hy", "-").replace("\\(em", "-") \
        .replace("\\(en", "-").replace("\\&", "").replace("\\e", "\\").replace("\\ ", " ")
    text = re.sub(r"\\\*(\[[^\]]*\]|\(..|.)", "", text)
    return text


def read_page(root, path, depth=0):
    """Text of the page at root/path, following symlinks and a whole-page `.so`."""
    full = os.path.join(root, path)
    if os.path.islink(full):
        tgt = os.readlink(full)
        tgt = tgt.lstrip("/") if tgt.startswith("/") else \
            os.path.normpath(os.path.join(os.path.dirname(path), tgt))
        return read_page(root, tgt, depth + 1) if depth < 5 else ""
    try:
        with gzip.open(full, "rb") as fh:
            text = fh.read().decode("utf-8", "replace")
    except (OSError, EOFError):
        return ""
    m = re.match(r"\s*\.so\s+(\S+)\s*$", text)
    if m and depth < 5:
        so = os.path.join("usr/share/man", m.group(1))
        for cand in (so, so + ".gz"):
            if os.path.lexists(os.path.join(root, cand)) and cand.endswith(".gz"):
                return read_page(root, cand, depth + 1)
    return text


def name_line(text):
    """The NAME section of a man(7) or mdoc(7) page as one plain line."""
    m = re.search(r"^\.S[Hh]\s+\"?(NAME|Name|NOM|名前)\"?\s*$(.*?)^\.S[Hh]\b", text, re.M | re.S)
    if not m:
        return ""
    body = m.group(2)
    nd = re.search(r"^\.Nd\s+(.*)$", body, re.M)
    nms = re.findall(r"^\.Nm\s+(\S+)", body, re.M)
    if nd:
        return roff_plain("%s - %s" % (", ".join(nms), nd.group(1))).strip()
    lines = [l for l in body.splitlines() if l.strip() and not l.startswith((".\\\"", "'\\\""))]
    lines = [re.sub(r"^\.(B|I|BR|RB|IR|RI|BI|IB|SM|PP|P|LP|TP|PD|nh|hy|ad|na|IX)\b\s*", "", l)
             for l in lines]
    return " ".join(roff_plain(" ".join(lines)).replace('"', "").split())[:160]


def tldr_evidence(jsonl):
    """program -> set of words its tldr examples use: option tokens and sub-commands."""
    import json
    ev = {}
    if not jsonl or not os.path.exists(jsonl):
        return None
    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if "_meta" in rec or rec.get("platform") not in ("common", "linux"):
                continue
            prog = rec["program"]
            words = ev.setdefault(prog, set())
            for seg in rec.get("segments", []):
                if seg.get("program") == prog:
                    words.update(o for o in seg.get("options", []) if len(o) > 2)
            page = rec.get("page", "")
            if page.startswith(prog + "-") and rec["command"].split()[:1] == [prog]:
                sub = rec["command"].split()[1:2]
                if sub and re.fullmatch(r"[a-z][a-z0-9_-]+", sub[0]):
                    words.add(sub[0])
    return ev


def identity(text, words):
    """(found, total): how many of the program's tldr words the page mentions."""
    plain = roff_plain(text)
    found = sum(1 for w in words
                if re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(w), plain))
    return found, len(words)


# --------------------------------------------------------------------------
# apt / dpkg

def run(cmd, cwd=None):
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    return proc.returncode, proc.stdout, proc.stderr


VERSIONS = {}      # package -> newest archive version (filled by archive_versions)


def archive_versions(pkgs):
    """Newest version of each package offered by the configured archives (not dpkg status).

    One `apt-cache madison` call for many packages; packages without a version
    are left out of VERSIONS.
    """
    todo = sorted({p for p in pkgs if p not in VERSIONS})
    found = {}
    for i in range(0, len(todo), 500):
        rc, out, err = run(["apt-cache", "madison"] + todo[i:i + 500])
        for line in out.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) >= 3 and parts[2].endswith("Packages"):
                found.setdefault(parts[0], []).append(parts[1])
    for pkg, versions in found.items():
        best = versions[0]
        for v in versions[1:]:
            if run(["dpkg", "--compare-versions", v, "gt", best])[0] == 0:
                best = v
        VERSIONS[pkg] = best


def archive_version(pkg):
    archive_versions([pkg])
    if pkg not in VERSIONS:
        raise BuildError("%s: no version in the apt archives (is the name right? "
                         "was `apt-get update` run? try --apt-update)" % pkg)
    return VERSIONS[pkg]


DEB_CACHE = None   # --deb-cache: keep downloaded .debs here between runs
MAN_AND_DOC = ("usr/share/man/", "usr/share/doc/")
DOC_ONLY = ("usr/share/doc/",)


def deb_dir(pkg, version, workdir):
    if DEB_CACHE:
        return os.path.join(DEB_CACHE, "%s_%s" % (pkg, version.replace(":", "%3a")))
    return os.path.join(workdir, "dl-" + pkg)


def cached_deb(folder):
    debs = [f for f in os.listdir(folder) if f.endswith(".deb")] if os.path.isdir(folder) else []
    return os.path.join(folder, debs[0]) if len(debs) == 1 else None


def prefetch(pkgs, workdir, jobs=3, batch=60):
    """Download the .debs of many packages at once: batches of `apt-get download`, run in parallel.

    One apt-get call per package spends most of its time starting up (reading
    the package lists); one call per batch lets apt fetch a batch over one
    connection.  Packages already in the cache are skipped.  Failures are left
    to download(), which retries one package at a time and says why.
    """
    import concurrent.futures
    archive_versions(pkgs)
    todo = [p for p in sorted(set(pkgs)) if p in VERSIONS
            and not cached_deb(deb_dir(p, VERSIONS[p], workdir))]
    if not todo:
        return 0
    log("downloading %d packages (%d at a time, %d per apt-get call)" % (len(todo), jobs, batch))
    spool = DEB_CACHE or workdir
    os.makedirs(spool, exist_ok=True)

    def fetch(group):
        tmp = tempfile.mkdtemp(prefix=".batch-", dir=spool)
        try:
            run(["apt-get", "download", "-q"] + ["%s=%s" % (p, VERSIONS[p]) for p in group], cwd=tmp)
            wanted = set(group)
            for name in os.listdir(tmp):
                pkg = name.split("_", 1)[0]
                if pkg in wanted and name.endswith(".deb"):
                    dest = deb_dir(pkg, VERSIONS[pkg], workdir)
                    if os.path.isdir(dest):
                        shutil.rmtree(dest)
                    os.makedirs(dest)
                    os.rename(os.path.join(tmp, name), os.path.join(dest, name))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    groups = [todo[i:i + batch] for i in range(0, len(todo), batch)]
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        list(ex.map(fetch, groups))
    return len(todo)


def download(pkg, workdir):
    """apt-get download pkg (into the cache or workdir/dl-pkg); return (deb path, version)."""
    version = archive_version(pkg)
    dest = deb_dir(pkg, version, workdir)
    deb = cached_deb(dest)
    if deb:
        return deb, version
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    rc, out, err = run(["apt-get", "download", "-q", "%s=%s" % (pkg, version)], cwd=dest)
    debs = [f for f in os.listdir(dest) if f.endswith(".deb")]
    if rc != 0 or len(debs) != 1:
        msg = "\n".join(l for l in (err + out).splitlines()
                        if l.strip() and "unsandboxed" not in l) or "no .deb written"
        raise BuildError("%s: apt-get download %s=%s failed (exit %d):\n%s"
                         % (pkg, pkg, version, rc, msg))
    return os.path.join(dest, debs[0]), version


def extract(pkg, deb, workdir, only=None):
    """Unpack deb under workdir/x-pkg; return (root, version).

    only: path prefixes (`usr/share/man/`, ...) to unpack, leaving the rest of
    a large package (thunderbird, ghc) unwritten.
    """
    root = os.path.join(workdir, "x-" + pkg)
    if only:
        import tarfile
        os.makedirs(root, exist_ok=True)
        proc = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        with tarfile.open(fileobj=proc.stdout, mode="r|") as tf:
            for member in tf:
                name = member.name[2:] if member.name.startswith("./") else member.name
                if not name.startswith(tuple(only)) or ".." in name.split("/"):
                    continue
                if not (member.isfile() or member.isdir() or member.issym() or member.islnk()):
                    continue
                try:
                    tf.extract(member, root, set_attrs=False)
                except (OSError, KeyError, tarfile.TarError) as exc:
                    log("warning: %s: cannot unpack %s (%s)" % (pkg, name, exc))
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8", "replace")
        if proc.wait() != 0:
            raise BuildError("%s: dpkg-deb --fsys-tarfile failed: %s" % (pkg, err.strip()))
    else:
        rc, out, err = run(["dpkg-deb", "-x", deb, root])
        if rc != 0:
            raise BuildError("%s: dpkg-deb -x failed: %s" % (pkg, err.strip()))
    rc, out, err = run(["dpkg-deb", "-f", deb, "Package", "Version"])
    fields = dict(l.split(": ", 1) for l in out.splitlines() if ": " in l)
    if fields.get("Package") != pkg:
        raise BuildError("%s: downloaded .deb is package %r" % (pkg, fields.get("Package")))
    return root, fields["Version"]


# --------------------------------------------------------------------------
# licences

def dep5_paragraphs(text):
    paras, cur, key = [], {}, None
    for line in text.splitlines() + [""]:
        if not line.strip():
            if cur:
                paras.append(cur)
            cur, key = {}, None
        elif line[0] in " \t":
            if key:
                cur[key] += "\n" + line.strip()
        else:
            m = re.match(r"([A-Za-z][A-Za-z0-9-]*):(.*)$", line)
            if m:
                key = m.group(1).lower()
                cur[key] = m.group(2).strip()
            else:
                key = None
    return paras


def licence_of(text):
    """Short licence name from a debian/copyright text."""
    if re.match(r"\s*Format:\s*\S*copyright-format", text, re.I):
        first = None
        for para in dep5_paragraphs(text):
            lic = para.get("license", "").split("\n", 1)[0].strip()
            if not lic:
                continue
            if "*" in para.get("files", "").split():
                return " ".join(lic.split())
            if first is None:
                first = lic
        if first:
            return " ".join(first.split())
    flat = " ".join(text.split())
    if re.search(r"Info-ZIP license", flat, re.I):
        return "Info-ZIP"
    if re.search(r"Python Software Foundation License|PSF LICENSE AGREEMENT", flat, re.I):
        return "PSF-2.0"
    for name, rx in (("LGPL", r"(?:GNU )?(?:Library|Lesser) General Public License|common-licenses/LGPL"),
                     ("GPL", r"GNU General Public License|common-licenses/GPL|\bGPL\b")):
        if re.search(rx, flat, re.I):
            ver = re.search(r"common-licenses/%s-([0-9]+(?:\.[0-9]+)?)" % name, flat) or \
                re.search(r"version ([0-9]+(?:\.[0-9]+)?),? of the License", flat, re.I)
            plus = "+" if re.search(r"any later version", flat, re.I) else ""
            return "%s-%s%s" % (name, ver.group(1), plus) if ver else name
    if re.search(r"Apache License,? Version 2", flat, re.I):
        return "Apache-2.0"
    if re.search(r"Permission is hereby granted, free of charge", flat, re.I):
        return "MIT"
    if re.search(r"Redistribution and use in source and binary forms", flat, re.I):
        return "BSD"
    return "see copyright"


def package_licence(pkg, root, workdir, fetched):
    """Licence of pkg from its usr/share/doc/PKG/copyright.

    If the doc folder (or the copyright file) is a symlink into another
    package's doc folder, that package is downloaded too; if that fails the
    licence is recorded as `see OTHER`.
    """
    docdir = os.path.join(root, "usr/share/doc", pkg)
    path = os.path.join(docdir, "copyright")
    other = None
    if os.path.islink(docdir):
        other = os.path.basename(os.path.normpath(os.readlink(docdir)))
    elif os.path.islink(path):
        tgt = os.path.normpath(os.path.join(docdir, os.readlink(path)))
        other = os.path.basename(os.path.dirname(tgt))
    if other and other != pkg:
        if other not in fetched:
            try:
                deb, _ = download(other, workdir)
                fetched[other] = extract(other, deb, workdir, DOC_ONLY)[0]
            except BuildError as exc:
                log("warning: %s: its copyright lives in package %s, which could not be "
                    "fetched (%s); licence recorded as 'see %s'" % (pkg, other, exc, other))
                fetched[other] = None
        if fetched[other] is None:
            return "see " + other
        return package_licence(other, fetched[other], workdir, fetched)
    if not os.path.isfile(path):
        log("warning: %s ships no usr/share/doc/%s/copyright" % (pkg, pkg))
        return "see copyright"
    with open(path, encoding="utf-8", errors="replace") as fh:
        return licence_of(fh.read())


# --------------------------------------------------------------------------
# build

class Corpus:
    def __init__(self):
        self.files = {}    # relpath -> (package, source path)
        self.links = {}    # relpath -> (package, relative target)
        self.roots = {}    # package -> extraction root
        self.skipped = set()  # soft entries left to an earlier package
        self.soft = set()     # entries of packages taken whole for a program
        self.dropped = set()  # pages dropped for a `.so` that resolves nowhere
        self.tail_pkgs = set()  # packages of which only tail programs' pages are taken

    def owner(self, rel):
        if rel in self.files:
            return self.files[rel][0]
        if rel in self.links:
            return self.links[rel][0]
        return None

    def add_entry(self, pkg, rel, where, soft=False, src=None):
        """Add usr/share/man/<rel> of pkg (regular file or symlink), or src as rel.

        soft: a page of a package taken whole for a program; if another package
        already ships that name, the first one keeps it (a note, not an error).
        """
        prev = self.owner(rel)
        if rel in self.dropped:
            return
        if soft:
            self.soft.add(rel)
        if prev is not None:
            if prev == pkg:
                return
            if soft:
                log("note: %s: not taking %s, already shipped by %s" % (pkg, rel, prev))
                self.skipped.add(rel)
                return
            raise BuildError("%s: %s is shipped by both %s and %s (%s)" % (rel, rel, prev, pkg, where))
        src = src or os.path.join(self.roots[pkg], "usr/share/man", rel)
        if os.path.islink(src):
            target = os.readlink(src)
            if target.startswith("/"):
                if not target.startswith("/usr/share/man/"):
                    log("warning: %s: dropping %s -> %s (points outside usr/share/man)"
                        % (pkg, rel, target))
                    return
                target = os.path.relpath(target[len("/usr/share/man/"):], os.path.dirname(rel))
            self.links[rel] = (pkg, target)
        elif os.path.isfile(src):
            self.files[rel] = (pkg, src)
        else:
            raise BuildError("%s: usr/share/man/%s is neither a file nor a symlink" % (pkg, rel))

    def add_package(self, pkg, tokens, soft=False, tail=False):
        """Add the pages of pkg matching tokens (soft: see add_entry).

        tail: only the named pages of tail programs are taken (as soft
        entries); pull_so() then adds the pages their `.so` requests need.
        """
        if tail:
            soft = True
            self.tail_pkgs.add(pkg)
        mandir = os.path.join(self.roots[pkg], "usr/share/man")
        for tok in tokens:
            if "=" in tok and "->" not in tok:
                # DEST=SRC: a page that update-alternatives installs from outside usr/share/man
                rel, src = tok.split("=", 1)
                full = os.path.join(self.roots[pkg], src)
                if not os.path.isfile(full):
                    raise BuildError("%s: %s: the package has no %s" % (pkg, tok, src))
                self.add_entry(pkg, rel, tok, soft, full)
                continue
            if "->" in tok:
                rel, target = tok.split("->", 1)
                if os.path.lexists(os.path.join(mandir, rel)):
                    raise BuildError("%s: %s: the package already ships %s" % (pkg, tok, rel))
                prev = self.owner(rel)
                if prev is not None:
                    raise BuildError("%s: %s: %s is already shipped by %s" % (pkg, tok, rel, prev))
                self.links[rel] = (pkg, target)
                continue
            sub, pattern = os.path.split(tok)
            folder = os.path.join(mandir, sub)
            names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
            matched = [n for n in names if fnmatch.fnmatchcase(n, pattern)]
            if not matched and not soft:
                raise BuildError("%s: glob %s matches nothing in the package's usr/share/man"
                                 % (pkg, tok))
            for name in matched:
                self.add_entry(pkg, os.path.join(sub, name), tok, soft)

    @staticmethod
    def link_target(rel, target):
        return os.path.normpath(os.path.join(os.path.dirname(rel), target))

    def resolve_links(self):
        """Apply the symlink rule (see the module docstring)."""
        changed = True
        while changed:
            changed = False
            for rel in sorted(self.links):
                pkg, target = self.links[rel]
                tgt = self.link_target(rel, target)
                if self.owner(tgt) is not None:
                    continue
                src = os.path.join(self.roots[pkg], "usr/share/man", tgt)
                if tgt.split("/")[0] in SECTIONS and os.path.lexists(src):
                    log("note: %s: also copying %s (target of %s)" % (pkg, tgt, rel))
                    self.add_entry(pkg, tgt, "target of " + rel)
                else:
                    log("warning: %s: dropping %s -> %s (target not shipped)" % (pkg, rel, target))
                    del self.links[rel]
                changed = True
        if self.pull_so():
            self.resolve_links()
            return
        # a page of a package taken whole that is only `.so OTHER`, where OTHER is
        # in no shipped package (texlive's dviluatex(1) -> luatex(1)), says nothing
        for rel in sorted(self.soft):
            if rel not in self.files:
                continue
            try:
                with gzip.open(self.files[rel][1], "rb") as fh:
                    head = fh.read(4096).decode("utf-8", "replace")
            except (OSError, EOFError):
                continue
            m = re.match(r"(?:\.\\\".*\n|\s*\n)*\.so\s+(\S+)", head)
            if m and not any(self.owner(m.group(1) + ext) for ext in ("", ".gz")):
                log("warning: %s: dropping %s (`.so %s`, which no shipped package has)"
                    % (self.files[rel][0], rel, m.group(1)))
                del self.files[rel]
                self.dropped.add(rel)
                changed = True
        if changed:
            self.resolve_links()
            return
        # drop cycles and chains that never reach a regular file
        for rel in sorted(self.links):
            seen, cur = set(), rel
            while cur in self.links and cur not in seen:
                seen.add(cur)
                cur = self.link_target(cur, self.links[cur][1])
            if cur not in self.files:
                log("warning: dropping %s (symlink loop or dangling chain)" % rel)
                del self.links[rel]

    def pull_so(self):
        """Pages of tail packages: add what their `.so` requests need from the same package.

        A page whose `.so` target is neither shipped nor in its package is
        dropped.  Returns True when anything changed.
        """
        changed = False
        for rel in sorted(self.files):
            pkg, src = self.files[rel]
            if pkg not in self.tail_pkgs or rel not in self.soft:
                continue
            try:
                with gzip.open(src, "rb") as fh:
                    text = fh.read().decode("utf-8", "replace")
            except (OSError, EOFError):
                continue
            for so in re.findall(r"^\.so\s+(\S+)", text, re.M):
                if any(self.owner(so + ext) for ext in ("", ".gz")):
                    continue
                for cand in (so + ".gz", so):
                    full = os.path.join(self.roots[pkg], "usr/share/man", cand)
                    if re.fullmatch(r"man\w+/[^/]+", cand) and os.path.lexists(full) \
                            and cand not in self.dropped:
                        log("note: %s: also copying %s (`.so` of %s)" % (pkg, cand, rel))
                        self.add_entry(pkg, cand, ".so of " + rel, soft=True)
                        break
                else:
                    log("warning: %s: dropping %s (`.so %s`, which is not in the package)"
                        % (pkg, rel, so))
                    del self.files[rel]
                    self.dropped.add(rel)
                    changed = True
                    break
                changed = True
        return changed

    def write(self, dest):
        for rel in sorted(self.files):
            pkg, src = self.files[rel]
            out = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            shutil.copyfile(src, out)
            os.chmod(out, 0o644)
            st = os.stat(src)
            os.utime(out, ns=(st.st_mtime_ns, st.st_mtime_ns))
        for rel in sorted(self.links):
            out = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            os.symlink(self.links[rel][1], out)


def plan(entries, programs, resolution, tail=()):
    """Add the packages and aliases the programs need to the packages.tsv entries.

    Returns (strict, soft, tails, shipped_as): strict = [(package, tokens)] from
    packages.tsv (plus the program pages and aliases they need), soft =
    [(package, tokens)] taken whole for a program of programs.tsv, tails =
    [(package, tokens)] of which only the pages of tail programs are taken,
    shipped_as = {program: corpus path of its page}.
    """
    strict = [(p, list(t)) for p, t in entries]
    tokens = dict(strict)
    soft, soft_tokens, shipped_as = [], {}, {}
    tails, tail_tokens = [], {}
    for prog, _, _, _ in programs:
        outcome, path, pkg, _ = resolution[prog]
        if outcome not in ("page", "named"):
            continue
        if pkg in tokens:
            toks = tokens[pkg]
        elif prog in tail and pkg not in soft_tokens:
            if pkg not in tail_tokens:
                tail_tokens[pkg] = []
                tails.append((pkg, tail_tokens[pkg]))
            toks = tail_tokens[pkg]
        else:
            if pkg not in soft_tokens:
                soft_tokens[pkg] = ["man1/*", "man8/*"]
                soft.append((pkg, soft_tokens[pkg]))
            toks = soft_tokens[pkg]
        m = re.search(r"/(man[18])/(([^/]+)\.([18])[a-z0-9]*\.gz)$", path)
        sec, base, stem, num = m.group(1), m.group(2), m.group(3), m.group(4)
        rel = sec + "/" + base
        if not path.startswith("usr/share/man/"):
            tok = "%s=%s" % (rel, path)
            if tok not in toks:
                toks.append(tok)
        elif (pkg in tokens or pkg in tail_tokens) and \
                not any(fnmatch.fnmatchcase(rel, t) for t in toks if "->" not in t):
            toks.append(rel)
        shipped_as[prog] = rel
        if stem != prog:
            link = "%s/%s.%s.gz" % (sec, prog, num)
            if not any(t.split("->", 1)[0] == link for t in toks):
                toks.append("%s->%s" % (link, base))
            shipped_as[prog] = link
    return strict, soft, tails, shipped_as


TAIL_MAX_BYTES_PER_EXAMPLE = 6000


def limit_tail(programs, resolution, roots, tail, taken):
    """Keep the corpus under its size cap: skip tail pages that cost too much per example.

    A tail program's page from a package the corpus does not take anyway is
    shipped only if its compressed size divided by the program's number of
    examples is at most TAIL_MAX_BYTES_PER_EXAMPLE (rclone(1), 444 kB for 7
    examples, is not; most pages are 2-5 kB).  Outcome `too-large` otherwise.
    """
    for prog, examples, _, _ in programs:
        outcome, path, pkg, note = resolution[prog]
        if prog not in tail or outcome not in ("page", "named") or pkg in taken:
            continue
        full = os.path.realpath(os.path.join(roots[pkg], path))
        size = os.path.getsize(full) if os.path.isfile(full) else 0
        if size > TAIL_MAX_BYTES_PER_EXAMPLE * examples:
            resolution[prog] = ("too-large", path, pkg, "%d bytes for %d examples (over %d a "
                                "example); %s" % (size, examples, TAIL_MAX_BYTES_PER_EXAMPLE, note))


def check_identity(programs, resolution, roots, deny, tldr, tail=()):
    """Fill in name lines; stop on pages that look like another program (see the docstring).

    A tail program's doubtful page does not stop the build: it is held back
    (outcome `held`) until a person names it in tail-programs.tsv or denies it.
    """
    evidence = tldr_evidence(tldr)
    if evidence is None:
        log("warning: no tldr corpus at %s: the identity of pages found by name is not "
            "checked (pass --tldr)" % tldr)
    suspects = []
    for prog, _, _, _ in programs:
        outcome, path, pkg, note = resolution[prog]
        if outcome not in ("page", "named"):
            continue
        text = read_page(roots[pkg], path)
        line = name_line(text) or "(no NAME section)"
        words = sorted((evidence or {}).get(prog, ()))
        # the words may be documented on the package's sub-command pages (semanage-login(8))
        if words:
            for sec in SECTIONS:
                folder = os.path.join(roots[pkg], "usr/share/man", sec)
                for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
                    if name.startswith(prog + "-") or name.startswith(prog + "_"):
                        text += "\n" + read_page(roots[pkg], "usr/share/man/%s/%s" % (sec, name))
        found, total = identity(text, words)
        score = "%d/%d tldr words" % (found, total) if total else "no tldr words"
        resolution[prog] = (outcome, path, pkg, "%s [%s]" % (line, score))
        if outcome == "page" and total >= 2 and found * 2 < total:
            missing = [w for w in words if not identity(text, [w])[0]][:8]
            if prog in tail:
                resolution[prog] = ("held", path, pkg, "%s [%s; not in the page: %s]"
                                    % (line, score, " ".join(missing)))
                continue
            suspects.append("  %s -> %s (%s): %s\n      NAME: %s\n      not in the page: %s"
                            % (prog, path, pkg, score, line, " ".join(missing)))
    if suspects:
        raise BuildError("these pages carry a program's name but mention less than half of the "
                         "words its tldr examples use, so they may document another program.\n"
                         "Decide for each: a line `program<TAB>package<TAB>reason` in %s, or name "
                         "the page in %s (third column) if it is right:\n%s"
                         % (DENY_NAME, PROGRAMS_NAME, "\n".join(suspects)))


def load_programs(programs_path, tail_path):
    """programs.tsv then tail-programs.tsv rows, and the set of tail programs."""
    programs = parse_programs(programs_path)
    tail_rows = parse_programs(tail_path)
    top = {p for p, _, _, _ in programs}
    twice = sorted(p for p, _, _, _ in tail_rows if p in top)
    if twice:
        raise BuildError("%s and %s both list %s" % (PROGRAMS_NAME, TAIL_NAME, ", ".join(twice)))
    return programs + tail_rows, {p for p, _, _, _ in tail_rows}


def build(list_path, corpus_dir, programs_path, deny_path, tldr, tail_path):
    import concurrent.futures
    entries = parse_list(list_path)
    programs, tail = load_programs(programs_path, tail_path)
    deny = parse_deny(deny_path)
    listed = {p for p, _ in entries}
    resolution = {}
    if programs:
        log("reading Debian's Contents index")
        contents = Contents([pg for _, _, pg, _ in programs if pg and pg.startswith("usr/")])
        resolution = resolve(programs, deny, listed, contents, tail)
    strict, soft, tails, shipped_as = plan(entries, programs, resolution, tail)
    parent = os.path.dirname(os.path.abspath(corpus_dir))
    versions, licences = {}, {}
    corpus = Corpus()
    with tempfile.TemporaryDirectory(prefix="build-corpus-") as workdir:
        fetched = {}
        wanted = [pkg for pkg, _ in strict + soft + tails]
        prefetch(wanted, workdir)
        full = {pkg for pkg, _ in strict + soft} | \
            {pkg for pkg, toks in tails if any("=" in t and "->" not in t for t in toks)}

        def unpack(pkg):
            deb, _ = download(pkg, workdir)
            return extract(pkg, deb, workdir, None if pkg in full else MAN_AND_DOC)

        # tail packages only need usr/share/{man,doc}: unpacked two at a time
        with concurrent.futures.ThreadPoolExecutor(2) as ex:
            unpacked = dict(zip(wanted, ex.map(unpack, wanted)))
        for pkg in wanted:
            root, version = unpacked[pkg]
            corpus.roots[pkg] = root
            versions[pkg] = version
            licences[pkg] = package_licence(pkg, root, workdir, fetched)
        check_identity(programs, resolution, corpus.roots, deny, tldr, tail)
        limit_tail(programs, resolution, corpus.roots, tail, {p for p, _ in strict + soft})
        # held and too large tail pages are not taken
        strict, soft, tails, shipped_as = plan(entries, programs, resolution, tail)
        for pkg, tokens in strict:
            corpus.add_package(pkg, tokens)
        for pkg, tokens in soft:
            corpus.add_package(pkg, tokens, soft=True)
        for pkg, tokens in tails:
            corpus.add_package(pkg, tokens, tail=True)
        corpus.resolve_links()

        new = tempfile.mkdtemp(prefix=os.path.basename(corpus_dir) + ".new-", dir=parent)
        try:
            os.chmod(new, 0o755)
            corpus.write(new)
            rows = [(rel, corpus.owner(rel)) for rel in sorted(set(corpus.files) | set(corpus.links))]
            with open(os.path.join(new, MANIFEST_NAME), "w", encoding="utf-8", newline="\n") as fh:
                fh.write(MANIFEST_HEADER + "\n")
                for rel, pkg in rows:
                    fh.write("%s\t%s\t%s\t%s\n" % (rel, pkg, versions[pkg], licences[pkg]))
            if programs:
                with open(os.path.join(new, RESOLVED_NAME), "w", encoding="utf-8",
                          newline="\n") as fh:
                    fh.write(RESOLVED_HEADER + "\n")
                    for prog, examples, _, _ in programs:
                        outcome, path, pkg, note = resolution[prog]
                        rel = shipped_as.get(prog, path)
                        if outcome in ("page", "named"):
                            owner = corpus.owner(rel)
                            if owner is None and prog in tail:
                                outcome, note = "dropped", "the page or what it needs (`.so`, " \
                                    "symlink target) is not in the package; " + note
                            elif owner is None:
                                raise BuildError("%s: its page %s was not shipped" % (prog, rel))
                            else:
                                if owner != pkg:
                                    note = "left to %s, which also ships %s; %s" % (owner, rel, note)
                                outcome = "shipped" if outcome == "page" else "shipped-as"
                        fh.write("%s\t%d\t%s\t%s\t%s\t%s\n"
                                 % (prog, examples, outcome, rel or "-", pkg or "-",
                                    " ".join(note.split())))
            # carry over the hand-written files (README.md, packages.tsv, ...)
            if os.path.isdir(corpus_dir):
                for name in sorted(os.listdir(corpus_dir)):
                    src = os.path.join(corpus_dir, name)
                    if name in GENERATED or re.fullmatch(r"man\w*", name):
                        continue
                    if os.path.isfile(src) and not os.path.islink(src):
                        shutil.copy2(src, os.path.join(new, name))
                    else:
                        log("warning: not carrying over %s" % src)
            for path, name in ((list_path, LIST_NAME), (programs_path, PROGRAMS_NAME),
                               (deny_path, DENY_NAME), (tail_path, TAIL_NAME)):
                if os.path.exists(path) and os.path.abspath(path) != \
                        os.path.join(os.path.abspath(corpus_dir), name):
                    shutil.copyfile(path, os.path.join(new, name))
            swap(new, corpus_dir)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise

    n_files = len(corpus.files)
    n_links = len(corpus.links)
    size = sum(os.path.getsize(os.path.join(corpus_dir, rel)) for rel in corpus.files)
    print("packages: %d (%d from packages.tsv, %d for programs.tsv, %d for %s)"
          % (len(strict) + len(soft) + len(tails), len(strict), len(soft), len(tails), TAIL_NAME))
    if programs:
        outcomes = {}
        for prog, examples, _, _ in programs:
            o = resolution[prog][0]
            outcomes[o] = outcomes.get(o, 0) + 1
        print("programs: %d listed; %s" % (len(programs), ", ".join(
            "%s %d" % (k, v) for k, v in sorted(outcomes.items()))))
    print("pages: %d files + %d symlinks = %d entries" % (n_files, n_links, n_files + n_links))
    print("total bytes (pages): %d (%.2f MB)" % (size, size / 1e6))
    print("wrote %s (manifest: %s)" % (corpus_dir, os.path.join(corpus_dir, MANIFEST_NAME)))


def swap(new, corpus_dir):
    """Replace corpus_dir by new with two renames (old one kept until the end)."""
    old = None
    if os.path.lexists(corpus_dir):
        old = tempfile.mkdtemp(prefix=os.path.basename(corpus_dir) + ".old-",
                               dir=os.path.dirname(os.path.abspath(corpus_dir)))
        os.rmdir(old)
        os.rename(corpus_dir, old)
    try:
        os.rename(new, corpus_dir)
    except BaseException:
        if old:
            os.rename(old, corpus_dir)
        raise
    if old:
        shutil.rmtree(old)


# --------------------------------------------------------------------------
# check

MAX_BYTES = 15 * 1000 * 1000


def check(list_path, corpus_dir, programs_path, deny_path, tail_path):
    problems = []
    entries = parse_list(list_path)
    programs, tail = load_programs(programs_path, tail_path)
    deny = parse_deny(deny_path)
    manifest_path = os.path.join(corpus_dir, MANIFEST_NAME)
    rows = {}
    try:
        with open(manifest_path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as exc:
        problems.append("cannot read %s: %s" % (MANIFEST_NAME, exc))
        lines = [MANIFEST_HEADER]
    if not lines or lines[0] != MANIFEST_HEADER:
        problems.append("%s: header is not %r" % (MANIFEST_NAME, MANIFEST_HEADER))
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) != 4 or not all(cols):
            problems.append("%s: bad row %r" % (MANIFEST_NAME, line))
            continue
        rows[cols[0]] = cols[1:]
    if list(rows) != sorted(rows):
        problems.append("%s: rows are not sorted" % MANIFEST_NAME)

    on_disk, n_files, n_links, size = set(), 0, 0, 0
    for sec in sorted(os.listdir(corpus_dir)):
        folder = os.path.join(corpus_dir, sec)
        if not (os.path.isdir(folder) and re.fullmatch(r"man\w*", sec)):
            continue
        for name in sorted(os.listdir(folder)):
            rel = sec + "/" + name
            path = os.path.join(folder, name)
            on_disk.add(rel)
            if os.path.islink(path):
                n_links += 1
                target = os.readlink(path)
                real = os.path.realpath(path)
                if target.startswith("/") or not os.path.isfile(path) or \
                        not real.startswith(os.path.realpath(corpus_dir) + os.sep):
                    problems.append("%s: symlink -> %s does not resolve inside the corpus"
                                    % (rel, target))
                continue
            n_files += 1
            size += os.path.getsize(path)
            try:
                with gzip.open(path, "rb") as fh:
                    text = fh.read().decode("utf-8", "replace")
            except (OSError, EOFError) as exc:
                problems.append("%s: not a valid gzip file (%s)" % (rel, exc))
                continue
            for m in re.finditer(r"^\.so\s+(\S+)", text, re.M):
                so = m.group(1)
                if not any(os.path.isfile(os.path.join(corpus_dir, so + ext))
                           for ext in ("", ".gz")):
                    problems.append("%s: `.so %s` does not resolve in the corpus" % (rel, so))

    for rel in sorted(on_disk - set(rows)):
        problems.append("%s: on disk but missing from %s" % (rel, MANIFEST_NAME))
    for rel in sorted(set(rows) - on_disk):
        problems.append("%s: in %s but not on disk" % (rel, MANIFEST_NAME))

    by_pkg = {}
    for rel, (pkg, _, _) in rows.items():
        by_pkg.setdefault(pkg, []).append(rel)
    for pkg, tokens in entries:
        mine = by_pkg.get(pkg, [])
        for tok in tokens:
            pattern = tok.split("->", 1)[0]
            if not any(fnmatch.fnmatchcase(rel, pattern) for rel in mine):
                problems.append("%s: %s matched no shipped file" % (pkg, tok))
    listed = {p for p, _ in entries}
    resolved = {}
    if programs:
        try:
            with open(os.path.join(corpus_dir, RESOLVED_NAME), encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except OSError as exc:
            problems.append("cannot read %s: %s" % (RESOLVED_NAME, exc))
            lines = [RESOLVED_HEADER]
        if not lines or lines[0] != RESOLVED_HEADER:
            problems.append("%s: header is not %r" % (RESOLVED_NAME, RESOLVED_HEADER))
        for line in lines[1:]:
            cols = line.split("\t")
            if len(cols) != 6:
                problems.append("%s: bad row %r" % (RESOLVED_NAME, line))
                continue
            resolved[cols[0]] = cols[1:]
    for prog, _, page, _ in programs:
        row = resolved.get(prog)
        if row is None:
            problems.append("%s: listed in %s but not in %s (rebuild)"
                            % (prog, TAIL_NAME if prog in tail else PROGRAMS_NAME, RESOLVED_NAME))
            continue
        outcome, rel, pkg = row[1], row[2], row[3]
        if outcome in ("shipped", "shipped-as"):
            listed.add(pkg)
            if rel not in on_disk:
                problems.append("%s: its page %s is not in the corpus" % (prog, rel))
            elif not re.fullmatch(r"man[18]/%s\.[18][a-z0-9]*\.gz" % re.escape(prog), rel):
                problems.append("%s: shipped as %s, which does not carry its name" % (prog, rel))
            if (prog, pkg) in deny:
                problems.append("%s: shipped from %s, which %s denies" % (prog, pkg, DENY_NAME))
        elif outcome == "denied" and (prog, pkg) not in deny:
            problems.append("%s: %s says denied, but %s has no (%s, %s) line"
                            % (prog, RESOLVED_NAME, DENY_NAME, prog, pkg))
        elif outcome in ("held", "dropped", "too-large") and prog not in tail:
            problems.append("%s: %s says %s, which only a tail program can be"
                            % (prog, RESOLVED_NAME, outcome))
        elif outcome not in ("denied", "none", "held", "dropped", "too-large"):
            problems.append("%s: unknown outcome %r in %s" % (prog, outcome, RESOLVED_NAME))
    for prog in sorted(set(resolved) - {p for p, _, _, _ in programs}):
        problems.append("%s: in %s but not in %s nor %s (rebuild)"
                        % (prog, RESOLVED_NAME, PROGRAMS_NAME, TAIL_NAME))
    for pkg in sorted(set(by_pkg) - listed):
        problems.append("%s: in %s but not in %s nor pulled in by %s or %s"
                        % (pkg, MANIFEST_NAME, LIST_NAME, PROGRAMS_NAME, TAIL_NAME))
    # the cap is on the apparent size: the bytes git stores and the binary embeds (regular
    # files, with the lists, and symlinks' targets), not `du -sh`'s 4 KiB blocks
    apparent = 0
    for folder, dirs, files in os.walk(corpus_dir):
        for name in files:
            apparent += os.lstat(os.path.join(folder, name)).st_size
    if apparent > MAX_BYTES:
        problems.append("manpages/ takes %d bytes (apparent size), more than the %d allowed"
                        % (apparent, MAX_BYTES))

    missing = [rel for rel in REQUIRED if rel not in on_disk]
    for rel in missing:
        problems.append("required page missing: %s" % rel)

    print("packages: %d, pages: %d files + %d symlinks, total bytes (pages): %d (%.2f MB)"
          % (len(entries), n_files, n_links, size, size / 1e6))
    print("apparent size of %s (all files and symlinks): %d bytes (%.2f MB; cap %.0f MB)"
          % (os.path.basename(os.path.abspath(corpus_dir)), apparent, apparent / 1e6,
             MAX_BYTES / 1e6))
    print("required pages present: %d/%d" % (len(REQUIRED) - len(missing), len(REQUIRED)))
    if programs:
        for name, group in ((PROGRAMS_NAME, [p for p, _, _, _ in programs if p not in tail]),
                            (TAIL_NAME, [p for p, _, _, _ in programs if p in tail])):
            rows = [resolved[p] for p in group if p in resolved]
            shipped = [r for r in rows if r[1].startswith("shipped")]
            print("%s: %d programs, %d with a shipped page (%d of %d examples)"
                  % (name, len(group), len(shipped), sum(int(r[0]) for r in shipped),
                     sum(int(r[0]) for r in rows)))
    if problems:
        for p in problems:
            print("PROBLEM: " + p)
        print("check FAILED (%d problems)" % len(problems))
        return 1
    print("check OK")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="verify the existing corpus against the list and manifest (no network)")
    ap.add_argument("--apt-update", action="store_true", help="run `apt-get update` first")
    ap.add_argument("--list", default=None, help="package list (default: manpages/packages.tsv)")
    ap.add_argument("--corpus", default=CORPUS, help="corpus folder (default: manpages/)")
    ap.add_argument("--programs", default=None, help="program list (default: manpages/programs.tsv)")
    ap.add_argument("--deny", default=None, help="deny list (default: manpages/deny.tsv)")
    ap.add_argument("--tldr", default=os.path.join(os.path.dirname(REPO), "shared", "corpus",
                                                   "tldr-commands.jsonl"),
                    help="tldr corpus for the identity check (default: ../shared/corpus/"
                         "tldr-commands.jsonl)")
    ap.add_argument("--top", nargs=2, metavar=("N", "JSONL"),
                    help="print the N most used main programs of a tldr corpus as programs.tsv rows")
    ap.add_argument("--tail", nargs=2, metavar=("N", "JSONL"),
                    help="write manpages/tail-programs.tsv: the programs of a tldr corpus beyond "
                         "the N most used")
    ap.add_argument("--tail-programs", default=None,
                    help="tail program list (default: manpages/tail-programs.tsv)")
    ap.add_argument("--deb-cache", metavar="DIR",
                    help="keep the downloaded .debs in DIR and reuse them (for repeated builds)")
    args = ap.parse_args(argv)
    global DEB_CACHE
    DEB_CACHE = os.path.abspath(args.deb_cache) if args.deb_cache else None
    list_path = args.list or os.path.join(args.corpus, LIST_NAME)
    programs_path = args.programs or os.path.join(args.corpus, PROGRAMS_NAME)
    deny_path = args.deny or os.path.join(args.corpus, DENY_NAME)
    tail_path = args.tail_programs or os.path.join(args.corpus, TAIL_NAME)
    try:
        if args.tail:
            write_tail(args.tail[1], int(args.tail[0]), tail_path, programs_path)
            return 0
        if args.top:
            for prog, n in top_programs(args.top[1], int(args.top[0])):
                print("%s\t%d" % (prog, n))
            return 0
        if args.check:
            return check(list_path, args.corpus, programs_path, deny_path, tail_path)
        if args.apt_update:
            rc, out, err = run(["apt-get", "update"])
            if rc != 0:
                raise BuildError("apt-get update failed:\n" + err.strip())
            if shutil.which("apt-file"):
                rc, out, err = run(["apt-file", "update"])
                if rc != 0:
                    raise BuildError("apt-file update failed:\n" + err.strip())
        codename = ""
        if os.path.exists("/etc/os-release"):
            with open("/etc/os-release") as fh:
                m = re.search(r"^VERSION_CODENAME=(\S+)", fh.read(), re.M)
                codename = m.group(1) if m else ""
        if codename != "bookworm":
            log("warning: this is not Debian 12 bookworm (%s); the pages will come from "
                "whatever archive apt is configured for" % (codename or "unknown"))
        build(list_path, args.corpus, programs_path, deny_path, args.tldr, tail_path)
        return 0
    except BuildError as exc:
        log("build-corpus: error: %s" % exc)
        log("build-corpus: the existing corpus was left unchanged")
        return 1


if __name__ == "__main__":
    sys.exit(main())
