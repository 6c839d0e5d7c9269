//! Definition questions: "X là gì?", "X là ai?", "X được hiểu như thế nào?", "X được định
//! nghĩa là gì?", "Định nghĩa của X?", "Khái niệm X?", "Thế nào là X?". Their answer defines
//! X the way laws and glossaries do ("Lợi tức là khoản lợi thu được …", "Người lao động là
//! người làm việc …"), in words the question's frame ("định nghĩa", "được hiểu") rarely
//! shares. `search/query.rs` lets the frame's syllables score without counting them in a
//! tier's share, and gives a bonus to the phrase "X là".

use std::ops::Range;

/// Frames that open a question, then the term (folded syllables).
const PREFIXES: &[&[&str]] = &[
    &["dinh", "nghia", "cua"],
    &["dinh", "nghia", "ve"],
    &["dinh", "nghia"],
    &["khai", "niem", "cua"],
    &["khai", "niem", "ve"],
    &["khai", "niem"],
    &["the", "nao", "la"],
];

/// Frames that follow the term and end the question.
const FINAL_SUFFIXES: &[&[&str]] = &[&["la", "gi"], &["la", "ai"]];

/// Frames that follow the term, at the end or before more of the question ("“tài sản” được
/// hiểu như thế nào và bao gồm những gì?"). Longest first.
const SUFFIXES: &[&[&str]] = &[
    &["duoc", "dinh", "nghia", "nhu", "the", "nao"],
    &["duoc", "dinh", "nghia", "la", "gi"],
    &["duoc", "hieu", "la", "nhu", "the", "nao"],
    &["duoc", "hieu", "nhu", "the", "nao"],
    &["duoc", "hieu", "la", "gi"],
    &["hieu", "nhu", "the", "nao"],
    &["co", "nghia", "la", "gi"],
    &["nghia", "la", "gi"],
];

/// The longest defined term a question may have, in syllables.
pub const MAX_TERM_SYLLABLES: usize = 15;

/// A definition question: the defined term and the frame around it, as indices of the
/// query's syllables (one per position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub term: Range<usize>,
    /// The frame's syllables: a prefix before the term, a suffix after it, or both.
    pub frame: Vec<usize>,
}

fn starts_with(syllables: &[&str], frame: &[&str]) -> bool {
    syllables.len() >= frame.len() && syllables[..frame.len()] == *frame
}

/// The suffix frame of `syllables` (the term and what follows it): its range, if any. The
/// longer frames come first: "được định nghĩa là gì" ends with "là gì".
fn suffix(syllables: &[&str]) -> Option<Range<usize>> {
    let n = syllables.len();
    let within = (1..n).find_map(|start| {
        SUFFIXES
            .iter()
            .find(|s| starts_with(&syllables[start..], s))
            // A frame without its "được" leaves none of the term: "được hiểu như thế nào".
            .filter(|s| !(start == 1 && syllables[0] == "duoc" && s[0] != "duoc"))
            .map(|s| start..start + s.len())
    });
    within.or_else(|| {
        FINAL_SUFFIXES
            .iter()
            .find(|s| n > s.len() && syllables.ends_with(s))
            .map(|s| n - s.len()..n)
    })
}

/// The definition question of a query's folded lower-case syllables (one per position), if
/// it is one: a prefix frame at the start, or a term from the start followed by a suffix
/// frame, or both ("khái niệm hình phạt là gì").
pub fn find(syllables: &[&str]) -> Option<Definition> {
    let start = PREFIXES
        .iter()
        .find(|p| starts_with(syllables, p))
        .map_or(0, |p| p.len());
    let rest = &syllables[start..];
    let (term, frame) = match suffix(rest) {
        Some(s) => (
            start..start + s.start,
            (0..start).chain(start + s.start..start + s.end),
        ),
        None if start > 0 => (start..syllables.len(), (0..start).chain(0..0)),
        None => return None,
    };
    (!term.is_empty() && term.len() <= MAX_TERM_SYLLABLES).then(|| Definition {
        term,
        frame: frame.collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_questions_give_their_term_and_frame() {
        // folded query -> (term, frame), or None
        type Found = Option<(Range<usize>, &'static [usize])>;
        let cases: [(&str, Found); 16] = [
            ("truc xuat la gi", Some((0..2, &[2, 3]))),
            ("nguoi to chuc la ai", Some((0..3, &[3, 4]))),
            ("dinh nghia cua nguoi lao dong", Some((3..6, &[0, 1, 2]))),
            ("dinh nghia nguoi lao dong", Some((2..5, &[0, 1]))),
            ("khai niem hinh phat", Some((2..4, &[0, 1]))),
            ("khai niem hinh phat la gi", Some((2..4, &[0, 1, 4, 5]))),
            ("the nao la phong ve chinh dang", Some((3..7, &[0, 1, 2]))),
            (
                "loi tuc duoc hieu nhu the nao",
                Some((0..2, &[2, 3, 4, 5, 6])),
            ),
            (
                "chat huong than duoc dinh nghia la gi",
                Some((0..3, &[3, 4, 5, 6, 7])),
            ),
            (
                "tai san duoc hieu nhu the nao va bao gom nhung gi",
                Some((0..2, &[2, 3, 4, 5, 6])),
            ),
            // No term, or no frame.
            ("la gi", None),
            ("dinh nghia", None),
            ("duoc hieu nhu the nao", None),
            (
                "vat chia duoc duoc hieu nhu the nao",
                Some((0..3, &[3, 4, 5, 6, 7])),
            ),
            ("nguoi lao dong duoc nghi phep bao nhieu ngay", None),
            // "là gì" inside a question is no frame ("là gì đó").
            ("viec lam la gi do khac", None),
        ];
        for (query, expected) in cases {
            let syllables: Vec<&str> = query.split(' ').collect();
            let got = find(&syllables);
            let expected = expected.map(|(term, frame)| Definition {
                term,
                frame: frame.to_vec(),
            });
            assert_eq!(got, expected, "{query}");
        }
    }
}
