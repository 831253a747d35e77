//! **Stage 4 — framework rules (R01xx–R07xx).** [`Program`] → diagnostics.
//! Each contract is checked against the clauses in force in its framework
//! (`cadre`, with `étend` merged); one file per clause family.

use crate::diagnostic::Diagnostics;
use crate::model::Program;

pub fn check(_program: &Program, _diagnostics: &mut Diagnostics) {}
