//! Typed reactions as read from a Cantera YAML mechanism, all rate parameters in SI (mol based:
//! concentrations in mol/m³, Ea in J/mol). Rate evaluation lives in the kinetics layer.

/// Modified Arrhenius expression k = A·T^b·exp(−Ea/(R T)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrhenius {
    /// Pre-exponential factor, SI units for the reaction order ((m³/mol)^(n−1)/s).
    pub a: f64,
    /// Temperature exponent.
    pub b: f64,
    /// Activation energy (J/mol) (may be negative).
    pub ea_j_per_mol: f64,
}

/// Falloff blending function F of a pressure-dependent reaction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FalloffForm {
    /// F = 1 (Lindemann).
    Lindemann,
    /// Troe (1983) with 3 or 4 parameters; `t2` is `None` for the 3-parameter form.
    Troe {
        /// α.
        a: f64,
        /// T*** (K).
        t3: f64,
        /// T* (K).
        t1: f64,
        /// T** (K), optional.
        t2: Option<f64>,
    },
    /// SRI (Stewart, Rajan & Imray) with 3 or 5 parameters (d = 1, e = 0 by default).
    Sri {
        /// a.
        a: f64,
        /// b (K).
        b: f64,
        /// c (K).
        c: f64,
        /// d.
        d: f64,
        /// e.
        e: f64,
    },
    /// Tsang: Troe with Fcent = A + B·T.
    Tsang {
        /// A.
        a: f64,
        /// B (1/K).
        b: f64,
    },
}

/// The third body of a three-body, falloff or chemically-activated reaction.
#[derive(Debug, Clone, PartialEq)]
pub enum ThirdBody {
    /// Generic `M`: the mixture with collision efficiencies.
    Mixture {
        /// Efficiencies that differ from the default, by species index.
        efficiencies: Vec<(usize, f64)>,
        /// Efficiency of every other species (default 1).
        default_efficiency: f64,
    },
    /// A single named collider, e.g. `(+AR)`.
    Species(usize),
}

/// Rate parameterisation of a reaction.
#[derive(Debug, Clone, PartialEq)]
pub enum RateModel {
    /// Elementary reaction with one Arrhenius expression.
    Elementary(Arrhenius),
    /// Three-body reaction: k·\[M\].
    ThreeBody {
        /// Rate constant.
        rate: Arrhenius,
        /// Collider.
        third_body: ThirdBody,
    },
    /// Falloff (unimolecular/recombination) reaction.
    Falloff {
        /// Low-pressure limit k0 (order n + 1).
        low: Arrhenius,
        /// High-pressure limit k∞ (order n).
        high: Arrhenius,
        /// Blending function.
        form: FalloffForm,
        /// Collider.
        third_body: ThirdBody,
    },
    /// Chemically-activated reaction.
    ChemicallyActivated {
        /// Low-pressure limit k0 (order n).
        low: Arrhenius,
        /// High-pressure limit k∞ (order n − 1).
        high: Arrhenius,
        /// Blending function.
        form: FalloffForm,
        /// Collider.
        third_body: ThirdBody,
    },
    /// Pressure-dependent Arrhenius (PLOG): rates at pressures (Pa), sorted by pressure;
    /// several entries at one pressure are summed (Cantera semantics).
    Plog(Vec<(f64, Arrhenius)>),
    /// Chebyshev polynomial fit of log10 k (SI) over reduced 1/T and log P.
    Chebyshev {
        /// Temperature range (K).
        t_range: (f64, f64),
        /// Pressure range (Pa).
        p_range: (f64, f64),
        /// Coefficients, `n_T` rows of `n_P` values, for log10 of k in SI units.
        coeffs: Vec<Vec<f64>>,
    },
}

/// One reaction of a mechanism.
#[derive(Debug, Clone, PartialEq)]
pub struct Reaction {
    /// The equation as written in the file.
    pub equation: String,
    /// Reactant species indices and stoichiometric coefficients.
    pub reactants: Vec<(usize, f64)>,
    /// Product species indices and stoichiometric coefficients.
    pub products: Vec<(usize, f64)>,
    /// `<=>`/`=` reversible; `=>` irreversible.
    pub reversible: bool,
    /// Marked `duplicate: true`.
    pub duplicate: bool,
    /// Explicit forward reaction orders (species index, order) that replace the stoichiometric ones.
    pub orders: Vec<(usize, f64)>,
    /// Rate parameterisation.
    pub rate: RateModel,
}

/// Parsed left and right sides of an equation before species lookup.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedEquation {
    pub reactants: Vec<(String, f64)>,
    pub products: Vec<(String, f64)>,
    pub reversible: bool,
    /// `Some("M")` for `+ M`, `Some(name)` for `+ AR` style explicit three body is not detected here.
    pub plus_m: bool,
    /// Collider inside `(+M)` / `(+AR)`.
    pub falloff_collider: Option<String>,
}

/// Split a Cantera reaction equation into sides. Tokens are separated by white space; a lone
/// `+` separates terms; a number before a species is its coefficient; `M` is a generic third
/// body; `(+M)` or `(+NAME)` marks a pressure-dependent reaction.
pub(crate) fn parse_equation(eq: &str) -> Result<ParsedEquation, String> {
    let normalised = eq.replace("(+ ", "(+");
    let (lhs, rhs, reversible) = if let Some((l, r)) = normalised.split_once("<=>") {
        (l, r, true)
    } else if let Some((l, r)) = normalised.split_once("=>") {
        (l, r, false)
    } else if let Some((l, r)) = normalised.split_once('=') {
        (l, r, true)
    } else {
        return Err("no '<=>', '=>' or '=' in the equation".into());
    };
    let (reactants, m_l, f_l) = parse_side(lhs)?;
    let (products, m_r, f_r) = parse_side(rhs)?;
    if m_l != m_r {
        return Err("'+ M' must appear on both sides".into());
    }
    if f_l != f_r {
        return Err("the falloff collider '(+M)' must be the same on both sides".into());
    }
    if reactants.is_empty() || products.is_empty() {
        return Err("both sides need at least one species".into());
    }
    Ok(ParsedEquation {
        reactants,
        products,
        reversible,
        plus_m: m_l,
        falloff_collider: f_l,
    })
}

type Side = (Vec<(String, f64)>, bool, Option<String>);

fn parse_side(side: &str) -> Result<Side, String> {
    let mut terms: Vec<(String, f64)> = Vec::new();
    let mut plus_m = false;
    let mut collider = None;
    let mut coeff: Option<f64> = None;
    let mut expect_term = true;
    for tok in side.split_whitespace() {
        if tok == "+" {
            if expect_term {
                return Err(format!("misplaced '+' in '{}'", side.trim()));
            }
            expect_term = true;
            continue;
        }
        if let Some(inner) = tok.strip_prefix("(+").and_then(|t| t.strip_suffix(')')) {
            if collider.is_some() {
                return Err("more than one '(+M)' on one side".into());
            }
            collider = Some(inner.to_string());
            expect_term = false;
            continue;
        }
        if !expect_term {
            return Err(format!("missing '+' before '{tok}'"));
        }
        if coeff.is_none() {
            if let Ok(c) = tok.parse::<f64>() {
                if !(c.is_finite() && c > 0.0) {
                    return Err(format!("stoichiometric coefficient {tok} must be positive"));
                }
                coeff = Some(c);
                continue;
            }
        }
        let given = coeff.take();
        let c = given.unwrap_or(1.0);
        if tok == "M" {
            if plus_m || given.is_some() {
                return Err("'M' may appear once, with no coefficient".into());
            }
            plus_m = true;
        } else if let Some(entry) = terms.iter_mut().find(|(n, _)| n == tok) {
            entry.1 += c;
        } else {
            terms.push((tok.to_string(), c));
        }
        expect_term = false;
    }
    if coeff.is_some() || expect_term && !terms.is_empty() {
        return Err(format!("incomplete side '{}'", side.trim()));
    }
    Ok((terms, plus_m, collider))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_elementary_three_body_and_falloff() {
        let e = parse_equation("O + H2 <=> H + OH").unwrap();
        assert_eq!(e.reactants, vec![("O".into(), 1.0), ("H2".into(), 1.0)]);
        assert!(e.reversible && !e.plus_m && e.falloff_collider.is_none());

        let e = parse_equation("2 O + M <=> O2 + M").unwrap();
        assert_eq!(e.reactants, vec![("O".into(), 2.0)]);
        assert!(e.plus_m);

        let e = parse_equation("2 OH (+M) <=> H2O2 (+M)").unwrap();
        assert_eq!(e.falloff_collider.as_deref(), Some("M"));

        let e = parse_equation("H + O2 (+ AR) => HO2 (+ AR)").unwrap();
        assert_eq!(e.falloff_collider.as_deref(), Some("AR"));
        assert!(!e.reversible);

        let e = parse_equation("H + H + H2 = 2 H2").unwrap();
        assert_eq!(e.reactants, vec![("H".into(), 2.0), ("H2".into(), 1.0)]);
        assert_eq!(e.products, vec![("H2".into(), 2.0)]);

        let e = parse_equation("0.5 O2 + H2 => H2O").unwrap();
        assert_eq!(e.reactants[0], ("O2".into(), 0.5));
    }

    #[test]
    fn rejects_malformed_equations() {
        for bad in [
            "H + O2 HO2",
            "H + + O2 <=> HO2",
            "H + O2 <=> HO2 + M",
            "2 OH (+M) <=> H2O2",
            "H + <=> H",
            "-1 H <=> H",
            "<=> H",
        ] {
            assert!(parse_equation(bad).is_err(), "{bad} should fail");
        }
    }
}
