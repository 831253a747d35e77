//! Unit tests of the aid decision's pieces: the financial-account check
//! with and without `suspend`, the end of eligibility's missing figures.

use super::clauses::{compte_financier, CompteFinancier};
use super::*;
use crate::date::DayMonth;
