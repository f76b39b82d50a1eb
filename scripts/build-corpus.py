#!/usr/bin/env python3
"""Build (or check) the shipped man-page corpus in manpages/.

The corpus is a set of unmodified man pages copied byte for byte out of
Debian 12 (bookworm) binary packages, kept in man's own tree form
(manpages/man1/tar.1.gz, manpages/man8/ip.8.gz, ...) so that symlinks and
`.so` requests keep resolving.

Usage:
    python3 scripts/build-corpus.py            # rebuild manpages/ from packages.tsv
    python3 scripts/build-corpus.py --check    # verify the corpus, no network
    python3 scripts/build-corpus.py --apt-update   # run `apt-get update` first

Build steps, for each package named in manpages/packages.tsv:
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
                dest = tok.split("->", 1)[0]
                if dest.startswith("/") or ".." in dest.split("/") or dest.split("/")[0] not in SECTIONS:
                    raise BuildError("%s:%d: %r must start with one of %s/"
                                     % (path, lineno, tok, "/, ".join(SECTIONS)))
            if pkg not in entries:
                entries[pkg] = []
                order.append(pkg)
            entries[pkg].extend(t for t in tokens if t not in entries[pkg])
    if not order:
        raise BuildError("%s lists no package" % path)
    return [(p, entries[p]) for p in order]


# --------------------------------------------------------------------------
# apt / dpkg

def run(cmd, cwd=None):
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    return proc.returncode, proc.stdout, proc.stderr


def archive_version(pkg):
    """Newest version of pkg offered by the configured archives (not dpkg status)."""
    rc, out, err = run(["apt-cache", "madison", pkg])
    if rc != 0:
        raise BuildError("%s: apt-cache madison failed: %s" % (pkg, err.strip()))
    versions = []
    for line in out.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) >= 3 and parts[0] == pkg and parts[2].endswith("Packages"):
            versions.append(parts[1])
    if not versions:
        raise BuildError("%s: no version in the apt archives (is the name right? "
                         "was `apt-get update` run? try --apt-update)" % pkg)
    best = versions[0]
    for v in versions[1:]:
        if run(["dpkg", "--compare-versions", v, "gt", best])[0] == 0:
            best = v
    return best


def download(pkg, workdir):
    """apt-get download pkg into workdir/dl-pkg; return (deb path, version)."""
    version = archive_version(pkg)
    dest = os.path.join(workdir, "dl-" + pkg)
    os.makedirs(dest)
    rc, out, err = run(["apt-get", "download", "-q", "%s=%s" % (pkg, version)], cwd=dest)
    debs = [f for f in os.listdir(dest) if f.endswith(".deb")]
    if rc != 0 or len(debs) != 1:
        msg = "\n".join(l for l in (err + out).splitlines()
                        if l.strip() and "unsandboxed" not in l) or "no .deb written"
        raise BuildError("%s: apt-get download %s=%s failed (exit %d):\n%s"
                         % (pkg, pkg, version, rc, msg))
    return os.path.join(dest, debs[0]), version


def extract(pkg, deb, workdir):
    root = os.path.join(workdir, "x-" + pkg)
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
                fetched[other] = extract(other, deb, workdir)[0]
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

    def owner(self, rel):
        if rel in self.files:
            return self.files[rel][0]
        if rel in self.links:
            return self.links[rel][0]
        return None

    def add_entry(self, pkg, rel, where):
        """Add usr/share/man/<rel> of pkg (regular file or symlink)."""
        prev = self.owner(rel)
        if prev is not None:
            if prev == pkg:
                return
            raise BuildError("%s: %s is shipped by both %s and %s (%s)" % (rel, rel, prev, pkg, where))
        src = os.path.join(self.roots[pkg], "usr/share/man", rel)
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

    def add_package(self, pkg, tokens):
        mandir = os.path.join(self.roots[pkg], "usr/share/man")
        for tok in tokens:
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
            if not matched:
                raise BuildError("%s: glob %s matches nothing in the package's usr/share/man"
                                 % (pkg, tok))
            for name in matched:
                self.add_entry(pkg, os.path.join(sub, name), tok)

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
        # drop cycles and chains that never reach a regular file
        for rel in sorted(self.links):
            seen, cur = set(), rel
            while cur in self.links and cur not in seen:
                seen.add(cur)
                cur = self.link_target(cur, self.links[cur][1])
            if cur not in self.files:
                log("warning: dropping %s (symlink loop or dangling chain)" % rel)
                del self.links[rel]

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


def build(list_path, corpus_dir):
    entries = parse_list(list_path)
    parent = os.path.dirname(os.path.abspath(corpus_dir))
    versions, licences = {}, {}
    corpus = Corpus()
    with tempfile.TemporaryDirectory(prefix="build-corpus-") as workdir:
        fetched = {}
        for pkg, tokens in entries:
            log("fetching %s" % pkg)
            deb, _ = download(pkg, workdir)
            root, version = extract(pkg, deb, workdir)
            corpus.roots[pkg] = root
            versions[pkg] = version
            licences[pkg] = package_licence(pkg, root, workdir, fetched)
        for pkg, tokens in entries:
            corpus.add_package(pkg, tokens)
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
            # carry over the hand-written files (README.md, packages.tsv, ...)
            if os.path.isdir(corpus_dir):
                for name in sorted(os.listdir(corpus_dir)):
                    src = os.path.join(corpus_dir, name)
                    if name == MANIFEST_NAME or re.fullmatch(r"man\w*", name):
                        continue
                    if os.path.isfile(src) and not os.path.islink(src):
                        shutil.copy2(src, os.path.join(new, name))
                    else:
                        log("warning: not carrying over %s" % src)
            if os.path.abspath(list_path) != os.path.join(os.path.abspath(corpus_dir), LIST_NAME):
                shutil.copyfile(list_path, os.path.join(new, LIST_NAME))
            swap(new, corpus_dir)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise

    n_files = len(corpus.files)
    n_links = len(corpus.links)
    size = sum(os.path.getsize(os.path.join(corpus_dir, rel)) for rel in corpus.files)
    print("packages: %d" % len(entries))
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

def check(list_path, corpus_dir):
    problems = []
    entries = parse_list(list_path)
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
    for pkg in sorted(set(by_pkg) - listed):
        problems.append("%s: in %s but not in %s" % (pkg, MANIFEST_NAME, LIST_NAME))

    missing = [rel for rel in REQUIRED if rel not in on_disk]
    for rel in missing:
        problems.append("required page missing: %s" % rel)

    print("packages: %d, pages: %d files + %d symlinks, total bytes (pages): %d (%.2f MB)"
          % (len(entries), n_files, n_links, size, size / 1e6))
    print("required pages present: %d/%d" % (len(REQUIRED) - len(missing), len(REQUIRED)))
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
    args = ap.parse_args(argv)
    list_path = args.list or os.path.join(args.corpus, LIST_NAME)
    try:
        if args.check:
            return check(list_path, args.corpus)
        if args.apt_update:
            rc, out, err = run(["apt-get", "update"])
            if rc != 0:
                raise BuildError("apt-get update failed:\n" + err.strip())
        codename = ""
        if os.path.exists("/etc/os-release"):
            with open("/etc/os-release") as fh:
                m = re.search(r"^VERSION_CODENAME=(\S+)", fh.read(), re.M)
                codename = m.group(1) if m else ""
        if codename != "bookworm":
            log("warning: this is not Debian 12 bookworm (%s); the pages will come from "
                "whatever archive apt is configured for" % (codename or "unknown"))
        build(list_path, args.corpus)
        return 0
    except BuildError as exc:
        log("build-corpus: error: %s" % exc)
        log("build-corpus: the existing corpus was left unchanged")
        return 1


if __name__ == "__main__":
    sys.exit(main())
