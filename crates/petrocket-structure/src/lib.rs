//! Structure for the PET Rocket Simulator: bottle geometry, materials database, analytic wall stresses
