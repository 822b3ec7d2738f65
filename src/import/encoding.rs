//! Finds the text encoding of a CSV file and decodes it.
//!
//! Order: a byte-order mark (UTF-8, UTF-16 LE/BE) decides; without one, UTF-16 is
//! recognised by its zero bytes; then UTF-8 when the bytes are UTF-8 (a few broken
//! sequences in otherwise UTF-8 text are replaced, not taken as a sign of GBK);
//! everything else is GB18030, the superset of GBK that Excel on Chinese Windows
//! writes.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// Text decoded from a file, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding's name as shown to the user.
    pub encoding: &'static str,
    /// Whether some bytes could not be decoded and were replaced with U+FFFD.
    pub lossy: bool,
}

/// Name shown for UTF-8 without a byte-order mark.
pub const UTF8: &str = "UTF-8";
/// Name shown for UTF-8 with a byte-order mark.
pub const UTF8_BOM: &str = "UTF-8 with BOM";
/// Name shown for UTF-16 little-endian.
pub const UTF16_LE: &str = "UTF-16LE";
/// Name shown for UTF-16 big-endian.
pub const UTF16_BE: &str = "UTF-16BE";
/// Name shown for GB18030 / GBK.
pub const GBK: &str = "GB18030 (GBK)";

/// Decodes `bytes`, detecting the encoding as described in the module docs.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, UTF8_BOM);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return with(UTF_16LE, rest, UTF16_LE);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return with(UTF_16BE, rest, UTF16_BE);
    }
    if let Some(utf16) = utf16_without_bom(bytes) {
        return utf16;
    }
    if mostly_utf8(bytes) {
        return utf8(bytes, UTF8);
    }
    with(GB18030, bytes, GBK)
}

fn utf8(bytes: &[u8], name: &'static str) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            encoding: name,
            lossy: false,
        },
        Err(_) => Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: name,
            lossy: true,
        },
    }
}

fn with(encoding: &'static Encoding, bytes: &[u8], name: &'static str) -> Decoded {
    let (text, lossy) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: name,
        lossy,
    }
}

/// UTF-16 without a byte-order mark: in the first kilobyte, zero bytes sit in
/// every other position (ASCII text), and only there.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    let sample = bytes.get(..bytes.len().min(1024))?;
    if sample.len() < 4 {
        return None;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .enumerate()
            .filter(|(i, b)| i % 2 == parity && **b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let half = sample.len() / 2;
    if odd * 10 >= half * 8 && even == 0 {
        Some(with(UTF_16LE, bytes, UTF16_LE))
    } else if even * 10 >= half * 8 && odd == 0 {
        Some(with(UTF_16BE, bytes, UTF16_BE))
    } else {
        None
    }
}

/// Whether `bytes` are UTF-8, allowing broken sequences when there are at least
/// four well-formed non-ASCII characters for each. GBK text is almost never
/// well-formed UTF-8: by chance about one two-byte character in twelve is.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid_multibyte += text.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(err) => {
                let (good, after) = rest.split_at(err.valid_up_to());
                valid_multibyte += std::str::from_utf8(good)
                    .map(|t| t.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                invalid += 1;
                // A sequence cut off by the end of the file has no error length.
                let skip = err.error_len().unwrap_or(after.len()).max(1);
                rest = after.get(skip..).unwrap_or_default();
            }
        }
    }
    invalid == 0 || valid_multibyte >= invalid * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_decide() {
        let d = decode(b"\xEF\xBB\xBFName\n");
        assert_eq!((d.text.as_str(), d.encoding), ("Name\n", UTF8_BOM));
        let d = decode(b"\xFF\xFEN\0a\0");
        assert_eq!((d.text.as_str(), d.encoding), ("Na", UTF16_LE));
        let d = decode(b"\xFE\xFF\0N\0a");
        assert_eq!((d.text.as_str(), d.encoding), ("Na", UTF16_BE));
    }

    #[test]
    fn gbk_is_recognised_and_utf8_with_one_broken_byte_stays_utf8() {
        // 姓名 in GBK.
        let d = decode(b"\xD0\xD5\xC3\xFB,x\n");
        assert_eq!((d.text.as_str(), d.encoding), ("姓名,x\n", GBK));
        let mut bytes = "王芳,张伟,李娜,刘洋,陈静,杨帆,赵磊".as_bytes().to_vec();
        bytes.push(0xFF);
        let d = decode(&bytes);
        assert_eq!(d.encoding, UTF8);
        assert!(d.lossy);
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let bytes: Vec<u8> = "Name\tTitle\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode(&bytes);
        assert_eq!((d.text.as_str(), d.encoding), ("Name\tTitle\n", UTF16_LE));
    }
}
