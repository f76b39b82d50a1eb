//! roff numeric expressions, as in `.nr` and `.if` conditions: evaluated left to right, as roff
//! does, with scaling units dropped.

/// Evaluates a roff numeric expression (left to right, as roff does; units dropped).
pub fn eval_number(s: &str) -> Option<i64> {
    let mut p = NumParser {
        s: s.as_bytes(),
        i: 0,
    };
    let v = p.expr()?;
    Some(v)
}

struct NumParser<'a> {
    s: &'a [u8],
    i: usize,
}

impl NumParser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn expr(&mut self) -> Option<i64> {
        let mut acc = self.term()?;
        loop {
            let op: &[u8] = match (self.peek(), self.s.get(self.i + 1).copied()) {
                (Some(b'<'), Some(b'=')) => b"<=",
                (Some(b'>'), Some(b'=')) => b">=",
                (Some(b'='), Some(b'=')) => b"==",
                (Some(b'<'), Some(b'?')) => b"<?",
                (Some(b'>'), Some(b'?')) => b">?",
                (Some(c), _) if b"+-*/%<>=&:".contains(&c) => &self.s[self.i..self.i + 1],
                _ => return Some(acc),
            };
            let op = op.to_vec();
            self.i += op.len();
            let rhs = self.term()?;
            acc = match op.as_slice() {
                b"+" => acc.saturating_add(rhs),
                b"-" => acc.saturating_sub(rhs),
                b"*" => acc.saturating_mul(rhs),
                b"/" => {
                    if rhs == 0 {
                        return None;
                    }
                    acc / rhs
                }
                b"%" => {
                    if rhs == 0 {
                        return None;
                    }
                    acc % rhs
                }
                b"<" => (acc < rhs) as i64,
                b">" => (acc > rhs) as i64,
                b"<=" => (acc <= rhs) as i64,
                b">=" => (acc >= rhs) as i64,
                b"=" | b"==" => (acc == rhs) as i64,
                b"&" => (acc > 0 && rhs > 0) as i64,
                b":" => (acc > 0 || rhs > 0) as i64,
                b"<?" => acc.min(rhs),
                b">?" => acc.max(rhs),
                _ => return None,
            };
        }
    }
    fn term(&mut self) -> Option<i64> {
        match self.peek()? {
            b'(' => {
                self.i += 1;
                let v = self.expr()?;
                if self.peek() == Some(b')') {
                    self.i += 1;
                }
                Some(v)
            }
            b'-' => {
                self.i += 1;
                Some(-self.term()?)
            }
            b'+' => {
                self.i += 1;
                self.term()
            }
            b'!' => {
                self.i += 1;
                Some((self.term()? <= 0) as i64)
            }
            c if c.is_ascii_digit() || c == b'.' => {
                let start = self.i;
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.i += 1;
                }
                let int: i64 = std::str::from_utf8(&self.s[start..self.i])
                    .ok()?
                    .parse()
                    .unwrap_or(0);
                if self.peek() == Some(b'.') {
                    self.i += 1;
                    while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        self.i += 1;
                    }
                }
                if self.peek().is_some_and(|c| b"icpPmMnuvsfz".contains(&c)) {
                    self.i += 1;
                }
                Some(int)
            }
            _ => None,
        }
    }
}
