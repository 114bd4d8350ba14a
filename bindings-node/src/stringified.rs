//! The text `JSON.stringify` makes of an array of records, read record by record in one pass
//! without building any JSON value. The text is V8's own output — no whitespace, every string
//! escaped, nothing but scalars where records hold plain data — so a record is a run of
//! `"key":value` pairs; a nested object or array is only skipped.

/// One field's value as the text has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'t> {
    /// A string without escapes: its inner text.
    Text(&'t str),
    /// A string with escapes: the whole literal, quotes included, for a JSON decoder.
    Escaped(&'t str),
    /// A number's text.
    Number(&'t str),
    /// `true` or `false`.
    Bool(bool),
    /// `null`, an object or an array: the text lost or flattened something.
    Lossy,
}

/// A record's field: its key and its value.
pub type Field<'t> = (Token<'t>, Token<'t>);

/// The text is not an array of objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotRecords;

/// Reads the records of an array's text one after another.
pub struct Records<'t> {
    text: &'t str,
    at: usize,
    first: bool,
}

impl<'t> Records<'t> {
    /// A reader of `text`, which must open an array.
    pub fn new(text: &'t str) -> Result<Self, NotRecords> {
        let mut records = Records {
            text,
            at: 0,
            first: true,
        };
        if records.eat(b'[') {
            Ok(records)
        } else {
            Err(NotRecords)
        }
    }

    /// The next record's fields into `fields`; `false` after the last record.
    pub fn next_into(&mut self, fields: &mut Vec<Field<'t>>) -> Result<bool, NotRecords> {
        fields.clear();
        if self.eat(b']') {
            return Ok(false);
        }
        if !std::mem::take(&mut self.first) && !self.eat(b',') {
            return Err(NotRecords);
        }
        if !self.eat(b'{') {
            return Err(NotRecords);
        }
        if self.eat(b'}') {
            return Ok(true);
        }
        loop {
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(NotRecords);
            }
            fields.push((key, self.value()?));
            if self.eat(b'}') {
                return Ok(true);
            }
            if !self.eat(b',') {
                return Err(NotRecords);
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn string(&mut self) -> Result<Token<'t>, NotRecords> {
        let start = self.at;
        if !self.eat(b'"') {
            return Err(NotRecords);
        }
        let mut escaped = false;
        loop {
            match self.peek() {
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.at += 2;
                }
                Some(_) => self.at += 1,
                None => return Err(NotRecords),
            }
        }
        self.at += 1;
        let literal = self.text.get(start..self.at).ok_or(NotRecords)?;
        Ok(if escaped {
            Token::Escaped(literal)
        } else {
            Token::Text(&literal[1..literal.len() - 1])
        })
    }

    fn value(&mut self) -> Result<Token<'t>, NotRecords> {
        match self.peek().ok_or(NotRecords)? {
            b'"' => self.string(),
            b't' => self.literal("true", Token::Bool(true)),
            b'f' => self.literal("false", Token::Bool(false)),
            b'n' => self.literal("null", Token::Lossy),
            b'{' | b'[' => self.skip_nested().map(|()| Token::Lossy),
            _ => {
                let start = self.at;
                while self
                    .peek()
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']'))
                {
                    self.at += 1;
                }
                self.text
                    .get(start..self.at)
                    .map(Token::Number)
                    .ok_or(NotRecords)
            }
        }
    }

    fn literal(&mut self, word: &str, token: Token<'t>) -> Result<Token<'t>, NotRecords> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(token)
        } else {
            Err(NotRecords)
        }
    }

    fn skip_nested(&mut self) -> Result<(), NotRecords> {
        let mut depth = 0usize;
        loop {
            match self.peek().ok_or(NotRecords)? {
                b'{' | b'[' => {
                    depth += 1;
                    self.at += 1;
                }
                b'}' | b']' => {
                    depth -= 1;
                    self.at += 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                b'"' => {
                    self.string()?;
                }
                _ => self.at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Result<Vec<Vec<Field<'_>>>, NotRecords> {
        let mut records = Records::new(text)?;
        let mut out = Vec::new();
        let mut fields = Vec::new();
        while records.next_into(&mut fields)? {
            out.push(fields.clone());
        }
        Ok(out)
    }

    #[test]
    fn reads_records_field_by_field() {
        let text = r#"[{"id":"a","amount":-1.5e3,"ok":true,"n":null,"nested":{"x":["}",{"y":"\"]"}]},"d":"é"},{},{"k\"ey":"a\\b","f":false}]"#;
        let records = all(text).unwrap();
        assert_eq!(records.len(), 3);
        assert_eq!(
            records[0],
            vec![
                (Token::Text("id"), Token::Text("a")),
                (Token::Text("amount"), Token::Number("-1.5e3")),
                (Token::Text("ok"), Token::Bool(true)),
                (Token::Text("n"), Token::Lossy),
                (Token::Text("nested"), Token::Lossy),
                (Token::Text("d"), Token::Text("é")),
            ]
        );
        assert!(records[1].is_empty());
        assert_eq!(
            records[2],
            vec![
                (Token::Escaped(r#""k\"ey""#), Token::Escaped(r#""a\\b""#)),
                (Token::Text("f"), Token::Bool(false)),
            ]
        );
        assert_eq!(all("[]").unwrap().len(), 0);
    }

    #[test]
    fn anything_but_an_array_of_objects_is_refused() {
        for text in [
            r#"{"a":1}"#,
            r#"[1]"#,
            r#"["x"]"#,
            r#"[{"a":1},2]"#,
            r#"[{"a":1}"#,
            r#"[{"a"}]"#,
            r#"[{"a":"#,
        ] {
            assert_eq!(all(text), Err(NotRecords), "{text}");
        }
    }
}
