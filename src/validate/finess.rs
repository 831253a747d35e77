//! E0203: the FINESS number (spec §4) — 9 characters, a département (two
//! digits, or `2A`/`2B`), 7 digits, the last a Luhn key over the first 8
//! (`2A` read as 21 and `2B` as 22).

use crate::ast::Text;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// Why a FINESS number is wrong.
#[derive(Debug, PartialEq, Eq)]
pub enum FinessError {
    Length(usize),
    Characters,
    Key { expected: u32, found: u32 },
}

/// Checks a FINESS number.
pub fn check_finess(text: &str) -> Result<(), FinessError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() != 9 {
        return Err(FinessError::Length(chars.len()));
    }
    let digits = luhn_digits(&chars).ok_or(FinessError::Characters)?;
    let (payload, found) = digits.split_at(digits.len() - 1);
    let expected = luhn_key(payload);
    let found = found.first().copied().unwrap_or(0);
    if expected == found {
        Ok(())
    } else {
        Err(FinessError::Key { expected, found })
    }
}

/// The digits the key is computed over, with Corsica's `2A`/`2B` as 2,1 / 2,2.
fn luhn_digits(chars: &[char]) -> Option<Vec<u32>> {
    let mut digits = Vec::with_capacity(9);
    match chars {
        ['2', 'A' | 'a', ..] => digits.extend([2, 1]),
        ['2', 'B' | 'b', ..] => digits.extend([2, 2]),
        [a, b, ..] => digits.extend([a.to_digit(10)?, b.to_digit(10)?]),
        _ => return None,
    }
    for c in chars.get(2..)? {
        digits.push(c.to_digit(10)?);
    }
    Some(digits)
}

/// The Luhn check digit to append to `payload`.
pub fn luhn_key(payload: &[u32]) -> u32 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

pub(super) fn check(finess: &Text, d: &mut Diagnostics) {
    let text = finess.value.as_str();
    let diagnostic = match check_finess(text) {
        Ok(()) => return,
        Err(FinessError::Length(n)) => Diagnostic::new(Code::E0203, finess.span, format!("le numéro FINESS « {text} » a {n} caractères au lieu de 9"))
            .label("9 caractères attendus")
            .help("un FINESS compte 9 caractères : 2 pour le département (ou 2A/2B), puis 7 chiffres dont la clé"),
        Err(FinessError::Characters) => Diagnostic::new(Code::E0203, finess.span, format!("le numéro FINESS « {text} » contient des caractères non admis"))
            .label("chiffres attendus")
            .help("écrivez 9 chiffres, ou 2A/2B suivi de 7 chiffres pour la Corse"),
        Err(FinessError::Key { expected, found }) => {
            let fixed: String = text.chars().take(8).chain(char::from_digit(expected, 10)).collect();
            Diagnostic::new(Code::E0203, finess.span, format!("la clé du numéro FINESS « {text} » est fausse ({found} au lieu de {expected})"))
                .label(format!("clé attendue : {expected}"))
                .help(format!("vouliez-vous dire « {fixed} » ? vérifiez le numéro dans le répertoire FINESS"))
        }
    };
    d.push(diagnostic);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_numbers_pass() {
        for n in ["750712184", "330781196", "690781810"] {
            assert_eq!(check_finess(n), Ok(()), "{n}");
        }
    }

    #[test]
    fn wrong_key_gives_the_right_one() {
        assert_eq!(
            check_finess("750712185"),
            Err(FinessError::Key {
                expected: 4,
                found: 5
            })
        );
        assert_eq!(check_finess("75071218"), Err(FinessError::Length(8)));
        assert_eq!(check_finess("7507A2184"), Err(FinessError::Characters));
    }

    #[test]
    fn corsica_reads_2a_as_21_and_2b_as_22() {
        for n in [
            "2A0000014",
            "2A0000386",
            "2B0000020",
            "2B0004246",
            "2B0005342",
        ] {
            assert_eq!(check_finess(n), Ok(()), "{n}");
        }
    }
}
