//! The wall-heating study behind `petrocket thermal`: transient 1-D conduction through the
//! wall heated by a constant flux or by burned gas, with the times to the glass transition.
//!
//! The modelling decisions here: a heating time is limited to a bottle burn
//! ([`BURN_DURATION_MAX_S`]) unless a long run is asked for; the glass transition and the
//! melting point come from the database material unless given; the outer surface is
//! adiabatic (conservative) unless a convective coefficient is given, against the initial
//! temperature as ambient.

use petrocket_structure::materials::MaterialDb;
use petrocket_structure::thermal::conduction::{BURN_DURATION_MAX_S, MAX_DURATION_S};
use petrocket_structure::thermal::{
    heat_wall, InnerBoundary, OuterBoundary, ThermalOptions, ThermalResult, WallSlab,
};
use petrocket_structure::StructureError;
use serde::Serialize;

type Result<T> = std::result::Result<T, StructureError>;

/// The wall material when none is named.
pub const DEFAULT_MATERIAL: &str = "pet-oriented";
/// The wall thickness when none is given, m: a 2 L sidewall (VALIDATION B7).
pub const DEFAULT_WALL_THICKNESS_M: f64 = 3e-4;
/// The initial wall temperature when none is given, K (23 °C).
pub const DEFAULT_INITIAL_TEMPERATURE_K: f64 = 296.15;

/// Burned-gas pressure (absolute) when none is given, Pa (1 MPa; a default of the
/// command, not a computed AICC pressure).
pub const DEFAULT_GAS_PRESSURE_PA: f64 = 1e6;
/// H2O mole fraction of the burned gas when none is given (a default of the command, not
/// an equilibrium composition).
pub const DEFAULT_H2O_MOLE_FRACTION: f64 = 0.6;
/// Mean beam length 3.6 V/A of the gas when none is given, m: a 2 L bottle
/// (docs/structure.md).
pub const DEFAULT_BEAM_LENGTH_M: f64 = 0.08;

/// The wall's thermal properties: a database material or explicit values.
#[derive(Debug, Clone)]
pub enum WallProperties {
    /// A material of the database (with its glass transition and melting point).
    Material {
        /// The database (built-in, possibly merged with a user file).
        materials: MaterialDb,
        /// The material's name ([`DEFAULT_MATERIAL`]).
        name: String,
    },
    /// Explicit properties (no glass transition or melting point unless given).
    Explicit {
        /// Thermal conductivity, W/(m K).
        conductivity_w_m_k: f64,
        /// Density, kg/m³.
        density_kg_m3: f64,
        /// Specific heat capacity, J/(kg K).
        heat_capacity_j_kg_k: f64,
    },
}

/// Everything a wall-heating study needs, in SI units.
#[derive(Debug, Clone)]
pub struct ThermalInput {
    /// The wall's properties.
    pub wall: WallProperties,
    /// Wall thickness, m.
    pub thickness_m: f64,
    /// Initial (and outer ambient) temperature, K.
    pub initial_temperature_k: f64,
    /// Glass-transition temperature, K, instead of the material's.
    pub glass_transition_k: Option<f64>,
    /// Heating of the inner surface: a flux or burned gas.
    pub inner: InnerBoundary,
    /// Convective coefficient at the outer surface, W/(m² K) (adiabatic if `None`).
    pub outer_convection_w_m2_k: Option<f64>,
    /// Heating time, s.
    pub duration_s: f64,
    /// Allow a heating time above [`BURN_DURATION_MAX_S`] (up to [`MAX_DURATION_S`]).
    pub allow_long: bool,
    /// Cells through the wall.
    pub cells: usize,
}

/// Refuses a heating time above a bottle burn ([`BURN_DURATION_MAX_S`]) unless
/// `allow_long`; other checks of the duration are `heat_wall`'s.
pub fn check_duration(duration_s: f64, allow_long: bool) -> Result<()> {
    if !allow_long
        && duration_s.is_finite()
        && !petrocket_structure::limits::within(duration_s, 0.0, BURN_DURATION_MAX_S)
        && duration_s > 0.0
    {
        return Err(StructureError::InvalidInput {
            quantity: "duration",
            value: duration_s,
            unit: "s",
            requirement: format!(
                "≤ {BURN_DURATION_MAX_S} s, the longest bottle burn (a burn is over in \
                 milliseconds and the whole wall equilibrates in about a second); pass \
                 --allow-long for up to {MAX_DURATION_S} s"
            ),
        });
    }
    Ok(())
}

/// Result of [`thermal_study`]: the JSON object of `petrocket thermal --json`.
#[derive(Debug, Clone, Serialize)]
pub struct ThermalReport {
    /// The database material, `None` with explicit properties.
    pub material: Option<String>,
    /// Wall thickness, m.
    pub wall_thickness_m: f64,
    /// Heating time, s.
    pub duration_s: f64,
    /// Initial temperature, K.
    pub initial_temperature_K: f64,
    /// Glass-transition temperature used, K.
    pub glass_transition_K: Option<f64>,
    /// Rise of the inner (heated) surface at the end, K.
    pub surface_temperature_rise_K: f64,
    /// Inner surface temperature at the end, K.
    pub surface_temperature_K: f64,
    /// Rise of the outer surface at the end, K.
    pub outer_temperature_rise_K: f64,
    /// When the inner surface reaches the glass transition, s.
    pub time_to_glass_transition_s: Option<f64>,
    /// When the mid-wall reaches it, s.
    pub mid_wall_time_to_glass_transition_s: Option<f64>,
    /// Heat flux into the wall at the end, W/m².
    pub final_heat_flux_W_m2: f64,
    /// Heat in through the inner surface, J/m².
    pub heat_in_J_m2: f64,
    /// Heat stored in the wall, J/m².
    pub heat_stored_J_m2: f64,
    /// Diffusion time t²/α of the wall, s.
    pub diffusion_time_s: f64,
    /// Time steps.
    pub steps: usize,
    /// Warnings of the conduction solve.
    pub warnings: Vec<String>,
    /// The full result (temperature history CSV).
    #[serde(skip)]
    pub result: ThermalResult,
}

/// Heats the wall: [`check_duration`], the slab from the material or the explicit
/// properties, then `heat_wall`.
pub fn thermal_study(input: &ThermalInput) -> Result<ThermalReport> {
    let duration = input.duration_s;
    check_duration(duration, input.allow_long)?;
    let thickness = input.thickness_m;
    let initial = input.initial_temperature_k;
    let (slab, material_name, tg_default, melting) = match &input.wall {
        WallProperties::Explicit {
            conductivity_w_m_k,
            density_kg_m3,
            heat_capacity_j_kg_k,
        } => (
            WallSlab::new(
                thickness,
                *conductivity_w_m_k,
                *density_kg_m3,
                *heat_capacity_j_kg_k,
            )?,
            None,
            None,
            None,
        ),
        WallProperties::Material { materials, name } => {
            let m = materials.get(name)?;
            (
                WallSlab::from_material(m, thickness)?,
                Some(name.clone()),
                m.glass_transition_k.as_ref().map(|c| c.value),
                m.melting_k.as_ref().map(|c| c.value),
            )
        }
    };
    let tg = input.glass_transition_k.or(tg_default);
    let outer = match input.outer_convection_w_m2_k {
        Some(h) => OuterBoundary::Convective {
            coefficient_w_m2_k: h,
            ambient_k: initial,
        },
        None => OuterBoundary::Adiabatic,
    };
    let options = ThermalOptions {
        cells: input.cells,
        ..ThermalOptions::default()
    };
    let r = heat_wall(
        &slab,
        initial,
        &input.inner,
        outer,
        duration,
        tg,
        melting,
        &options,
    )?;
    let outer_rise = r.final_profile_k.last().copied().unwrap_or(initial) - initial;
    Ok(ThermalReport {
        material: material_name,
        wall_thickness_m: slab.thickness_m,
        duration_s: duration,
        initial_temperature_K: initial,
        glass_transition_K: tg,
        surface_temperature_rise_K: r.surface_temperature_rise_k,
        surface_temperature_K: initial + r.surface_temperature_rise_k,
        outer_temperature_rise_K: outer_rise,
        time_to_glass_transition_s: r.time_to_glass_transition_s,
        mid_wall_time_to_glass_transition_s: r.mid_wall_time_to_glass_transition_s,
        final_heat_flux_W_m2: r.final_flux_w_m2,
        heat_in_J_m2: r.heat_in_j_m2,
        heat_stored_J_m2: r.heat_stored_j_m2,
        diffusion_time_s: slab.thickness_m.powi(2) / slab.diffusivity_m2_s(),
        steps: r.times_s.len() - 1,
        warnings: r.warnings.clone(),
        result: r,
    })
}
