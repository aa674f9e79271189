//! CalculiX input deck (`.inp`) of the same model as the native solver: the same `CAX8`
//! mesh (`x = r`, `y = z`), material, supports and loads.

use std::fmt::Write as _;

use crate::fem::{ElasticMaterial, Mesh};

/// Node set of the axis nodes (`u_r = 0`).
pub const NSET_AXIS: &str = "AXIS";
/// Node set of the node with `u_z = 0`.
pub const NSET_FIXZ: &str = "FIXZ";

fn write_set(s: &mut String, name: &str, ids: &[usize]) {
    let _ = writeln!(s, "*NSET, NSET={name}");
    for chunk in ids.chunks(12) {
        let line: Vec<String> = chunk.iter().map(|n| (n + 1).to_string()).collect();
        let _ = writeln!(s, "{},", line.join(", "));
    }
}

/// The deck as text (numbers with 13 significant digits: CalculiX reads at most 20
/// characters per field). Node and element numbers are the native indices plus one. `title`
/// goes into the header comments (one `**` line per line).
pub fn write_deck(mesh: &Mesh, material: &ElasticMaterial, p_gauge_pa: f64, title: &str) -> String {
    let mut s = String::with_capacity(mesh.nodes.len() * 64 + mesh.elements.len() * 80);
    let _ = writeln!(
        s,
        "** PET Rocket Simulator (petrocket {}): axisymmetric bottle wall for CalculiX",
        env!("CARGO_PKG_VERSION")
    );
    for line in title.lines() {
        let _ = writeln!(s, "** {line}");
    }
    let _ = writeln!(
        s,
        "** {} CAX8 elements ({} along the meridian x {} through the wall), {} nodes",
        mesh.elements.len(),
        mesh.elements_along,
        mesh.layers,
        mesh.nodes.len()
    );
    let cap = match &mesh.plate {
        Some(pl) => format!(
            "; cap: flat plate of thickness {} m (same material, elements after the wall's), \
             its lower face over r < {} m loaded by the gauge pressure (face P1)",
            pl.thickness_m, pl.span_radius_m
        ),
        None if mesh.cap_faces.is_empty() => String::new(),
        None => format!(
            "; cap end load as a uniform pull {} Pa on the neck's top edge (face P2)",
            -p_gauge_pa * mesh.cap_pressure_per_pa
        ),
    };
    let _ = writeln!(
        s,
        "** SI units (m, Pa, N). x = r, y = z. Gauge pressure {p_gauge_pa} Pa on the inner \
         surface (face P3){cap}."
    );
    let _ = writeln!(
        s,
        "** Supports: u_r = 0 on the axis (set {NSET_AXIS}); u_z = 0 at the base-pole mid-surface \
         node (set {NSET_FIXZ}), the loads being self-equilibrated."
    );
    s.push_str("*NODE, NSET=NALL\n");
    for (i, p) in mesh.nodes.iter().enumerate() {
        let _ = writeln!(s, "{}, {:.12e}, {:.12e}, 0.0", i + 1, p[0], p[1]);
    }
    s.push_str("*ELEMENT, TYPE=CAX8, ELSET=EALL\n");
    for (e, el) in mesh.elements.iter().enumerate() {
        let ids: Vec<String> = el.iter().map(|n| (n + 1).to_string()).collect();
        let _ = writeln!(s, "{}, {}", e + 1, ids.join(", "));
    }
    write_set(&mut s, NSET_AXIS, &mesh.axis_nodes);
    write_set(&mut s, NSET_FIXZ, &[mesh.fixed_z_node]);
    let _ = writeln!(s, "*BOUNDARY\n{NSET_AXIS}, 1, 1\n{NSET_FIXZ}, 2, 2");
    let _ = writeln!(
        s,
        "*MATERIAL, NAME=WALL\n*ELASTIC\n{:.12e}, {:.12e}\n*DENSITY\n{:.12e}",
        material.youngs_modulus_pa, material.poisson_ratio, material.density_kg_m3
    );
    if mesh.region_names.is_empty() {
        s.push_str("*SOLID SECTION, ELSET=EALL, MATERIAL=WALL\n");
    } else {
        // Per-region materials: one element set and section per region, the rest WALL.
        let mut sets: Vec<(String, Vec<usize>)> = vec![("EWALL".into(), Vec::new())];
        for k in 0..mesh.region_names.len() {
            sets.push((format!("EREG{}", k + 1), Vec::new()));
        }
        for (e, r) in mesh.element_region.iter().enumerate() {
            sets[r.map_or(0, |k| k + 1)].1.push(e + 1);
        }
        for (k, name) in mesh.region_names.iter().enumerate() {
            let m = mesh.region_elastic[k].unwrap_or(*material);
            let _ = writeln!(
                s,
                "** region {} = material `{name}`\n*MATERIAL, NAME=REG{}\n*ELASTIC\n{:.12e}, \
                 {:.12e}\n*DENSITY\n{:.12e}",
                k + 1,
                k + 1,
                m.youngs_modulus_pa,
                m.poisson_ratio,
                m.density_kg_m3
            );
        }
        for (k, (set, ids)) in sets.iter().enumerate() {
            if ids.is_empty() {
                continue;
            }
            let _ = writeln!(s, "*ELSET, ELSET={set}");
            for chunk in ids.chunks(12) {
                let line: Vec<String> = chunk.iter().map(usize::to_string).collect();
                let _ = writeln!(s, "{},", line.join(", "));
            }
            let mat = if k == 0 {
                "WALL".into()
            } else {
                format!("REG{k}")
            };
            let _ = writeln!(s, "*SOLID SECTION, ELSET={set}, MATERIAL={mat}");
        }
    }
    s.push_str("*STEP\n*STATIC\n*DLOAD\n");
    for &(e, face) in &mesh.inner_faces {
        let _ = writeln!(s, "{}, P{}, {:.12e}", e + 1, face + 1, p_gauge_pa);
    }
    let cap = p_gauge_pa * mesh.cap_pressure_per_pa;
    for &(e, face) in &mesh.cap_faces {
        let _ = writeln!(s, "{}, P{}, {:.12e}", e + 1, face + 1, cap);
    }
    s.push_str("*NODE FILE\nU\n*EL FILE\nS\n*END STEP\n");
    s
}
