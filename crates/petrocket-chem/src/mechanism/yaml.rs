//! Conversion of Cantera YAML text into a [`Mechanism`].

use std::collections::HashMap;

use super::checks::check_mechanism;
use super::input_limits::{check_yaml, clip, clip_to, syntax_message, MAX_QUOTED_CHARS};
use super::reaction::{parse_equation, Arrhenius, FalloffForm, RateModel, Reaction, ThirdBody};
use super::units::{describe, number, UnitSystem};
use super::Mechanism;
use crate::elements::{atomic_weight_kg_per_mol, Element};
use crate::error::{ChemError, Result};
use crate::species::{Species, TransportData};
use crate::thermo::{ConstantCp, Nasa7, Nasa9, SpeciesThermo};
use petrocket_units::ONE_ATM;
use yaml_rust2::{Yaml, YamlLoader};

/// Error builder carrying the file label.
struct Ctx<'a> {
    file: &'a str,
}

impl Ctx<'_> {
    /// A [`ChemError::Mechanism`]; context and message are cut to a few hundred characters,
    /// so no error quotes more of a file than a token or two.
    fn err(&self, context: impl Into<String>, message: impl Into<String>) -> ChemError {
        ChemError::Mechanism {
            file: self.file.to_string(),
            context: clip_to(&context.into(), 4 * MAX_QUOTED_CHARS),
            message: clip_to(&message.into(), 8 * MAX_QUOTED_CHARS),
        }
    }
}

fn get<'y>(map: &'y Yaml, key: &str) -> Option<&'y Yaml> {
    match &map[key] {
        Yaml::BadValue => None,
        v => Some(v),
    }
}

fn str_list(v: &Yaml) -> Option<Vec<String>> {
    v.as_vec()?
        .iter()
        .map(|x| match x {
            Yaml::String(s) => Some(s.clone()),
            Yaml::Integer(i) => Some(i.to_string()),
            Yaml::Real(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

fn num_list(v: &Yaml) -> std::result::Result<Vec<f64>, String> {
    v.as_vec()
        .ok_or_else(|| format!("expected a list of numbers, got {}", describe(v)))?
        .iter()
        .map(number)
        .collect()
}

pub(crate) fn load(text: &str, label: &str, phase_name: Option<&str>) -> Result<Mechanism> {
    let ctx = Ctx { file: label };
    // Size, nesting depth and alias expansion are bounded before yaml-rust2 builds the tree
    // (its loader recurses once per nesting level and copies aliased subtrees).
    check_yaml(text, label)?;
    let docs = YamlLoader::load_from_str(text).map_err(|e| ChemError::YamlSyntax {
        file: label.to_string(),
        message: syntax_message(&e),
    })?;
    let root = docs
        .first()
        .filter(|d| d.as_hash().is_some())
        .ok_or_else(|| {
            ctx.err(
                "top level",
                "expected a mapping with `phases` and `species`",
            )
        })?;

    let units = match get(root, "units") {
        Some(u) => UnitSystem::from_yaml(u).map_err(|m| ctx.err("units", m))?,
        None => UnitSystem::default(),
    };

    let phases = get(root, "phases").and_then(Yaml::as_vec).ok_or_else(|| {
        ctx.err(
            "top level",
            "no `phases` list: not a Cantera YAML mechanism",
        )
    })?;
    let phase = match phase_name {
        Some(name) => phases
            .iter()
            .find(|p| p["name"].as_str() == Some(name))
            .ok_or_else(|| {
                let names: Vec<_> = phases.iter().filter_map(|p| p["name"].as_str()).collect();
                ctx.err(
                    "phases",
                    format!(
                        "no phase named '{}'; phases are {}",
                        clip(name),
                        clip_to(&names.join(", "), 3 * MAX_QUOTED_CHARS)
                    ),
                )
            })?,
        None => phases
            .first()
            .ok_or_else(|| ctx.err("phases", "the `phases` list is empty"))?,
    };
    let pname = phase["name"].as_str().unwrap_or("<unnamed>").to_string();
    let pctx = format!("phase '{pname}'");
    match phase["thermo"].as_str() {
        Some("ideal-gas") => {}
        Some(other) => {
            return Err(ctx.err(
                &pctx,
                format!(
                    "thermo model '{other}' is not supported; only 'ideal-gas' phases can be used"
                ),
            ))
        }
        None => return Err(ctx.err(&pctx, "missing `thermo` (expected 'ideal-gas')")),
    }

    // Custom element definitions at top level override the standard atomic weights.
    let mut custom_weights: Vec<(String, f64)> = Vec::new();
    if let Some(list) = get(root, "elements").and_then(Yaml::as_vec) {
        for e in list {
            let sym = e["symbol"]
                .as_str()
                .ok_or_else(|| ctx.err("elements", "each custom element needs a `symbol`"))?;
            let w = number(&e["atomic-weight"])
                .map_err(|m| ctx.err(format!("element '{}' > atomic-weight", clip(sym)), m))?;
            if w <= 0.0 {
                return Err(ctx.err(
                    format!("element '{}' > atomic-weight", clip(sym)),
                    format!("atomic weight {w} must be positive"),
                ));
            }
            custom_weights.push((sym.to_string(), w * 1e-3));
        }
    }
    let weight_of = |sym: &str| {
        custom_weights
            .iter()
            .find(|(s, _)| s == sym)
            .map(|(_, w)| *w)
            .or_else(|| atomic_weight_kg_per_mol(sym))
    };

    let mut warnings = Vec::new();
    let mut elements: Vec<Element> = Vec::new();
    if let Some(list) = get(phase, "elements") {
        let names =
            str_list(list).ok_or_else(|| ctx.err(&pctx, "`elements` must be a list of symbols"))?;
        for sym in names {
            let w = weight_of(&sym).ok_or_else(|| {
                ctx.err(
                    &pctx,
                    format!(
                        "unknown element '{}': define it in a top-level `elements` list",
                        clip(&sym)
                    ),
                )
            })?;
            elements.push(Element {
                symbol: sym,
                atomic_weight_kg_per_mol: w,
            });
        }
    }

    // Species selection.
    let species_nodes = select_species(&ctx, root, phase, &pctx)?;
    let mut species = Vec::with_capacity(species_nodes.len());
    let implicit_elements = get(phase, "elements").is_none();
    for node in species_nodes {
        species.push(parse_species(
            &ctx,
            node,
            &units,
            &mut elements,
            implicit_elements,
            &weight_of,
        )?);
    }
    if species.is_empty() {
        return Err(ctx.err(&pctx, "the phase has no species"));
    }
    let mut species_index: HashMap<&str, usize> = HashMap::with_capacity(species.len());
    for (i, s) in species.iter().enumerate() {
        if species_index.insert(s.name.as_str(), i).is_some() {
            return Err(ctx.err(
                &pctx,
                format!("species '{}' is listed twice", clip(&s.name)),
            ));
        }
    }

    // Reactions.
    let kinetics_model = phase["kinetics"].as_str().map(str::to_string);
    let mut reactions = Vec::new();
    if kinetics_model.is_some() {
        for (section, mode) in reaction_sections(&ctx, phase, &pctx)? {
            let Some(list) = get(root, &section) else {
                if section == "reactions" && mode != ReactionSelect::Explicit {
                    continue;
                }
                return Err(ctx.err(
                    &pctx,
                    format!("reaction section '{section}' not found in the file"),
                ));
            };
            let list = list
                .as_vec()
                .ok_or_else(|| ctx.err(&section, "must be a list of reactions"))?;
            for (i, node) in list.iter().enumerate() {
                if let Some(r) = parse_reaction(
                    &ctx,
                    node,
                    i,
                    &section,
                    &species_index,
                    &units,
                    mode,
                    &mut warnings,
                )? {
                    reactions.push(r);
                }
            }
        }
    }

    let mechanism = Mechanism {
        source: label.to_string(),
        phase: pname,
        description: root["description"].as_str().map(str::to_string),
        elements,
        species,
        reactions,
        kinetics_model,
        transport_model: phase["transport"].as_str().map(str::to_string),
        warnings,
    };
    check_mechanism(&mechanism)?;
    Ok(mechanism)
}

fn select_species<'y>(
    ctx: &Ctx,
    root: &'y Yaml,
    phase: &'y Yaml,
    pctx: &str,
) -> Result<Vec<&'y Yaml>> {
    let section = |name: &str| -> Result<&'y Vec<Yaml>> {
        if name.contains('/') {
            return Err(ctx.err(
                pctx,
                format!(
                    "species from another file ('{}') are not supported; copy them into this file",
                    clip(name)
                ),
            ));
        }
        let sec = get(root, name)
            .and_then(Yaml::as_vec)
            .ok_or_else(|| ctx.err(pctx, format!("species section '{}' not found", clip(name))))?;
        // A second definition of a name would otherwise be ignored silently.
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, s) in sec.iter().enumerate() {
            if let Some(n) = s["name"].as_str() {
                if let Some(j) = first.insert(n, i) {
                    return Err(ctx.err(
                        format!("section '{}'", clip(name)),
                        format!(
                            "species '{}' is defined twice (entries {} and {}); remove or rename \
                             one",
                            clip(n),
                            j + 1,
                            i + 1
                        ),
                    ));
                }
            }
        }
        Ok(sec)
    };
    let pick = |sec: &'y Vec<Yaml>, names: &[String], secname: &str| -> Result<Vec<&'y Yaml>> {
        let by_name: HashMap<&str, &'y Yaml> = sec
            .iter()
            .filter_map(|s| s["name"].as_str().map(|n| (n, s)))
            .collect();
        names
            .iter()
            .map(|n| {
                by_name.get(n.as_str()).copied().ok_or_else(|| {
                    ctx.err(
                        pctx,
                        format!(
                            "species '{}' is not defined in section '{}'",
                            clip(n),
                            clip(secname)
                        ),
                    )
                })
            })
            .collect()
    };
    match get(phase, "species") {
        None => Ok(section("species")?.iter().collect()),
        Some(Yaml::String(s)) if s == "all" => Ok(section("species")?.iter().collect()),
        Some(v @ Yaml::Array(items)) => {
            if let Some(names) = str_list(v) {
                return pick(section("species")?, &names, "species");
            }
            let mut out = Vec::new();
            for item in items {
                let map = item.as_hash().ok_or_else(|| {
                    ctx.err(pctx, "`species` entries must be names or {section: names}")
                })?;
                for (k, v) in map {
                    let secname = k.as_str().unwrap_or_default();
                    let sec = section(secname)?;
                    match v {
                        Yaml::String(s) if s == "all" => out.extend(sec.iter()),
                        _ => {
                            let names = str_list(v).ok_or_else(|| {
                                ctx.err(pctx, format!("bad species list for section '{secname}'"))
                            })?;
                            out.extend(pick(sec, &names, secname)?);
                        }
                    }
                }
            }
            Ok(out)
        }
        Some(other) => Err(ctx.err(
            pctx,
            format!("`species` must be a list or 'all', got {}", describe(other)),
        )),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ReactionSelect {
    /// Section named implicitly (default `reactions`).
    Default,
    /// Section named explicitly.
    Explicit,
    /// Only reactions whose species are all declared.
    DeclaredSpecies,
}

fn reaction_sections(ctx: &Ctx, phase: &Yaml, pctx: &str) -> Result<Vec<(String, ReactionSelect)>> {
    let mode_of = |v: &Yaml| match v.as_str() {
        Some("declared-species") => Ok(Some(ReactionSelect::DeclaredSpecies)),
        Some("all") => Ok(Some(ReactionSelect::Explicit)),
        Some("none") => Ok(None),
        _ => Err(ctx.err(pctx, format!("bad reaction selector {}", describe(v)))),
    };
    match get(phase, "reactions") {
        None => Ok(vec![("reactions".into(), ReactionSelect::Default)]),
        Some(Yaml::String(s)) => match s.as_str() {
            "none" => Ok(vec![]),
            "all" => Ok(vec![("reactions".into(), ReactionSelect::Explicit)]),
            "declared-species" => Ok(vec![("reactions".into(), ReactionSelect::DeclaredSpecies)]),
            other => Ok(vec![(other.to_string(), ReactionSelect::Explicit)]),
        },
        Some(Yaml::Array(items)) => {
            let mut out = Vec::new();
            for item in items {
                match item {
                    Yaml::String(s) => out.push((s.clone(), ReactionSelect::Explicit)),
                    Yaml::Hash(h) => {
                        for (k, v) in h {
                            let name = k.as_str().unwrap_or_default();
                            if name.contains('/') {
                                return Err(ctx.err(
                                    pctx,
                                    format!(
                                        "reactions from another file ('{name}') are not supported"
                                    ),
                                ));
                            }
                            if let Some(mode) = mode_of(v)? {
                                out.push((name.to_string(), mode));
                            }
                        }
                    }
                    other => {
                        return Err(
                            ctx.err(pctx, format!("bad `reactions` entry {}", describe(other)))
                        )
                    }
                }
            }
            Ok(out)
        }
        Some(other) => Err(ctx.err(pctx, format!("bad `reactions` value {}", describe(other)))),
    }
}

fn parse_species(
    ctx: &Ctx,
    node: &Yaml,
    units: &UnitSystem,
    elements: &mut Vec<Element>,
    implicit_elements: bool,
    weight_of: &dyn Fn(&str) -> Option<f64>,
) -> Result<Species> {
    let name = node["name"]
        .as_str()
        .ok_or_else(|| ctx.err("species", "a species has no `name`"))?
        .to_string();
    let sctx = format!("species '{}'", clip(&name));
    let comp = node["composition"]
        .as_hash()
        .ok_or_else(|| ctx.err(&sctx, "missing `composition` mapping, e.g. {H: 2, O: 1}"))?;
    let mut composition = Vec::new();
    let mut mw = 0.0;
    for (k, v) in comp {
        let sym = match k {
            Yaml::String(s) => s.clone(),
            other => return Err(ctx.err(&sctx, format!("bad element key {}", describe(other)))),
        };
        let count = number(v).map_err(|m| ctx.err(format!("{sctx} > composition > {sym}"), m))?;
        if count < 0.0 && sym != "E" {
            return Err(ctx.err(
                &sctx,
                format!("negative atom count {count} for element {sym}"),
            ));
        }
        let idx = match elements.iter().position(|e| e.symbol == sym) {
            Some(i) => i,
            None if implicit_elements => {
                let w = weight_of(&sym)
                    .ok_or_else(|| ctx.err(&sctx, format!("unknown element '{sym}'")))?;
                elements.push(Element {
                    symbol: sym.clone(),
                    atomic_weight_kg_per_mol: w,
                });
                elements.len() - 1
            }
            None => {
                return Err(ctx.err(
                    &sctx,
                    format!("element '{sym}' is not declared in the phase's `elements` list"),
                ))
            }
        };
        mw += count * elements[idx].atomic_weight_kg_per_mol;
        if count != 0.0 {
            composition.push((idx, count));
        }
    }
    if get(node, "units").is_some() || get(&node["thermo"], "units").is_some() {
        // Cantera applies a nested `units` block to this entry only; we would silently use the
        // file's units instead.
        return Err(ctx.err(
            &sctx,
            "a `units` block inside a species is not supported; convert its values to the \
             file's units or give them with inline units (\"9.22 kJ/mol\")",
        ));
    }
    let thermo = parse_thermo(ctx, &node["thermo"], &sctx, units)?;
    let transport = match get(node, "transport") {
        Some(t) => Some(parse_transport(ctx, t, &sctx)?),
        None => None,
    };
    Ok(Species {
        name,
        composition,
        molecular_weight_kg_per_mol: mw,
        thermo,
        transport,
    })
}

fn parse_thermo(ctx: &Ctx, t: &Yaml, sctx: &str, units: &UnitSystem) -> Result<SpeciesThermo> {
    let tctx = format!("{sctx} > thermo");
    if t.as_hash().is_none() {
        return Err(ctx.err(&tctx, "missing `thermo` mapping"));
    }
    let model = t["model"].as_str().unwrap_or("");
    let p_ref = match get(t, "reference-pressure") {
        Some(v) => units.pressure_value(v).map_err(|m| ctx.err(&tctx, m))?,
        None => ONE_ATM,
    };
    if !(p_ref.is_finite() && p_ref > 0.0) {
        return Err(ctx.err(
            &tctx,
            format!("reference-pressure {p_ref} Pa must be positive and finite"),
        ));
    }
    let ranges = |n_coeffs: usize| -> Result<(Vec<f64>, Vec<Vec<f64>>)> {
        let bounds = num_list(&t["temperature-ranges"])
            .map_err(|m| ctx.err(format!("{tctx} > temperature-ranges"), m))?;
        let data = t["data"]
            .as_vec()
            .ok_or_else(|| ctx.err(&tctx, "missing `data` (list of coefficient lists)"))?;
        let data: Vec<Vec<f64>> = data
            .iter()
            .map(num_list)
            .collect::<std::result::Result<_, _>>()
            .map_err(|m| ctx.err(format!("{tctx} > data"), m))?;
        if bounds.len() < 2 || bounds.len() != data.len() + 1 {
            return Err(ctx.err(
                &tctx,
                format!(
                    "{} temperature bounds for {} coefficient sets: need one more bound than sets",
                    bounds.len(),
                    data.len()
                ),
            ));
        }
        if bounds.windows(2).any(|w| w[1] <= w[0]) || bounds[0] <= 0.0 {
            return Err(ctx.err(
                &tctx,
                format!("temperature-ranges {bounds:?} must be positive and increasing"),
            ));
        }
        if let Some(bad) = data.iter().find(|d| d.len() != n_coeffs) {
            return Err(ctx.err(
                &tctx,
                format!(
                    "{model} needs {n_coeffs} coefficients per range, got {}",
                    bad.len()
                ),
            ));
        }
        Ok((bounds, data))
    };
    match model {
        "NASA7" => {
            let (bounds, data) = ranges(7)?;
            let coeffs = data.iter().map(|d| std::array::from_fn(|i| d[i])).collect();
            Ok(SpeciesThermo::Nasa7(Nasa7 {
                bounds,
                coeffs,
                reference_pressure: p_ref,
            }))
        }
        "NASA9" => {
            let (bounds, data) = ranges(9)?;
            let coeffs = data.iter().map(|d| std::array::from_fn(|i| d[i])).collect();
            Ok(SpeciesThermo::Nasa9(Nasa9 {
                bounds,
                coeffs,
                reference_pressure: p_ref,
            }))
        }
        "constant-cp" => {
            let r = petrocket_units::GAS_CONSTANT;
            // h0 [energy/quantity], s0 and cp0 [energy/quantity/K], as Cantera converts them.
            let molar = |key: &str, per_kelvin: bool| -> Result<f64> {
                match get(t, key) {
                    Some(v) => units
                        .molar_value(v, per_kelvin)
                        .map_err(|m| ctx.err(format!("{tctx} > {key}"), m)),
                    None => Ok(0.0),
                }
            };
            let val = |key: &str, default: f64| -> Result<f64> {
                match get(t, key) {
                    Some(v) => number(v).map_err(|m| ctx.err(format!("{tctx} > {key}"), m)),
                    None => Ok(default),
                }
            };
            let t0 = match get(t, "T0") {
                Some(v) => units.temperature_value(v).map_err(|m| ctx.err(&tctx, m))?,
                None => 298.15,
            };
            let (t_min, t_max) = (val("T-min", 0.0)?, val("T-max", f64::INFINITY)?);
            if !(t0 > 0.0 && t0.is_finite()) || t_min < 0.0 || t_min >= t_max {
                return Err(ctx.err(
                    &tctx,
                    format!(
                        "T0 = {t0} K must be positive and T-min = {t_min} K, T-max = {t_max} K \
                         a non-negative, increasing pair"
                    ),
                ));
            }
            Ok(SpeciesThermo::ConstantCp(ConstantCp {
                t0,
                h0_r: molar("h0", false)? / r,
                s0_r: molar("s0", true)? / r,
                cp0_r: molar("cp0", true)? / r,
                t_min,
                t_max,
                reference_pressure: p_ref,
            }))
        }
        "" => Err(ctx.err(&tctx, "missing `model` (NASA7, NASA9 or constant-cp)")),
        other => Err(ctx.err(
            &tctx,
            format!("thermo model '{other}' is not supported (use NASA7, NASA9 or constant-cp)"),
        )),
    }
}

fn parse_transport(ctx: &Ctx, t: &Yaml, sctx: &str) -> Result<TransportData> {
    let tctx = format!("{sctx} > transport");
    let f = |key: &str| -> Result<f64> {
        match get(t, key) {
            Some(v) => number(v).map_err(|m| ctx.err(format!("{tctx} > {key}"), m)),
            None => Ok(0.0),
        }
    };
    Ok(TransportData {
        geometry: t["geometry"].as_str().unwrap_or("").to_string(),
        well_depth_k: f("well-depth")?,
        diameter_angstrom: f("diameter")?,
        dipole_debye: f("dipole")?,
        polarizability_angstrom3: f("polarizability")?,
        rotational_relaxation: f("rotational-relaxation")?,
        acentric_factor: f("acentric-factor")?,
    })
}

#[allow(clippy::too_many_arguments)]
fn parse_reaction(
    ctx: &Ctx,
    node: &Yaml,
    index: usize,
    section: &str,
    species: &HashMap<&str, usize>,
    units: &UnitSystem,
    mode: ReactionSelect,
    warnings: &mut Vec<String>,
) -> Result<Option<Reaction>> {
    let equation = node["equation"]
        .as_str()
        .ok_or_else(|| ctx.err(format!("{section}[{index}]"), "reaction has no `equation`"))?
        .to_string();
    let rctx = format!("reaction {} '{}'", index + 1, clip(&equation));
    let e = |m: String| ctx.err(&rctx, clip_to(&m, 3 * MAX_QUOTED_CHARS));
    let parsed = parse_equation(&equation).map_err(e)?;
    let idx = |name: &str| species.get(name).copied();

    let mut missing = Vec::new();
    let mut resolve = |terms: &[(String, f64)]| -> Vec<(usize, f64)> {
        terms
            .iter()
            .filter_map(|(n, c)| match idx(n) {
                Some(i) => Some((i, *c)),
                None => {
                    missing.push(n.clone());
                    None
                }
            })
            .collect()
    };
    let reactants = resolve(&parsed.reactants);
    let products = resolve(&parsed.products);
    if !missing.is_empty() {
        if mode == ReactionSelect::DeclaredSpecies {
            return Ok(None);
        }
        return Err(ctx.err(
            &rctx,
            format!(
                "species {} not declared in the phase",
                clip_to(&missing.join(", "), 3 * MAX_QUOTED_CHARS)
            ),
        ));
    }

    let mut orders = Vec::new();
    if node["orders"].as_hash().is_some() && parsed.reversible {
        return Err(ctx.err(
            &rctx,
            "reaction orders may only be given for irreversible reactions ('=>'), as in Cantera",
        ));
    }
    if let Some(map) = node["orders"].as_hash() {
        for (k, v) in map {
            let name = k.as_str().unwrap_or_default();
            let i = idx(name).ok_or_else(|| {
                ctx.err(&rctx, format!("order given for unknown species '{name}'"))
            })?;
            let o = number(v).map_err(|m| ctx.err(format!("{rctx} > orders > {name}"), m))?;
            if o < 0.0 && node["negative-orders"].as_bool() != Some(true) {
                return Err(ctx.err(
                    &rctx,
                    format!("negative order {o} for {name} needs `negative-orders: true`"),
                ));
            }
            orders.push((i, o));
        }
    }
    // Reaction order for unit conversion: explicit orders replace stoichiometric ones.
    let order: f64 = reactants
        .iter()
        .map(|(i, c)| orders.iter().find(|(j, _)| j == i).map_or(*c, |(_, o)| *o))
        .sum::<f64>()
        + orders
            .iter()
            .filter(|(j, _)| !reactants.iter().any(|(i, _)| i == j))
            .map(|(_, o)| o)
            .sum::<f64>();

    let negative_a = node["negative-A"].as_bool() == Some(true);
    let arrhenius = |v: &Yaml, ord: f64, key: &str| -> Result<Arrhenius> {
        let kctx = format!("{rctx} > {key}");
        if v.as_hash().is_none() {
            return Err(ctx.err(
                &kctx,
                format!("expected {{A: ..., b: ..., Ea: ...}}, got {}", describe(v)),
            ));
        }
        let a = units
            .rate_constant(&v["A"], ord)
            .map_err(|m| ctx.err(format!("{kctx} > A"), m))?;
        let b = match get(v, "b") {
            Some(x) => number(x).map_err(|m| ctx.err(format!("{kctx} > b"), m))?,
            None => 0.0,
        };
        let ea = match get(v, "Ea") {
            Some(x) => units
                .activation_energy(x)
                .map_err(|m| ctx.err(format!("{kctx} > Ea"), m))?,
            None => 0.0,
        };
        if a < 0.0 && !negative_a {
            return Err(ctx.err(&kctx, format!("negative A = {a} needs `negative-A: true`")));
        }
        Ok(Arrhenius {
            a,
            b,
            ea_j_per_mol: ea,
        })
    };

    let mut third_body = |explicit: Option<&str>| -> Result<ThirdBody> {
        if let Some(name) = explicit.filter(|n| *n != "M") {
            let i = idx(name)
                .ok_or_else(|| ctx.err(&rctx, format!("collider '{name}' is not a species")))?;
            return Ok(ThirdBody::Species(i));
        }
        let mut efficiencies = Vec::new();
        if let Some(map) = node["efficiencies"].as_hash() {
            for (k, v) in map {
                let name = k.as_str().unwrap_or_default();
                let eff =
                    number(v).map_err(|m| ctx.err(format!("{rctx} > efficiencies > {name}"), m))?;
                match idx(name) {
                    Some(i) => efficiencies.push((i, eff)),
                    None => warnings.push(format!(
                        "{rctx}: third-body efficiency for undeclared species '{name}' ignored"
                    )),
                }
            }
        }
        let default_efficiency = match get(node, "default-efficiency") {
            Some(v) => number(v).map_err(|m| ctx.err(format!("{rctx} > default-efficiency"), m))?,
            None => 1.0,
        };
        Ok(ThirdBody::Mixture {
            efficiencies,
            default_efficiency,
        })
    };

    let falloff_form = || -> Result<FalloffForm> {
        let f = |m: &Yaml, key: &str, default: Option<f64>| -> Result<f64> {
            match (get(m, key), default) {
                (Some(v), _) => number(v).map_err(|msg| ctx.err(format!("{rctx} > {key}"), msg)),
                (None, Some(d)) => Ok(d),
                (None, None) => Err(ctx.err(&rctx, format!("falloff parameters lack `{key}`"))),
            }
        };
        if let Some(t) = get(node, "Troe") {
            Ok(FalloffForm::Troe {
                a: f(t, "A", None)?,
                t3: f(t, "T3", None)?,
                t1: f(t, "T1", None)?,
                t2: get(t, "T2")
                    .map(number)
                    .transpose()
                    .map_err(|m| ctx.err(&rctx, m))?,
            })
        } else if let Some(s) = get(node, "SRI") {
            Ok(FalloffForm::Sri {
                a: f(s, "A", None)?,
                b: f(s, "B", None)?,
                c: f(s, "C", None)?,
                d: f(s, "D", Some(1.0))?,
                e: f(s, "E", Some(0.0))?,
            })
        } else if let Some(s) = get(node, "Tsang") {
            Ok(FalloffForm::Tsang {
                a: f(s, "A", None)?,
                b: f(s, "B", Some(0.0))?,
            })
        } else {
            Ok(FalloffForm::Lindemann)
        }
    };

    let declared_type = node["type"].as_str();
    let kind = match declared_type {
        Some(t) => t,
        None if parsed.falloff_collider.is_some() => "falloff",
        None if parsed.plus_m => "three-body",
        None => "elementary",
    };
    let rate = match kind {
        "elementary" | "Arrhenius" => {
            if parsed.plus_m || parsed.falloff_collider.is_some() {
                return Err(ctx.err(&rctx, "an elementary reaction cannot have a third body 'M'"));
            }
            RateModel::Elementary(arrhenius(&node["rate-constant"], order, "rate-constant")?)
        }
        "three-body" => {
            if !parsed.plus_m {
                // Explicit collider written as a species on both sides (e.g. `+ AR`).
                return Err(ctx.err(&rctx, "a three-body reaction needs '+ M' on both sides"));
            }
            RateModel::ThreeBody {
                rate: arrhenius(&node["rate-constant"], order + 1.0, "rate-constant")?,
                third_body: third_body(None)?,
            }
        }
        "falloff" | "chemically-activated" => {
            let collider = parsed.falloff_collider.clone().ok_or_else(|| {
                ctx.err(
                    &rctx,
                    format!("a {kind} reaction needs '(+M)' on both sides"),
                )
            })?;
            let (lo, hi) = if kind == "falloff" {
                (order + 1.0, order)
            } else {
                (order, order - 1.0)
            };
            let low = arrhenius(&node["low-P-rate-constant"], lo, "low-P-rate-constant")?;
            let high = arrhenius(&node["high-P-rate-constant"], hi, "high-P-rate-constant")?;
            let form = falloff_form()?;
            let third_body = third_body(Some(&collider))?;
            if kind == "falloff" {
                RateModel::Falloff {
                    low,
                    high,
                    form,
                    third_body,
                }
            } else {
                RateModel::ChemicallyActivated {
                    low,
                    high,
                    form,
                    third_body,
                }
            }
        }
        "pressure-dependent-Arrhenius" => {
            let list = node["rate-constants"]
                .as_vec()
                .ok_or_else(|| ctx.err(&rctx, "PLOG needs a `rate-constants` list"))?;
            let mut rates = Vec::with_capacity(list.len());
            for (i, item) in list.iter().enumerate() {
                let p = units
                    .pressure_value(&item["P"])
                    .map_err(|m| ctx.err(format!("{rctx} > rate-constants[{i}] > P"), m))?;
                if p <= 0.0 {
                    return Err(ctx.err(&rctx, format!("PLOG pressure {p} Pa must be positive")));
                }
                rates.push((p, arrhenius(item, order, &format!("rate-constants[{i}]"))?));
            }
            if rates.is_empty() {
                return Err(ctx.err(&rctx, "PLOG `rate-constants` is empty"));
            }
            rates.sort_by(|a, b| a.0.total_cmp(&b.0));
            RateModel::Plog(rates)
        }
        "Chebyshev" => {
            let tr = num_list(&node["temperature-range"])
                .map_err(|m| ctx.err(format!("{rctx} > temperature-range"), m))?;
            let pr = node["pressure-range"]
                .as_vec()
                .filter(|v| v.len() == 2)
                .ok_or_else(|| ctx.err(&rctx, "Chebyshev needs `pressure-range: [Pmin, Pmax]`"))?;
            let pmin = units
                .pressure_value(&pr[0])
                .map_err(|m| ctx.err(&rctx, m))?;
            let pmax = units
                .pressure_value(&pr[1])
                .map_err(|m| ctx.err(&rctx, m))?;
            let data = node["data"]
                .as_vec()
                .ok_or_else(|| ctx.err(&rctx, "Chebyshev needs `data`"))?;
            let mut coeffs: Vec<Vec<f64>> = data
                .iter()
                .map(num_list)
                .collect::<std::result::Result<_, _>>()
                .map_err(|m| ctx.err(format!("{rctx} > data"), m))?;
            if tr.len() != 2 || coeffs.is_empty() || coeffs[0].is_empty() {
                return Err(ctx.err(
                    &rctx,
                    "Chebyshev needs a 2-value temperature-range and non-empty data",
                ));
            }
            if coeffs.iter().any(|row| row.len() != coeffs[0].len()) {
                return Err(ctx.err(
                    format!("{rctx} > data"),
                    "Chebyshev data rows must all have the same number of coefficients",
                ));
            }
            if !(tr[0] > 0.0 && tr[0] < tr[1] && pmin > 0.0 && pmin < pmax) {
                return Err(ctx.err(
                    &rctx,
                    format!(
                        "Chebyshev ranges must be positive and increasing: temperature-range \
                         [{}, {}] K, pressure-range [{pmin}, {pmax}] Pa",
                        tr[0], tr[1]
                    ),
                ));
            }
            coeffs[0][0] += units.rate_factor(order).log10();
            RateModel::Chebyshev {
                t_range: (tr[0], tr[1]),
                p_range: (pmin, pmax),
                coeffs,
            }
        }
        other => {
            return Err(ctx.err(
                &rctx,
                format!(
                    "reaction type '{other}' is not supported (supported: elementary, three-body, \
                     falloff, chemically-activated, pressure-dependent-Arrhenius, Chebyshev)"
                ),
            ))
        }
    };

    if get(node, "units").is_some() {
        // Cantera applies a nested `units` block to this entry only; we would silently use the
        // file's units instead.
        return Err(ctx.err(
            &rctx,
            "a `units` block inside a reaction is not supported; convert its values to the \
             file's units or give them with inline units (\"1.0e13 cm^3/mol/s\")",
        ));
    }
    Ok(Some(Reaction {
        equation,
        reactants,
        products,
        reversible: parsed.reversible,
        duplicate: node["duplicate"].as_bool() == Some(true),
        orders,
        rate,
    }))
}
