//! Rust source specialised to one mechanism: the rates of progress, net production rates and
//! their Jacobian of [`super::Kinetics`] as straight-line code, the approach of pyJac (K. E. Niemeyer,
//! N. J. Curtis, C.-J. Sung, *pyJac: analytical Jacobian generator for chemical kinetics*,
//! Comput. Phys. Commun. 215 (2017) 188–203).
//!
//! The data-driven evaluation (`Kinetics::rates_from_plan`) walks the plan's arrays (`plan.rs`):
//! every reaction loads its species indices, coefficients and rate parameters, and ω̇ is a
//! gather through index lists. The generated code performs the *same arithmetic in the same
//! order* with those indices and constants written into the program, so the results are
//! identical to the bit (tested in `generated::tests`) while the loads, index arithmetic and
//! bounds checks disappear.
//!
//! The generated files live in `crates/petrocket-chem/src/kinetics/generated/` and are
//! selected at run time by a fingerprint of the plan (`generated::fingerprint`): a mechanism
//! that differs in any coefficient, species order or reaction runs the data-driven path.
//! `generated_code_is_current` (in `tools/kinetics-codegen/tests/`) fails when a committed
//! file no longer matches what this generator writes; run it with `PETROCKET_BLESS=1` to
//! rewrite the files.
//!
//! This file is the source of the `petrocket-kinetics-codegen` tool. It reads the private
//! evaluation plan of `petrocket-chem`, so it is compiled as the module `kinetics::codegen` of
//! that crate (mounted by `#[path]`) when its feature `codegen` is on, which only this tool
//! turns on: the runtime library does not contain the generator.
//!
//! Only mechanisms whose reactions all have the slot form (integer stoichiometric orders, at
//! most three molecules a side) and batched rate constants (Arrhenius, three-body, Lindemann,
//! Troe and Tsang falloff) are generated; `generate` says why not otherwise. Writing Rust
//! at build time instead (a build script) would need the YAML parser in the build script and
//! recompile on every mechanism change; committing the output keeps it reviewable.

use super::generated::fingerprint;
use super::rate::RateExpr;
use super::Kinetics;
use std::fmt::Write;

/// One line of generated source into `$o` (writing into a `String` cannot fail).
macro_rules! w {
    ($o:expr) => {
        writeln!($o).expect("writing to a String")
    };
    ($o:expr, $($arg:tt)*) => {
        writeln!($o, $($arg)*).expect("writing to a String")
    };
}

/// Why a mechanism cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodegenError {
    /// A reaction outside the generated forms.
    #[error("reaction {reaction}: {reason}; only slot-form reactions with Arrhenius, three-body, Lindemann, Troe or Tsang rates are generated")]
    Unsupported {
        /// 1-based reaction number.
        reaction: usize,
        /// What is not supported.
        reason: &'static str,
    },
    /// The module name is not a Rust identifier.
    #[error("module name '{0}' is not a lower-case Rust identifier")]
    Name(String),
}

/// Exact literal of a finite `f64` (`{:?}` prints the shortest representation that reads
/// back to the same bits), parenthesised when negative so it can follow any operator.
fn lit(v: f64) -> String {
    debug_assert!(v.is_finite());
    if v.is_sign_negative() {
        format!("({v:?})")
    } else {
        format!("{v:?}")
    }
}

/// Left-to-right product of the factors `factor(k)` of the used slots (the ghost `ns` marks
/// an unused one, whose factor is exactly 1 and is left out).
fn slot_product(factor: impl Fn(usize) -> String, slots: &[usize], ns: usize) -> String {
    let used: Vec<String> = slots
        .iter()
        .filter(|&&k| k < ns)
        .map(|&k| factor(k))
        .collect();
    if used.is_empty() {
        "1.0".into()
    } else {
        used.join(" * ")
    }
}

/// `let (Ok(a), Ok(b), …) = (expr_a, expr_b, …) else { return false; };`: fixed-size views of
/// the work slices (`views`: binding, expression), so that the generated code indexes them
/// without bounds checks and declines when a length does not fit.
fn fixed_views(o: &mut String, views: &[(&str, String)]) {
    let bindings: Vec<String> = views.iter().map(|(b, _)| format!("Ok({b})")).collect();
    w!(o, "    let ({}) = (", bindings.join(", "));
    for (_, e) in views {
        w!(o, "        {e},");
    }
    o.push_str("    ) else {\n        return false;\n    };\n");
}

/// The Rust source of a module for `kin`'s mechanism, named `name` in `generated/mod.rs`.
pub fn generate(kin: &Kinetics, name: &str) -> Result<String, CodegenError> {
    let valid_name = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid_name {
        return Err(CodegenError::Name(name.into()));
    }
    let plan = &kin.plan;
    let ns = kin.n_species();
    let nr = kin.n_reactions();
    if let Some(&i) = plan.general_rxn.first() {
        return Err(CodegenError::Unsupported {
            reaction: i + 1,
            reason: "explicit or fractional orders, or more than three molecules a side",
        });
    }
    if let Some(&i) = plan.expr_rxn.first() {
        return Err(CodegenError::Unsupported {
            reaction: i + 1,
            reason: "SRI falloff, PLOG or Chebyshev rate",
        });
    }
    let n_exp = plan.exp_b.len();
    let nm = plan.colliders.len() + 1;
    let species = &kin.gas.mechanism().species;
    let equations = &kin.gas.mechanism().reactions;

    let mut o = String::new();
    w!(o, "//! Generated by `tools/kinetics-codegen` for the mechanism `{}` ({ns} species, {nr} reactions). Do not edit:", kin.gas.mechanism().source);
    w!(o, "//! rewrite with `PETROCKET_BLESS=1 cargo test -p petrocket-kinetics-codegen generated_code_is_current`.");
    w!(o);
    w!(o, "use super::super::rate::TempTerms;");
    w!(o, "use super::super::{{Kinetics, KineticsWork}};");
    w!(o, "use super::Generated;");
    w!(o, "use crate::numerics::exp_in_place;");
    w!(o, "use crate::thermo::ThermoPoint;");
    w!(o, "use petrocket_units::GAS_CONSTANT as R;");
    w!(o);
    w!(o, "/// This mechanism's generated code and the fingerprint of the plan it was generated from.");
    w!(
        o,
        "pub(in crate::kinetics) static GENERATED: Generated = Generated {{"
    );
    w!(o, "    name: {name:?},");
    w!(o, "    n_species: {ns},");
    w!(o, "    n_reactions: {nr},");
    w!(o, "    fingerprint: {:#018x},", fingerprint(plan, ns));
    w!(o, "    rates,");
    w!(o, "    net_production_rates,");
    w!(o, "    jacobian,");
    w!(o, "}};");
    w!(o);
    w!(
        o,
        "/// The rates at `w`'s temperature and concentrations, as `Kinetics::rates_from_plan`;"
    );
    w!(
        o,
        "/// false (nothing usable written) where that must take over."
    );
    w!(
        o,
        "fn rates(kin: &Kinetics, w: &mut KineticsWork) -> bool {{"
    );
    w!(o, "    let KineticsWork {{ temperature, ln_temperature, c_total, conc, thermo, k, m, rate_m, third, inv_kc, exps, prod_f, prod_r, rop_f, rop_r, rop_net, .. }} = w;");
    let mut views = vec![
        ("c", format!("<&[f64; {}]>::try_from(&conc[..])", ns + 1)),
        (
            "th",
            format!("<&[ThermoPoint; {ns}]>::try_from(&thermo[..])"),
        ),
        ("k", format!("<&mut [f64; {nr}]>::try_from(&mut k[..])")),
        ("m", format!("<&mut [f64; {nm}]>::try_from(&mut m[..])")),
    ];
    for v in [
        "rate_m", "third", "inv_kc", "prod_f", "prod_r", "rop_f", "rop_r", "rop_net",
    ] {
        views.push((v, format!("<&mut [f64; {nr}]>::try_from(&mut {v}[..])")));
    }
    fixed_views(&mut o, &views);
    w!(o, "    let (t, c_total) = (*temperature, *c_total);");
    w!(o, "    let tt = TempTerms::with_ln(t, *ln_temperature);");
    w!(o, "    let (ln_t, inv_t) = (tt.ln_t, tt.inv_t);");
    w!(
        o,
        "    // Collision concentrations: default·ΣC + Σ(ε_k − default)·C_k."
    );
    for (j, col) in plan.colliders.iter().enumerate() {
        let deltas: Vec<String> = col
            .deltas
            .iter()
            .map(|&(k, d)| format!("{} * c[{k}]", lit(d)))
            .collect();
        if deltas.is_empty() {
            w!(o, "    m[{j}] = {} * c_total;", lit(col.default));
        } else {
            w!(
                o,
                "    m[{j}] = {} * c_total + ({});",
                lit(col.default),
                deltas.join(" + ")
            );
        }
    }
    w!(
        o,
        "    // g°/(R T) per species; the slot form of 1/K_c needs every |g°/RT| < 110."
    );
    w!(o, "    let g = [");
    for (k, sp) in species.iter().enumerate() {
        w!(o, "        th[{k}].g_rt(), // {}", sp.name);
    }
    w!(o, "    ];");
    w!(o, "    if !g.iter().all(|x| x.abs() < 110.0) {{");
    w!(o, "        return false;");
    w!(o, "    }}");
    // The batch of exponentials: each distinct exponent once (reactions often share b and
    // Ea), then g°/RT of the species that take part in a reversible reaction (inert species
    // need none). `batch[j]` is the batch position of the plan's exponent j.
    let mut exponents: Vec<(u64, u64, u64)> = Vec::new();
    let batch: Vec<usize> = (0..n_exp)
        .map(|j| {
            let key = (
                plan.exp_b[j].to_bits(),
                plan.exp_ea_r[j].to_bits(),
                plan.exp_c[j].to_bits(),
            );
            exponents.iter().position(|&e| e == key).unwrap_or_else(|| {
                exponents.push(key);
                exponents.len() - 1
            })
        })
        .collect();
    let reversible = || plan.slot_rxn.iter().filter(|s| s.reversible);
    let needs = |k: usize, side: fn(&super::plan::SlotReaction) -> [usize; 3]| {
        reversible().any(|s| side(s).contains(&k))
    };
    let as_product: Vec<bool> = (0..ns).map(|k| needs(k, |s| s.products)).collect();
    let as_reactant: Vec<bool> = (0..ns).map(|k| needs(k, |s| s.reactants)).collect();
    let g_species: Vec<usize> = (0..ns)
        .filter(|&k| as_product[k] || as_reactant[k])
        .collect();
    let n_batch = exponents.len() + g_species.len();
    w!(
        o,
        "    // Exponents b ln T − (Ea/R)/T − c T, each distinct one once, then g°/RT of the"
    );
    w!(
        o,
        "    // species in reversible reactions; one batch of exponentials."
    );
    w!(o, "    let Some(x) = exps.get_mut(..{n_batch}) else {{");
    w!(o, "        return false;");
    w!(o, "    }};");
    w!(
        o,
        "    let Ok(x) = <&mut [f64; {n_batch}]>::try_from(x) else {{"
    );
    w!(o, "        return false;");
    w!(o, "    }};");
    for (j, &(b, ea_r, c)) in exponents.iter().enumerate() {
        let (b, ea_r, c) = (f64::from_bits(b), f64::from_bits(ea_r), f64::from_bits(c));
        let mut terms = String::new();
        if b != 0.0 {
            terms = format!("{} * ln_t", lit(b));
        }
        for (v, var) in [(ea_r, "inv_t"), (c, "t")] {
            if v != 0.0 {
                if terms.is_empty() {
                    terms = format!("-({} * {var})", lit(v));
                } else {
                    terms = format!("{terms} - {} * {var}", lit(v));
                }
            }
        }
        if terms.is_empty() {
            terms = "0.0".into();
        }
        w!(o, "    x[{j}] = {terms};");
    }
    for (j, &k) in g_species.iter().enumerate() {
        w!(o, "    x[{}] = g[{k}];", exponents.len() + j);
    }
    w!(o, "    exp_in_place(x);");
    w!(o, "    let e: &[f64; {n_batch}] = x;");
    w!(o, "    // Rate constants.");
    for (j, (&i, &a)) in plan.arr_rxn.iter().zip(&plan.arr_a).enumerate() {
        w!(o, "    k[{i}] = {} * e[{}];", lit(a), batch[j]);
    }
    for &(i, a) in &plan.const_rxn {
        w!(o, "    k[{i}] = {};", lit(a));
    }
    for i in 0..nr {
        w!(
            o,
            "    (third[{i}], rate_m[{i}]) = (m[{}], m[{}]);",
            plan.third_slot[i],
            plan.rate_m_slot[i]
        );
    }
    for (j, f) in plan.falloff.iter().enumerate() {
        let troe = f
            .troe
            .map_or([0.0; 3].map(|_: f64| "0.0".to_string()), |t| {
                t.map(|(_, e)| format!("e[{}]", batch[e]))
            });
        w!(
            o,
            "    k[{}] = kin.plan.falloff[{j}].rate_constant_with(e[{}], e[{}], [{}], &tt, rate_m[{}]);",
            f.i,
            batch[f.low],
            batch[f.high],
            troe.join(", "),
            f.i
        );
    }
    w!(
        o,
        "    // exp(g°/RT) (products), its inverse (reactants), (p°/(R T))^(−Δn)."
    );
    for (j, &k) in g_species.iter().enumerate() {
        let pos = exponents.len() + j;
        if as_product[k] {
            w!(o, "    let se_{k} = e[{pos}];");
        }
        if as_reactant[k] {
            w!(o, "    let si_{k} = 1.0 / e[{pos}];");
        }
    }
    w!(o, "    let rt_p0 = R * t / kin.gas.reference_pressure();");
    let powers = [
        "1.0 / (rt_p0 * rt_p0 * rt_p0)",
        "1.0 / (rt_p0 * rt_p0)",
        "1.0 / rt_p0",
        "",
        "rt_p0",
        "rt_p0 * rt_p0",
        "rt_p0 * rt_p0 * rt_p0",
    ];
    for (d, p) in powers.iter().enumerate() {
        let used = reversible().any(|s| (s.delta_n + 3) as usize == d);
        if used && !p.is_empty() {
            w!(o, "    let rt_pow_{d} = {p};");
        }
    }
    w!(
        o,
        "    // Per reaction: Π C, 1/K_c, q_f = k·[M]·Π_f, q_r = k·[M]·Π_r/K_c."
    );
    for s in &plan.slot_rxn {
        let i = s.i;
        w!(o, "    // {}", equations[i].equation);
        let kt = if plan.third_slot[i] == nm - 1 {
            format!("k[{i}]")
        } else {
            format!("k[{i}] * third[{i}]")
        };
        w!(o, "    {{");
        w!(o, "        let kt = {kt};");
        w!(
            o,
            "        let pf = {};",
            slot_product(|k| format!("c[{k}]"), &s.reactants, ns)
        );
        if s.reversible {
            let pr = slot_product(|k| format!("c[{k}]"), &s.products, ns);
            let kc = format!(
                "({}) * ({})",
                slot_product(|k| format!("se_{k}"), &s.products, ns),
                slot_product(|k| format!("si_{k}"), &s.reactants, ns)
            );
            let power = (s.delta_n + 3) as usize;
            let ikc = if power == 3 {
                kc
            } else {
                format!("rt_pow_{power} * {kc}")
            };
            w!(o, "        let (pr, ikc) = ({pr}, {ikc});");
            w!(
                o,
                "        (prod_f[{i}], prod_r[{i}], inv_kc[{i}]) = (pf, pr, ikc);"
            );
            w!(o, "        let (qf, qr) = (kt * pf, kt * ikc * pr);");
            w!(
                o,
                "        (rop_f[{i}], rop_r[{i}], rop_net[{i}]) = (qf, qr, qf - qr);"
            );
        } else {
            w!(
                o,
                "        (prod_f[{i}], prod_r[{i}], inv_kc[{i}]) = (pf, 0.0, 0.0);"
            );
            w!(o, "        let qf = kt * pf;");
            w!(
                o,
                "        (rop_f[{i}], rop_r[{i}], rop_net[{i}]) = (qf, 0.0, qf);"
            );
        }
        w!(o, "    }}");
    }
    w!(o, "    true");
    w!(o, "}}");
    w!(o);
    w!(
        o,
        "/// ω̇_k = Σ_r ν_kr q_r from the net rates of progress `q`, as"
    );
    w!(
        o,
        "/// `Kinetics::net_production_rates`; false if the lengths do not fit."
    );
    w!(
        o,
        "fn net_production_rates(q: &[f64], wdot: &mut [f64]) -> bool {{"
    );
    fixed_views(
        &mut o,
        &[
            ("q", format!("<&[f64; {nr}]>::try_from(q)")),
            ("w", format!("<&mut [f64; {ns}]>::try_from(wdot)")),
        ],
    );
    for (k, sp) in species.iter().enumerate() {
        let range = plan.row_start[k]..plan.row_start[k + 1];
        let mut sum = String::new();
        for (&i, &nu) in plan.row_rxn[range.clone()].iter().zip(&plan.row_nu[range]) {
            let (sign, mag) = if nu < 0.0 { ("-", -nu) } else { ("+", nu) };
            let term = if mag == 1.0 {
                format!("q[{i}]")
            } else {
                format!("{} * q[{i}]", lit(mag))
            };
            if sum.is_empty() {
                sum = if sign == "-" {
                    format!("-{term}")
                } else {
                    term
                };
            } else {
                sum = format!("{sum} {sign} {term}");
            }
        }
        if sum.is_empty() {
            sum = "0.0".into();
        }
        w!(o, "    w[{k}] = {sum}; // {}", sp.name);
    }
    w!(o, "    true");
    w!(o, "}}");
    jacobian(&mut o, kin);
    Ok(o)
}

/// `a += nu·x` as Rust, exact as the data-driven `a += nu * x` (±1 as a plain sum or
/// difference).
fn accumulate(target: &str, nu: f64, x: &str) -> String {
    if nu == 1.0 {
        format!("{target} += {x};")
    } else if nu == -1.0 {
        format!("{target} -= {x};")
    } else {
        format!("{target} += {} * {x};", lit(nu))
    }
}

/// The generated `jacobian`: `Kinetics::jacobian` (see `jacobian.rs` for the terms) with the
/// same sums in the same order, every index and coefficient written in.
fn jacobian(o: &mut String, kin: &Kinetics) {
    let plan = &kin.plan;
    let ns = kin.n_species();
    let nr = kin.n_reactions();
    let ghost_m = plan.colliders.len();
    let equations = &kin.gas.mechanism().reactions;
    w!(o);
    w!(
        o,
        "/// ∂ω̇/∂C (column-major `dwdc`), ∂ω̇/∂T and the scratch `grad`, as `Kinetics::jacobian`;"
    );
    w!(o, "/// false if the slice lengths do not fit.");
    w!(o, "fn jacobian(kin: &Kinetics, w: &KineticsWork, dwdc: &mut [f64], dwdt: &mut [f64], grad: &mut [f64]) -> bool {{");
    fixed_views(
        o,
        &[
            ("d", format!("<&mut [f64; {}]>::try_from(dwdc)", ns * ns)),
            ("dt", format!("<&mut [f64; {ns}]>::try_from(dwdt)")),
            ("u", format!("<&mut [f64; {ns}]>::try_from(grad)")),
        ],
    );
    let mut views = vec![
        ("c", format!("<&[f64; {}]>::try_from(&w.conc[..])", ns + 1)),
        (
            "th",
            format!("<&[ThermoPoint; {ns}]>::try_from(&w.thermo[..])"),
        ),
    ];
    for v in [
        "k", "third", "rate_m", "inv_kc", "prod_f", "prod_r", "rop_f", "rop_r",
    ] {
        views.push((v, format!("<&[f64; {nr}]>::try_from(&w.{v}[..])")));
    }
    fixed_views(o, &views);
    w!(o, "    d.fill(0.0);");
    w!(o, "    dt.fill(0.0);");
    w!(o, "    u.fill(0.0);");
    w!(
        o,
        "    let tt = TempTerms::with_ln(w.temperature, w.ln_temperature);"
    );
    w!(o, "    let inv_t = tt.inv_t;");
    for s in &plan.slot_rxn {
        let i = s.i;
        let r = &kin.reactions[i];
        w!(o, "    // {}", equations[i].equation);
        w!(o, "    {{");
        match &r.rate {
            RateExpr::Arrhenius(a) => w!(
                o,
                "        let dlnk_dt = ({} + {} * inv_t) * inv_t;",
                lit(a.b),
                lit(a.ea_r)
            ),
            _ => {
                w!(
                    o,
                    "        let rv = kin.reactions[{i}].rate.eval(&tt, rate_m[{i}]);"
                );
                w!(
                    o,
                    "        let (dlnk_dt, dlnk_dlnm) = (rv.dlnk_dt, rv.dlnk_dlnm);"
                );
            }
        }
        w!(o, "        let (qf, qr) = (rop_f[{i}], rop_r[{i}]);");
        if s.reversible {
            let h = |slots: &[usize; 3]| {
                slots
                    .iter()
                    .filter(|&&k| k < ns)
                    .map(|k| format!("th[{k}].h_rt"))
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            w!(
                o,
                "        let dlnkc_dt = (({}) - ({}) - {}) * inv_t;",
                h(&s.products),
                h(&s.reactants),
                lit(f64::from(s.delta_n))
            );
            w!(
                o,
                "        let dq_dt = qf * dlnk_dt - qr * (dlnk_dt - dlnkc_dt);"
            );
        } else {
            w!(o, "        let dq_dt = qf * dlnk_dt;");
        }
        // The sparse entries (species, value) in the data-driven order, and the uniform part.
        let mut entries: Vec<(usize, String)> = Vec::new();
        let mut uniform: Vec<String> = Vec::new();
        let mut weights =
            |entries: &mut Vec<(usize, String)>, col: &super::Collider, scale: &str| {
                for &(k, dk) in &col.deltas {
                    entries.push((k, format!("{scale} * {}", lit(dk))));
                }
                uniform.push(format!("{scale} * {}", lit(col.default)));
            };
        if let Some(col) = &r.rate_m {
            if !matches!(r.rate, RateExpr::Arrhenius(_)) {
                w!(o, "        let m = rate_m[{i}];");
                w!(o, "        let s_m = if m > 0.0 && dlnk_dlnm != 0.0 {{ (qf - qr) * dlnk_dlnm / m }} else {{ 0.0 }};");
                weights(&mut entries, col, "s_m");
            }
        }
        let kt = if plan.third_slot[i] == ghost_m {
            format!("k[{i}]")
        } else {
            format!("k[{i}] * third[{i}]")
        };
        w!(o, "        let kt = {kt};");
        if let Some(col) = &r.three_body {
            w!(
                o,
                "        let s_t = k[{i}] * (prod_f[{i}] - inv_kc[{i}] * prod_r[{i}]);"
            );
            weights(&mut entries, col, "s_t");
        }
        let slot_terms = |entries: &mut Vec<(usize, String)>, slots: &[usize; 3], scale: &str| {
            let [a, b, cc] = *slots;
            let f = |x: usize| {
                if x < ns {
                    format!(" * c[{x}]")
                } else {
                    String::new()
                }
            };
            entries.push((a, format!("{scale}{}{}", f(b), f(cc))));
            if b < ns {
                entries.push((b, format!("{scale}{}{}", f(a), f(cc))));
                if cc < ns {
                    entries.push((cc, format!("{scale}{}{}", f(a), f(b))));
                }
            }
        };
        slot_terms(&mut entries, &s.reactants, "kt");
        if s.reversible {
            w!(o, "        let sr = -kt * inv_kc[{i}];");
            slot_terms(&mut entries, &s.products, "sr");
        }
        for (n, (_, v)) in entries.iter().enumerate() {
            w!(o, "        let g{n} = {v};");
        }
        if !uniform.is_empty() {
            w!(o, "        let uni = {};", uniform.join(" + "));
        }
        for (&k, &nu) in plan.net_species_of(i) {
            w!(
                o,
                "        {}",
                accumulate(&format!("dt[{k}]"), nu, "dq_dt")
            );
            if !uniform.is_empty() {
                w!(o, "        {}", accumulate(&format!("u[{k}]"), nu, "uni"));
            }
            for (n, (j, _)) in entries.iter().enumerate() {
                w!(
                    o,
                    "        {}",
                    accumulate(&format!("d[{}]", j * ns + k), nu, &format!("g{n}"))
                );
            }
        }
        w!(o, "    }}");
    }
    w!(
        o,
        "    // The uniform parts, added to every column of their rows."
    );
    w!(o, "    for (row, &v) in u.iter().enumerate() {{");
    w!(o, "        if v != 0.0 {{");
    w!(o, "            for col in 0..{ns} {{");
    w!(o, "                d[col * {ns} + row] += v;");
    w!(o, "            }}");
    w!(o, "        }}");
    w!(o, "    }}");
    w!(o, "    true");
    w!(o, "}}");
}
