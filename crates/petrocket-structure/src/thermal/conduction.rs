//! Transient 1-D conduction through the wall thickness.
//!
//! ```text
//! ρ c ∂T/∂t = k ∂²T/∂x²,   0 < x < L   (x = 0 the inner, heated surface)
//! −k ∂T/∂x (0, t) = q_in(t, T(0, t))     inner boundary: flux or burned-gas exposure
//! −k ∂T/∂x (L, t) = −h_o (T(L, t) − T_a)  outer boundary: adiabatic (h_o = 0) or still air
//! ```
//!
//! Discretisation: vertex-centred finite volumes on a mesh graded geometrically from the
//! inner surface (default 200 cells, first cell 0.1 µm, so a 10 µm skin holds ≈ 50 nodes);
//! time integration by variable-step BDF2 (second order, L-stable; started by one backward
//! Euler step) with steps growing geometrically from a fraction of the first cell's
//! diffusion time up to `duration/400`. Each step solves one tridiagonal system (Thomas
//! algorithm: 10 lines, cheaper than any sparse-solver crate for a tridiagonal matrix). A
//! gas exposure is nonlinear in the wall temperature (radiation ∝ T⁴) and is linearised
//! about the previous step's surface temperature.
//!
//! The scheme conserves energy exactly for a constant flux into an adiabatic wall (BDF2 is
//! exact on linear-in-time energy): `Σ ρ c V_i (T_i − T_0) = q t`, tested to round-off.
//! Accuracy against the semi-infinite solution (VALIDATION S4) is tested to 2 %.
//!
//! Assumptions: constant properties, no melting or decomposition (see [`super`]).

use serde::Serialize;

use super::flux::{GasExposure, KAPPA_FIT_MAX_K};
use crate::error::{positive, Result, StructureError};
use crate::limits::Range;
use crate::materials::Material;

/// Wall thickness range of the conduction model, m: 10 µm (thinner than any blow-moulded
/// wall; the graded mesh starts with a 0.1 µm cell) … 10 mm (ten times a bottle's finish;
/// a thicker wall is not a bottle).
pub const WALL_THICKNESS_RANGE: Range = Range {
    quantity: "wall thickness",
    unit: "m",
    min: 1e-5,
    max: 1e-2,
    reason: "10 µm … 10 mm, a bottle wall",
};
/// Thermal conductivity range, W/(m·K): aerogels to copper (polymers 0.1–0.5, steel 16,
/// aluminium 167).
pub const CONDUCTIVITY_RANGE: Range = Range {
    quantity: "thermal conductivity",
    unit: "W/(m·K)",
    min: 0.01,
    max: 500.0,
    reason: "solids from foams to copper",
};
/// Density range, kg/m³: foams to the densest engineering metals.
pub const DENSITY_RANGE: Range = Range {
    quantity: "density",
    unit: "kg/m³",
    min: 10.0,
    max: 25_000.0,
    reason: "solids from foams to tungsten",
};
/// Specific heat capacity range, J/(kg·K): metals (≈ 130 for lead) to polymers (≈ 2 500).
pub const HEAT_CAPACITY_RANGE: Range = Range {
    quantity: "heat capacity",
    unit: "J/(kg·K)",
    min: 100.0,
    max: 5_000.0,
    reason: "solids",
};
/// Heat flux range into the wall, W/m²: 0 (no heating; a negative flux — the wall heating
/// the gas — is not a burn) … 100 MW/m², ten times the 1–10 MW/m² of confined combustion
/// and detonation (VALIDATION S5).
pub const HEAT_FLUX_RANGE: Range = Range {
    quantity: "heat flux",
    unit: "W/m²",
    min: 0.0,
    max: 1e8,
    reason: "0 … 100 MW/m²: ten times the 1–10 MW/m² of confined combustion, VALIDATION S5",
};
/// Longest heating the library accepts, s (1e5 s, about a day: steady-state studies with a
/// convective back; the CLI's default is [`BURN_DURATION_MAX_S`]).
pub const MAX_DURATION_S: f64 = 1e5;
/// Longest heating of a bottle burn, s (10 s): a burn is over in milliseconds and the whole
/// 0.3 mm wall equilibrates in about a second (VALIDATION S4); `petrocket thermal` refuses
/// a longer duration unless `--allow-long`.
pub const BURN_DURATION_MAX_S: f64 = 10.0;
/// Initial and ambient wall temperature range, K: 200 K … 1500 K, the charge-temperature
/// range of the pipeline (thermo data from 200 K).
pub const WALL_TEMPERATURE_RANGE: Range = Range {
    quantity: "initial temperature",
    unit: "K",
    min: 200.0,
    max: 1500.0,
    reason: "the pipeline's charge-temperature range",
};
/// Glass-transition and melting temperature range, K: 100 K … 2500 K (polymers to steels).
pub const TRANSITION_TEMPERATURE_RANGE: Range = Range {
    quantity: "transition temperature",
    unit: "K",
    min: 100.0,
    max: 2500.0,
    reason: "polymers to steels",
};
/// Outer-surface heat-transfer coefficient range, W/(m²·K): 0 (adiabatic) … 10⁴ (forced
/// water cooling; still air is 5–25).
pub const OUTER_CONVECTION_RANGE: Range = Range {
    quantity: "outer heat-transfer coefficient",
    unit: "W/(m²·K)",
    min: 0.0,
    max: 1e4,
    reason: "adiabatic to forced water cooling",
};

/// A slab of wall: thickness and thermal properties.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WallSlab {
    /// Thickness, m.
    pub thickness_m: f64,
    /// Thermal conductivity, W/(m·K).
    pub conductivity_w_m_k: f64,
    /// Density, kg/m³.
    pub density_kg_m3: f64,
    /// Specific heat capacity, J/(kg·K).
    pub heat_capacity_j_kg_k: f64,
}

impl WallSlab {
    /// A validated slab: every value finite, > 0 and within its range
    /// ([`WALL_THICKNESS_RANGE`], [`CONDUCTIVITY_RANGE`], [`DENSITY_RANGE`],
    /// [`HEAT_CAPACITY_RANGE`]).
    pub fn new(thickness_m: f64, k: f64, rho: f64, c: f64) -> Result<Self> {
        Ok(Self {
            thickness_m: WALL_THICKNESS_RANGE.check(positive(
                "wall thickness",
                thickness_m,
                "m",
            )?)?,
            conductivity_w_m_k: CONDUCTIVITY_RANGE.check(positive(
                "thermal conductivity",
                k,
                "W/(m·K)",
            )?)?,
            density_kg_m3: DENSITY_RANGE.check(positive("density", rho, "kg/m³")?)?,
            heat_capacity_j_kg_k: HEAT_CAPACITY_RANGE.check(positive(
                "heat capacity",
                c,
                "J/(kg·K)",
            )?)?,
        })
    }

    /// A slab of a database material (its 23 °C thermal properties).
    pub fn from_material(material: &Material, thickness_m: f64) -> Result<Self> {
        Self::new(
            thickness_m,
            material.thermal_conductivity_w_m_k.value,
            material.density_kg_m3.value,
            material.specific_heat_j_kg_k.value,
        )
    }

    /// Thermal diffusivity `k/(ρc)`, m²/s.
    pub fn diffusivity_m2_s(&self) -> f64 {
        self.conductivity_w_m_k / (self.density_kg_m3 * self.heat_capacity_j_kg_k)
    }

    /// Thermal effusivity `√(kρc)`, W·s^½/(m²·K).
    pub fn effusivity(&self) -> f64 {
        (self.conductivity_w_m_k * self.density_kg_m3 * self.heat_capacity_j_kg_k).sqrt()
    }
}

/// Heating at the inner surface.
#[derive(Debug, Clone, PartialEq)]
pub enum InnerBoundary {
    /// Constant heat flux into the wall from `t = 0`, W/m².
    Flux(f64),
    /// Heat flux history `[(t_s, q_W_m2), …]`, linear between points, strictly increasing
    /// times from 0 and covering the duration.
    FluxHistory(Vec<[f64; 2]>),
    /// Burned gas at a constant state ([`GasExposure`]).
    Gas(GasExposure),
}

/// Outer surface condition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OuterBoundary {
    /// No heat leaves (conservative default: all heat stays in the wall).
    Adiabatic,
    /// Convection to ambient air.
    Convective {
        /// Coefficient, W/(m²·K).
        coefficient_w_m2_k: f64,
        /// Ambient temperature, K.
        ambient_k: f64,
    },
}

/// Discretisation settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ThermalOptions {
    /// Number of cells through the wall.
    pub cells: usize,
    /// Width of the cell at the inner surface, m (capped at a uniform mesh's cell).
    pub first_cell_m: f64,
    /// Number of steps the largest time step divides the duration into.
    pub min_steps: usize,
    /// Depths below the inner surface recorded in the history, m (those inside the wall;
    /// the mid-wall and the outer surface are always added).
    pub record_depths_m: Vec<f64>,
}

impl Default for ThermalOptions {
    fn default() -> Self {
        Self {
            cells: 200,
            first_cell_m: 1e-7,
            min_steps: 400,
            record_depths_m: vec![0.0, 5e-6, 10e-6, 20e-6, 50e-6, 100e-6],
        }
    }
}

/// Temperatures through the wall over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThermalResult {
    /// The slab.
    pub slab: WallSlab,
    /// Initial (uniform) temperature, K.
    pub initial_temperature_k: f64,
    /// Times of the history, s (0 first, the duration last).
    pub times_s: Vec<f64>,
    /// Recorded depths below the inner surface, m (ascending; inner surface first, outer last).
    pub depths_m: Vec<f64>,
    /// `temperatures_k[i][j]`: temperature at time `i` and depth `j`, K.
    pub temperatures_k: Vec<Vec<f64>>,
    /// Inner-surface temperature rise at the end of the duration, K.
    pub surface_temperature_rise_k: f64,
    /// Heat flux into the wall at the end, W/m².
    pub final_flux_w_m2: f64,
    /// First time the inner surface reaches the glass transition, s.
    pub time_to_glass_transition_s: Option<f64>,
    /// First time the mid-wall reaches the glass transition, s.
    pub mid_wall_time_to_glass_transition_s: Option<f64>,
    /// Heat that entered the wall through the inner surface, J/m².
    pub heat_in_j_m2: f64,
    /// Heat stored in the wall, `Σ ρcV (T − T_0)`, J/m².
    pub heat_stored_j_m2: f64,
    /// Node positions at the end, m.
    pub node_depths_m: Vec<f64>,
    /// Node temperatures at the end, K.
    pub final_profile_k: Vec<f64>,
    /// Validity remarks (melting exceeded, extrapolated radiation fit).
    pub warnings: Vec<String>,
}

impl ThermalResult {
    /// The history as CSV: `t_s` then one column per recorded depth.
    pub fn history_csv(&self) -> String {
        let mut out = String::from("t_s");
        for d in &self.depths_m {
            out.push_str(&format!(",T_{:.1}um_K", d * 1e6));
        }
        out.push('\n');
        for (t, row) in self.times_s.iter().zip(&self.temperatures_k) {
            out.push_str(&format!("{t:.6e}"));
            for v in row {
                out.push_str(&format!(",{v:.4}"));
            }
            out.push('\n');
        }
        out
    }
}

/// Heats the wall for `duration_s` from a uniform `initial_k`, and records the history.
/// `glass_transition_k` (K) enables the time-to-T_g outputs; `melting_k` (K) a warning when
/// the surface passes it. See the module docs for the model.
#[allow(clippy::too_many_arguments)]
pub fn heat_wall(
    slab: &WallSlab,
    initial_k: f64,
    inner: &InnerBoundary,
    outer: OuterBoundary,
    duration_s: f64,
    glass_transition_k: Option<f64>,
    melting_k: Option<f64>,
    options: &ThermalOptions,
) -> Result<ThermalResult> {
    let slab = WallSlab::new(
        slab.thickness_m,
        slab.conductivity_w_m_k,
        slab.density_kg_m3,
        slab.heat_capacity_j_kg_k,
    )?;
    WALL_TEMPERATURE_RANGE.check(positive("initial temperature", initial_k, "K")?)?;
    positive("duration", duration_s, "s")?;
    Range {
        quantity: "duration",
        unit: "s",
        min: 0.0,
        max: MAX_DURATION_S,
        reason: "about a day; a bottle burn lasts milliseconds",
    }
    .check(duration_s)?;
    if let Some(tg) = glass_transition_k {
        positive("glass-transition temperature", tg, "K")?;
        Range {
            quantity: "glass-transition temperature",
            ..TRANSITION_TEMPERATURE_RANGE
        }
        .check(tg)?;
    }
    if let Some(tm) = melting_k {
        positive("melting temperature", tm, "K")?;
        Range {
            quantity: "melting temperature",
            ..TRANSITION_TEMPERATURE_RANGE
        }
        .check(tm)?;
    }
    validate_inner(inner, duration_s)?;
    if let OuterBoundary::Convective {
        coefficient_w_m2_k,
        ambient_k,
    } = outer
    {
        if !(coefficient_w_m2_k.is_finite() && coefficient_w_m2_k >= 0.0) {
            return Err(invalid(
                "outer heat-transfer coefficient",
                coefficient_w_m2_k,
                "W/(m²·K)",
                "finite and ≥ 0",
            ));
        }
        OUTER_CONVECTION_RANGE.check(coefficient_w_m2_k)?;
        positive("ambient temperature", ambient_k, "K")?;
        Range {
            quantity: "ambient temperature",
            ..WALL_TEMPERATURE_RANGE
        }
        .check(ambient_k)?;
    }
    if options.cells < 4 || options.cells > 100_000 {
        return Err(invalid(
            "number of cells",
            options.cells as f64,
            "",
            "between 4 and 100000",
        ));
    }
    positive("first cell width", options.first_cell_m, "m")?;
    if options.min_steps < 10 {
        return Err(invalid(
            "minimum number of steps",
            options.min_steps as f64,
            "",
            "≥ 10",
        ));
    }

    let x = graded_nodes(slab.thickness_m, options.cells, options.first_cell_m);
    let n = x.len();
    let rho_c = slab.density_kg_m3 * slab.heat_capacity_j_kg_k;
    // Capacities and conductances of the control volumes.
    let cap: Vec<f64> = (0..n)
        .map(|i| {
            let left = if i > 0 { x[i] - x[i - 1] } else { 0.0 };
            let right = if i + 1 < n { x[i + 1] - x[i] } else { 0.0 };
            rho_c * 0.5 * (left + right)
        })
        .collect();
    let g: Vec<f64> = x
        .windows(2)
        .map(|w| slab.conductivity_w_m_k / (w[1] - w[0]))
        .collect();

    let mut warnings = Vec::new();
    if let InnerBoundary::Gas(gas) = inner {
        if gas.gas_temperature_k > KAPPA_FIT_MAX_K {
            warnings.push(format!(
                "gas temperature {:.0} K is above the {KAPPA_FIT_MAX_K:.0} K range of the H2O \
                 absorption fit; radiation extrapolated",
                gas.gas_temperature_k
            ));
        }
    }

    // Recorded depths (ascending, inside the wall) plus mid-wall and outer surface.
    let mut depths: Vec<f64> = options
        .record_depths_m
        .iter()
        .copied()
        .filter(|d| d.is_finite() && *d >= 0.0 && *d < 0.5 * slab.thickness_m)
        .collect();
    depths.push(0.5 * slab.thickness_m);
    depths.push(slab.thickness_m);
    depths.sort_by(f64::total_cmp);
    depths.dedup_by(|a, b| (*a - *b).abs() <= 1e-15);
    let mid_index = depths
        .iter()
        .position(|d| (*d - 0.5 * slab.thickness_m).abs() <= 1e-15)
        .unwrap_or(0);
    let sample =
        |t: &[f64]| -> Vec<f64> { depths.iter().map(|d| interpolate(&x, t, *d)).collect() };

    let dt_first = (1e-3 * options.first_cell_m.powi(2) / slab.diffusivity_m2_s())
        .min(duration_s / options.min_steps as f64);
    let dt_max = duration_s / options.min_steps as f64;
    const GROWTH: f64 = 1.1;

    let mut t_prev: Vec<f64> = vec![initial_k; n];
    let mut t_now = t_prev.clone();
    let mut times = vec![0.0];
    let mut history = vec![sample(&t_now)];
    let mut time = 0.0;
    let mut h_prev: Option<f64> = None;
    let mut heat_in = 0.0;
    let mut q_prev = flux_at(inner, 0.0, initial_k).0;
    let mut q_end = q_prev;
    let mut tg_inner = None;
    let mut tg_mid = None;
    let mut melt_warned = false;
    let (mut a, mut b, mut c, mut d) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let mut h = dt_first;
    while time < duration_s * (1.0 - 1e-12) {
        if time + h > duration_s || duration_s - (time + h) < 0.01 * h {
            h = duration_s - time;
        }
        let t_new_time = time + h;
        // BDF2 coefficients (backward Euler on the first step).
        let (beta, c_now, c_prev) = match h_prev {
            None => (h, 1.0, 0.0),
            Some(hp) => {
                let w = h / hp;
                let den = 1.0 + 2.0 * w;
                (h * (1.0 + w) / den, (1.0 + w).powi(2) / den, w * w / den)
            }
        };
        // Assemble (C/β + K) T = C/β (c_now T_n − c_prev T_{n−1}) + boundary terms.
        for i in 0..n {
            let ci = cap[i] / beta;
            let gl = if i > 0 { g[i - 1] } else { 0.0 };
            let gr = if i + 1 < n { g[i] } else { 0.0 };
            a[i] = -gl;
            c[i] = -gr;
            b[i] = ci + gl + gr;
            d[i] = ci * (c_now * t_now[i] - c_prev * t_prev[i]);
        }
        // Inner surface: q ≈ q(T*) + q'(T*) (T − T*) about the current surface value.
        let (q0, dq) = flux_at(inner, t_new_time, t_now[0]);
        b[0] -= dq;
        d[0] += q0 - dq * t_now[0];
        if let OuterBoundary::Convective {
            coefficient_w_m2_k,
            ambient_k,
        } = outer
        {
            b[n - 1] += coefficient_w_m2_k;
            d[n - 1] += coefficient_w_m2_k * ambient_k;
        }
        let t_next = thomas(&a, &b, &c, &d);
        if t_next.iter().any(|v| !v.is_finite()) {
            return Err(StructureError::Numerical {
                stage: "wall conduction",
                message: format!("non-finite temperature at t = {t_new_time:.6e} s"),
            });
        }
        let q_new = q0 + dq * (t_next[0] - t_now[0]);
        heat_in += 0.5 * (q_prev + q_new) * h;
        q_prev = q_new;
        q_end = q_new;
        t_prev = std::mem::replace(&mut t_now, t_next);
        let row = sample(&t_now);
        if let Some(tg) = glass_transition_k {
            let last = history.last().expect("history starts with t = 0");
            if tg_inner.is_none() && row[0] >= tg {
                tg_inner = Some(crossing(time, t_new_time, last[0], row[0], tg));
            }
            if tg_mid.is_none() && row[mid_index] >= tg {
                tg_mid = Some(crossing(
                    time,
                    t_new_time,
                    last[mid_index],
                    row[mid_index],
                    tg,
                ));
            }
        }
        if let Some(tm) = melting_k {
            if !melt_warned && row[0] >= tm {
                melt_warned = true;
                warnings.push(format!(
                    "the inner surface reaches the melting point {tm:.0} K at t ≈ {t_new_time:.3e} s; \
                     later temperatures ignore melting, decomposition and ablation"
                ));
            }
        }
        times.push(t_new_time);
        history.push(row);
        time = t_new_time;
        h_prev = Some(h);
        h = (h * GROWTH).min(dt_max);
    }
    let heat_stored: f64 = cap
        .iter()
        .zip(&t_now)
        .map(|(ci, ti)| ci * (ti - initial_k))
        .sum();
    let surface_rise = t_now[0] - initial_k;
    Ok(ThermalResult {
        slab,
        initial_temperature_k: initial_k,
        times_s: times,
        depths_m: depths,
        temperatures_k: history,
        surface_temperature_rise_k: surface_rise,
        final_flux_w_m2: q_end,
        time_to_glass_transition_s: tg_inner,
        mid_wall_time_to_glass_transition_s: tg_mid,
        heat_in_j_m2: heat_in,
        heat_stored_j_m2: heat_stored,
        node_depths_m: x,
        final_profile_k: t_now,
        warnings,
    })
}

fn invalid(quantity: &'static str, value: f64, unit: &'static str, req: &str) -> StructureError {
    StructureError::InvalidInput {
        quantity,
        value,
        unit,
        requirement: req.into(),
    }
}

fn validate_inner(inner: &InnerBoundary, duration_s: f64) -> Result<()> {
    match inner {
        InnerBoundary::Flux(q) => {
            if !q.is_finite() {
                return Err(invalid("heat flux", *q, "W/m²", "finite"));
            }
            HEAT_FLUX_RANGE.check(*q)?;
        }
        InnerBoundary::FluxHistory(rows) => {
            if rows.len() < 2 {
                return Err(invalid(
                    "heat-flux history rows",
                    rows.len() as f64,
                    "",
                    "at least 2",
                ));
            }
            if rows[0][0].abs() > 0.0 {
                return Err(invalid(
                    "heat-flux history first time",
                    rows[0][0],
                    "s",
                    "0 (the history starts with the heating)",
                ));
            }
            for (i, r) in rows.iter().enumerate() {
                if !(r[0].is_finite() && r[1].is_finite()) {
                    return Err(invalid(
                        "heat-flux history value (row index given as value)",
                        i as f64,
                        "",
                        "finite time and flux",
                    ));
                }
                if i > 0 && r[0] <= rows[i - 1][0] {
                    return Err(invalid(
                        "heat-flux history time",
                        r[0],
                        "s",
                        &format!("strictly increasing (row {i} is not after row {})", i - 1),
                    ));
                }
            }
            for r in rows {
                Range {
                    quantity: "heat-flux history value",
                    ..HEAT_FLUX_RANGE
                }
                .check(r[1])?;
            }
            let last = rows[rows.len() - 1][0];
            if last < duration_s {
                return Err(invalid(
                    "heat-flux history end time",
                    last,
                    "s",
                    &format!("≥ the duration {duration_s} s"),
                ));
            }
        }
        InnerBoundary::Gas(g) => g.validate()?,
    }
    Ok(())
}

/// Flux into the wall at time `t` for surface temperature `ts`, and `dq/dT_s`.
fn flux_at(inner: &InnerBoundary, t: f64, ts: f64) -> (f64, f64) {
    match inner {
        InnerBoundary::Flux(q) => (*q, 0.0),
        InnerBoundary::FluxHistory(rows) => {
            let k = rows.partition_point(|r| r[0] <= t).clamp(1, rows.len() - 1);
            let (r0, r1) = (rows[k - 1], rows[k]);
            let f = ((t - r0[0]) / (r1[0] - r0[0])).clamp(0.0, 1.0);
            (r0[1] + f * (r1[1] - r0[1]), 0.0)
        }
        InnerBoundary::Gas(g) => (g.flux(ts).total_w_m2(), g.flux_derivative(ts)),
    }
}

/// Nodes from 0 to `l` with `cells` cells growing geometrically from `first` (capped at
/// a uniform mesh), the ratio found by bisection.
fn graded_nodes(l: f64, cells: usize, first: f64) -> Vec<f64> {
    let uniform = l / cells as f64;
    let h0 = first.min(uniform);
    let total = |r: f64| -> f64 {
        if (r - 1.0).abs() < 1e-12 {
            h0 * cells as f64
        } else {
            h0 * (r.powi(cells as i32) - 1.0) / (r - 1.0)
        }
    };
    let (mut lo, mut hi) = (1.0, 2.0);
    while total(hi) < l {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if total(mid) < l {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let r = 0.5 * (lo + hi);
    let mut x = Vec::with_capacity(cells + 1);
    let mut pos = 0.0;
    let mut h = h0;
    x.push(0.0);
    for _ in 0..cells {
        pos += h;
        x.push(pos);
        h *= r;
    }
    // Remove the bisection's last-digit mismatch: scale onto [0, l] exactly.
    let scale = l / pos;
    for v in &mut x {
        *v *= scale;
    }
    x
}

/// Linear interpolation of nodal values `t` at position `p`.
fn interpolate(x: &[f64], t: &[f64], p: f64) -> f64 {
    let k = x.partition_point(|v| *v <= p).clamp(1, x.len() - 1);
    let f = ((p - x[k - 1]) / (x[k] - x[k - 1])).clamp(0.0, 1.0);
    t[k - 1] + f * (t[k] - t[k - 1])
}

/// Time at which a value crossing `target` between two steps reached it (linear).
fn crossing(t0: f64, t1: f64, v0: f64, v1: f64, target: f64) -> f64 {
    if v1 <= v0 {
        return t1;
    }
    t0 + (t1 - t0) * ((target - v0) / (v1 - v0)).clamp(0.0, 1.0)
}

/// Solves a tridiagonal system (sub-diagonal `a`, diagonal `b`, super-diagonal `c`) by the
/// Thomas algorithm; stable for the diagonally dominant matrices of this module.
fn thomas(a: &[f64], b: &[f64], c: &[f64], d: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut cp = vec![0.0; n];
    let mut dp = vec![0.0; n];
    cp[0] = c[0] / b[0];
    dp[0] = d[0] / b[0];
    for i in 1..n {
        let m = b[i] - a[i] * cp[i - 1];
        cp[i] = c[i] / m;
        dp[i] = (d[i] - a[i] * dp[i - 1]) / m;
    }
    let mut x = vec![0.0; n];
    x[n - 1] = dp[n - 1];
    for i in (0..n - 1).rev() {
        x[i] = dp[i] - cp[i] * x[i + 1];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graded_mesh_spans_the_wall() {
        let x = graded_nodes(3e-4, 200, 1e-7);
        assert_eq!(x.len(), 201);
        assert!((x[200] - 3e-4).abs() < 1e-18);
        assert!((x[1] - 1e-7).abs() < 1e-9);
        assert!(x.windows(3).all(|w| w[2] - w[1] >= w[1] - w[0]));
        // A coarse request falls back to a uniform mesh.
        let u = graded_nodes(1e-3, 10, 1.0);
        assert!((u[1] - 1e-4).abs() < 1e-12);
    }

    #[test]
    fn thomas_solves_a_tridiagonal_system() {
        let (a, b, c) = ([0.0, -1.0, -1.0], [2.0, 2.0, 2.0], [-1.0, -1.0, 0.0]);
        let x = thomas(&a, &b, &c, &[1.0, 0.0, 1.0]);
        for v in x {
            assert!((v - 1.0).abs() < 1e-14);
        }
    }
}
