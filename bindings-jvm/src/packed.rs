//! Transaction records as the Kotlin side packs them (`Packing.kt`): a header of field names,
//! then each record's fields as tagged values, read into lines with no JSON in between. Money
//! arrives as an exact decimal and a wall-clock date as one, so the core parses no text for them.

use chrono::DateTime;
use feedrail::{Error, Lines, RawRecord, RawValue, field_position};
use rust_decimal::Decimal;

/// Transaction records, packed.
pub struct Transactions(Vec<u8>);

uniffi::custom_type!(Transactions, Vec<u8>, {
    lower: |records| records.0,
    try_lift: |bytes| Ok(Transactions(bytes)),
});

impl std::fmt::Debug for Transactions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Transactions({} bytes)", self.0.len())
    }
}

impl Transactions {
    /// The records read into lines that own their text (for work that outlives the call); a
    /// malformed packing (never made by the Kotlin side) is `INTERNAL`.
    pub fn lines(self) -> Result<Lines<'static>, Error> {
        read(&self.0, Lines::push).map_err(malformed)
    }

    /// The records read into lines borrowing their text from the packing.
    pub fn borrowed(&self) -> Result<Lines<'_>, Error> {
        read(&self.0, Lines::push_borrowed).map_err(malformed)
    }
}

fn malformed(what: &str) -> Error {
    Error::Internal {
        message: format!("the packed records are malformed: {what}"),
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], &'static str> {
        if self.bytes.len() < n {
            return Err("they end early");
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, &'static str> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, &'static str> {
        Ok(u32::from_be_bytes(
            self.take(4)?.try_into().map_err(|_| "a u32")?,
        ))
    }

    fn i64(&mut self) -> Result<i64, &'static str> {
        Ok(i64::from_be_bytes(
            self.take(8)?.try_into().map_err(|_| "an i64")?,
        ))
    }

    fn text(&mut self) -> Result<&'a str, &'static str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| "a text is not UTF-8")
    }

    fn value(&mut self) -> Result<Option<RawValue<'a>>, &'static str> {
        Ok(Some(match self.u8()? {
            0 => return Ok(None),
            1 => RawValue::Text(self.text()?),
            2 => {
                let unscaled = self.i64()?;
                let scale = u32::from(self.u8()?);
                RawValue::Decimal(
                    Decimal::try_from_i128_with_scale(i128::from(unscaled), scale)
                        .map_err(|_| "a decimal's scale is out of range")?,
                )
            }
            3 => {
                let seconds = self.i64()?;
                let nanos = self.u32()?;
                RawValue::Date(
                    DateTime::from_timestamp(seconds, nanos)
                        .ok_or("a date is out of range")?
                        .naive_utc(),
                )
            }
            4 => RawValue::Bool(self.u8()? != 0),
            _ => return Err("a value has an unknown tag"),
        }))
    }
}

/// Reads the packing, handing each record to `push` (owning or borrowing its text).
fn read<'a, 'l>(
    bytes: &'a [u8],
    push: impl Fn(&mut Lines<'l>, &RawRecord<'a>),
) -> Result<Lines<'l>, &'static str> {
    let mut r = Reader { bytes };
    let fields = (0..r.u32()?)
        .map(|_| r.text().map(field_position))
        .collect::<Result<Vec<_>, _>>()?;
    let count = r.u32()? as usize;
    let mut lines = Lines::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let mut record = RawRecord::default();
        for position in &fields {
            let value = r.value()?;
            if let (Some(value), Some(slot)) =
                (value, position.and_then(|p| record.field_at_mut(p)))
            {
                *slot = Some(value);
            }
        }
        push(&mut lines, &record);
    }
    if !r.bytes.is_empty() {
        return Err("bytes are left over");
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packed(fields: &[&str], values: &[&[u8]]) -> Vec<u8> {
        let mut out = (fields.len() as u32).to_be_bytes().to_vec();
        for f in fields {
            out.extend((f.len() as u32).to_be_bytes());
            out.extend(f.as_bytes());
        }
        out.extend(1u32.to_be_bytes());
        for v in values {
            out.extend(*v);
        }
        out
    }

    #[test]
    fn reads_decimals_dates_and_text_and_refuses_a_broken_packing() {
        let mut amount = vec![2];
        amount.extend((-1250i64).to_be_bytes());
        amount.push(2);
        let mut date = vec![3];
        date.extend(1_735_722_000i64.to_be_bytes());
        date.extend(0u32.to_be_bytes());
        let mut id = vec![1];
        id.extend(1u32.to_be_bytes());
        id.push(b'a');
        let bytes = packed(
            &["amount", "date", "id", "extra"],
            &[&amount, &date, &id, &[0]],
        );
        let lines = Transactions(bytes.clone()).lines().unwrap();
        assert_eq!(lines.id(0), Some("a"));
        let tx = lines.to_transactions().unwrap();
        assert_eq!(tx[0].amount.to_string(), "-12.50");
        assert_eq!(tx[0].date.to_string(), "2025-01-01 09:00:00");
        for broken in [
            &bytes[..bytes.len() - 1],
            &[bytes.as_slice(), &[0]].concat(),
        ] {
            let e = Transactions(broken.to_vec()).lines().unwrap_err();
            assert_eq!(e.code().as_str(), "INTERNAL", "{e}");
        }
    }
}
