//! Which encoding an imported file is in, and its text. Hebrew Excel saves "CSV" in
//! Windows-1255, "Unicode text" in UTF-16 and "CSV UTF-8" in UTF-8 with a BOM; read as UTF-8
//! the first two are "����� ����". Detection: a byte-order mark decides; else valid UTF-8 is
//! UTF-8; else a file whose every other byte is zero is UTF-16 without a mark; else it is
//! Windows-1255, and a byte Windows-1255 does not define means the file is in none of these
//! ([`FileError::Undecodable`]) — refused, never shown as garbage.
//!
//! Decoding is here rather than in the browser's `TextDecoder` so that it is tested natively,
//! and rather than in `encoding_rs` because that crate's every decoder (CJK tables included)
//! would join the first download for three encodings; the tests check this table against
//! `encoding_rs`, byte for byte.

use super::FileError;

/// The encodings an import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian (what Windows writes).
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1255 (Hebrew Windows' "ANSI").
    Windows1255,
}

impl TextEncoding {
    /// The encoding's name as the preview shows it.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1255 => "Windows-1255",
        }
    }
}

/// Share of zero bytes at the odd (or even) positions above which a file without a byte-order
/// mark is read as UTF-16. Why: Hebrew text in UTF-16 has a non-zero high byte (0x05), so only
/// the ASCII parts (commas, digits, Latin, newlines) show zeros; a CSV is at least a third
/// punctuation and Latin headers. Text in any 8-bit encoding has no zero bytes at all.
const UTF16_ZERO_SHARE: f64 = 0.3;

/// Decodes an imported file's bytes, saying which encoding it was in.
///
/// # Errors
/// [`FileError::Undecodable`] when the bytes are in none of [`TextEncoding`]'s encodings.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), FileError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, TextEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, TextEncoding::Utf16Be);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.contains('\0') {
            return Ok((text.to_string(), TextEncoding::Utf8));
        }
    }
    let zeros_at = |parity: usize| {
        let total = bytes.len() / 2;
        let zeros = bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count();
        total > 0 && zeros as f64 / total as f64 > UTF16_ZERO_SHARE
    };
    if bytes.len().is_multiple_of(2) && zeros_at(1) {
        return utf16(bytes, TextEncoding::Utf16Le);
    }
    if bytes.len().is_multiple_of(2) && zeros_at(0) {
        return utf16(bytes, TextEncoding::Utf16Be);
    }
    windows_1255(bytes)
}

fn utf8(bytes: &[u8]) -> Result<(String, TextEncoding), FileError> {
    std::str::from_utf8(bytes)
        .map(|text| (text.to_string(), TextEncoding::Utf8))
        .map_err(|_| FileError::Undecodable)
}

fn utf16(bytes: &[u8], encoding: TextEncoding) -> Result<(String, TextEncoding), FileError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(FileError::Undecodable);
    }
    let units = bytes.chunks_exact(2).map(|pair| match encoding {
        TextEncoding::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
        _ => u16::from_le_bytes([pair[0], pair[1]]),
    });
    let text: Result<String, _> = char::decode_utf16(units).collect();
    text.map(|text| (text, encoding))
        .map_err(|_| FileError::Undecodable)
}

fn windows_1255(bytes: &[u8]) -> Result<(String, TextEncoding), FileError> {
    bytes
        .iter()
        .map(|&b| match b {
            0x00..=0x7F => Some(char::from(b)),
            _ => match WINDOWS_1255[usize::from(b - 0x80)] {
                0 => None,
                code => char::from_u32(u32::from(code)),
            },
        })
        .collect::<Option<String>>()
        .map(|text| (text, TextEncoding::Windows1255))
        .ok_or(FileError::Undecodable)
}

/// Windows-1255 bytes 0x80–0xFF as Unicode (the WHATWG Encoding Standard's index, which
/// browsers and `encoding_rs` use); 0 where the encoding defines no character.
const WINDOWS_1255: [u16; 128] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, //
    0x02C6, 0x2030, 0x008A, 0x2039, 0x008C, 0x008D, 0x008E, 0x008F, //
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, //
    0x02DC, 0x2122, 0x009A, 0x203A, 0x009C, 0x009D, 0x009E, 0x009F, //
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x20AA, 0x00A5, 0x00A6, 0x00A7, //
    0x00A8, 0x00A9, 0x00D7, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, //
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, //
    0x00B8, 0x00B9, 0x00F7, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, //
    0x05B0, 0x05B1, 0x05B2, 0x05B3, 0x05B4, 0x05B5, 0x05B6, 0x05B7, //
    0x05B8, 0x05B9, 0x05BA, 0x05BB, 0x05BC, 0x05BD, 0x05BE, 0x05BF, //
    0x05C0, 0x05C1, 0x05C2, 0x05C3, 0x05F0, 0x05F1, 0x05F2, 0x05F3, //
    0x05F4, 0, 0, 0, 0, 0, 0, 0, //
    0x05D0, 0x05D1, 0x05D2, 0x05D3, 0x05D4, 0x05D5, 0x05D6, 0x05D7, //
    0x05D8, 0x05D9, 0x05DA, 0x05DB, 0x05DC, 0x05DD, 0x05DE, 0x05DF, //
    0x05E0, 0x05E1, 0x05E2, 0x05E3, 0x05E4, 0x05E5, 0x05E6, 0x05E7, //
    0x05E8, 0x05E9, 0x05EA, 0, 0, 0x200E, 0x200F, 0, //
];

#[cfg(test)]
mod tests {
    use super::*;

    const HEBREW_CSV: &str = "term_he,term_en\r\nטרנספורמציה דיגיטלית,Digital transformation\r\nממשל זמין,\"Gov, available\"\r\n";

    #[test]
    fn the_table_is_windows_1255_as_browsers_decode_it() {
        for byte in 0u8..=255 {
            let expected = encoding_rs::WINDOWS_1255
                .decode_without_bom_handling_and_without_replacement(&[byte])
                .map(|text| text.into_owned());
            let ours = windows_1255(&[byte]).ok().map(|(text, _)| text);
            assert_eq!(ours, expected, "byte {byte:#04x}");
        }
    }

    #[test]
    fn hebrew_excel_files_decode_exactly_in_each_encoding_excel_writes() {
        let (cp1255, _, lossy) = encoding_rs::WINDOWS_1255.encode(HEBREW_CSV);
        assert!(!lossy);
        let utf16le: Vec<u8> = HEBREW_CSV
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let utf16be: Vec<u8> = HEBREW_CSV
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let with = |mark: &[u8], body: &[u8]| [mark, body].concat();
        let cases = [
            (HEBREW_CSV.as_bytes().to_vec(), TextEncoding::Utf8),
            (
                with(&[0xEF, 0xBB, 0xBF], HEBREW_CSV.as_bytes()),
                TextEncoding::Utf8,
            ),
            (cp1255.into_owned(), TextEncoding::Windows1255),
            (with(&[0xFF, 0xFE], &utf16le), TextEncoding::Utf16Le),
            (utf16le, TextEncoding::Utf16Le),
            (with(&[0xFE, 0xFF], &utf16be), TextEncoding::Utf16Be),
        ];
        for (bytes, encoding) in cases {
            assert_eq!(
                decode(&bytes),
                Ok((HEBREW_CSV.to_string(), encoding)),
                "{encoding:?}"
            );
        }
    }

    #[test]
    fn what_no_encoding_reads_is_refused_not_shown_as_garbage() {
        // 0xFF is undefined in Windows-1255 and invalid in UTF-8; a lone surrogate in UTF-16.
        assert_eq!(decode(&[b'a', 0xFF, b'b']), Err(FileError::Undecodable));
        assert_eq!(
            decode(&[0xEF, 0xBB, 0xBF, 0xC3]),
            Err(FileError::Undecodable)
        );
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x00, 0xD8, b'a', 0]),
            Err(FileError::Undecodable)
        );
        assert_eq!(decode(&[0xFF, 0xFE, b'a']), Err(FileError::Undecodable));
        assert_eq!(decode(b""), Ok((String::new(), TextEncoding::Utf8)));
    }
}
