//! `pacte suivi --format xlsx`: the workbooks of the DGOS tools.

use crate::date::Date;
use crate::suivi::{SuiviContrat, Tableau};

pub fn contrat(_at: Date, _c: &SuiviContrat) -> Result<Vec<u8>, String> {
    Err("xlsx : pas encore disponible".into())
}

pub fn regional(_t: &Tableau) -> Result<Vec<u8>, String> {
    Err("xlsx : pas encore disponible".into())
}
