//! Bundles of short options: `-xzvf`, `-n1`, `-ofile`, and dashless `xzvf` or `aux` where the
//! page allows them.

use manpage::{ArgumentNeed, Page};

use crate::command::{Context, piece, unknown};
use crate::option_lookup::{exact, flag_need, mostly_single_dash_long, shows_glued};
use crate::{Kind, Piece};

impl Context<'_, '_> {
    /// Splits a bundle of short options (`-xzvf`, `-n1`, `-ofile`, or dashless `xzvf` where the
    /// page allows it; `prefix` is the dash the letters take). Returns how many following words
    /// were used as arguments and the pieces, or `None` when the first letter is not a documented option.
    pub(crate) fn bundle(
        &self,
        w: &shell::Word,
        rest: &[shell::Word],
        group: usize,
        page: &Page,
        prefix: &str,
    ) -> Option<(usize, Vec<Piece>)> {
        let mut out = Vec::new();
        let v = &w.value;
        let skip = usize::from(v.starts_with(['-', '+']));
        let letters: Vec<(usize, char)> = v.char_indices().skip(skip).collect();
        let (_, first) = *letters.first()?;
        let first_opt = exact(page, &format!("{prefix}{first}"))?;
        // Programs whose options are mostly long names after one dash (ffmpeg, find, gcc,
        // openssl) do not bundle letters: `-crf` is not `-c -r -f`. A letter with its argument
        // attached still is one (`7z -ooutput`, `gcc -Iinclude`).
        // ffmpeg's `-c codec` shows a blank there, and `-crf` is not `-c rf`.
        if prefix == "-" && letters.len() > 1 && mostly_single_dash_long(page) {
            let flag = format!("{prefix}{first}");
            if flag_need(first_opt, &flag).is_none() || !shows_glued(first_opt, &flag) {
                return None;
            }
        }
        // Offsets map from the value to the raw word only when the word is unquoted.
        if w.quoted || w.range.len() != v.len() {
            out.push(piece(
                w.range.clone(),
                Kind::Option,
                group,
                self.opt_help(page, first_opt),
                Some(format!("{prefix}{first}")),
            ));
            return Some((0, out));
        }
        if skip == 0
            && !letters
                .iter()
                .all(|(_, c)| exact(page, &format!("{prefix}{c}")).is_some())
        {
            return None;
        }
        let base = w.range.start;
        let mut used = 0;
        let mut skip_next = false;
        for (k, &(off, c)) in letters.iter().enumerate() {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            let flag = format!("{prefix}{c}");
            let start = if k == 0 { base } else { base + off };
            let letter_end = base + off + c.len_utf8();
            let Some(opt) = exact(page, &flag) else {
                // Two-letter single-dash options inside a bundle (wget's `-np` in `-mnp`).
                if let Some(&(off2, c2)) = letters.get(k + 1)
                    && let Some(opt) = exact(page, &format!("{prefix}{c}{c2}"))
                    && opt.argument.is_none()
                {
                    let end = base + off2 + c2.len_utf8();
                    out.push(piece(
                        start..end,
                        Kind::Option,
                        group,
                        self.opt_help(page, opt),
                        Some(format!("{prefix}{c}{c2}")),
                    ));
                    skip_next = true;
                    continue;
                }
                out.push(unknown(start..letter_end, group));
                continue;
            };
            let needs = flag_need(opt, &flag);
            // An optional argument only takes the rest of the word when the rest is not itself
            // a run of documented letters (`-it` is -i -t; `-c3` is -c with 3).
            let rest_are_flags = letters[k + 1..]
                .iter()
                .all(|(_, c)| exact(page, &format!("{prefix}{c}")).is_some());
            let takes_rest = match needs {
                Some(ArgumentNeed::Required) => true,
                Some(ArgumentNeed::Optional) => !rest_are_flags,
                None => false,
            };
            if skip == 1 && takes_rest && letter_end < w.range.end {
                // The rest of the word is the argument: -n1, -I{}, -ofile.
                out.push(piece(
                    start..w.range.end,
                    Kind::Option,
                    group,
                    self.opt_help(page, opt),
                    Some(flag),
                ));
                return Some((used, out));
            }
            out.push(piece(
                start..letter_end,
                Kind::Option,
                group,
                self.opt_help(page, opt),
                Some(flag),
            ));
            let last = k + 1 == letters.len();
            // `-xzvf a.tgz`: the last letter's argument is the next word; in old-style bundles
            // (`tar cfv a.tar`) each argument-taking letter takes the next word in turn.
            if needs == Some(ArgumentNeed::Required)
                && (last || skip == 0)
                && let Some(arg) = rest.get(used)
            {
                out.push(piece(
                    arg.range.clone(),
                    Kind::Argument,
                    group,
                    self.opt_help(page, opt),
                    None,
                ));
                used += 1;
            }
        }
        Some((used, out))
    }
}
