//! Ideal-gas mixtures: the phase definition ([`GasMixture`]), a thermodynamic state
//! ([`GasState`]), mixture properties, state setters and composition parsing.
//!
//! Ideal-gas relations (molar, SI with mol): p = ρ R T / W̄, h = Σ x_k h°_k(T),
//! u = h − R T, s = Σ x_k (s°_k(T) − R ln x_k) − R ln(p/p°), g = h − T s, cv = cp − R.

mod composition;
mod ideal_gas;
mod setters;

pub use composition::{air, equivalence_ratio_mixture};
pub(crate) use ideal_gas::{check_range, check_state};
pub use ideal_gas::{GasMixture, GasState, MixtureProperties};
