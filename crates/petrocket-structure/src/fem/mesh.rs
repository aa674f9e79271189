//! Structured mesh of `CAX8` elements through the wall of a profile.
//!
//! The wall is cut into *stations* along the smooth mid-surface meridian (rows joined by
//! tangent fillets, see [`crate::geometry::CORNER_TURN_DEG`]) and into `layers` through
//! the thickness. Every profile row is a station; each span between rows of length `L` is
//! divided into
//! `ceil(L/h)·refine` elements with
//!
//! ```text
//! h = min( √(max(r, 4t)·t) / elements_per_bending_length , max_element_length )
//! ```
//!
//! evaluated with the segment's mean radius and thickness: `√(r·t)` is the length over which
//! bending at a junction or thickness change decays in a shell of revolution (the decay
//! length is `√(r·t)/[3(1 − ν²)]^¼ ≈ 0.78·√(r·t)`), so the default of 4 elements per `√(r·t)`
//! resolves the bending boundary layers everywhere without grading. Near a pole `r → 0`, the
//! floor `4t` stops the elements from shrinking without need.
//!
//! Node positions: the mid-surface point plus `η·(t/2)` times the offset vector of the
//! station (outward normal; at a sharp corner the lengthened bisector, at a pole the axis),
//! with `η` from −1 (inner surface) to +1 (outer). Mid-side nodes along the meridian lie on
//! the curve too, so element edges follow the curved wall (quadratic edges).

use super::element;
use super::plate::{add_plate, Closure, PlateMesh};
use super::ElasticMaterial;
use crate::error::{Result, StructureError};
use crate::geometry::meridian::{CurvePoint, Meridian};
use crate::geometry::Profile;

/// The 8 node indices, in `CAX8` order, of the element at span `j` along the meridian and
/// layer `k` through the wall of a structured grid (`node(i, q)`: half-station `i`,
/// half-level `q`).
pub(super) fn cax8_nodes(node: &dyn Fn(usize, usize) -> usize, j: usize, k: usize) -> [usize; 8] {
    let (i0, i1, im) = (2 * j, 2 * j + 2, 2 * j + 1);
    let (q0, q1, qm) = (2 * k, 2 * k + 2, 2 * k + 1);
    [
        node(i0, q1),
        node(i1, q1),
        node(i1, q0),
        node(i0, q0),
        node(im, q1),
        node(i1, qm),
        node(im, q0),
        node(i0, qm),
    ]
}

/// Most degrees of freedom (2 per node) of a mesh: 2 million. The default 2 L mesh has
/// ≈ 6 600, `--refine 8` ≈ 330 000 (2.5 s and 0.5 GB for a static solve).
pub const MAX_MESH_DOFS: u64 = 2_000_000;

/// Largest estimated memory of a static solve, bytes (4 GiB), see [`MeshEstimate`].
pub const MAX_MESH_MEMORY_BYTES: u64 = 4 << 30;

/// Largest mesh layers through the wall and refinement factor ([`MeshOptions::layers`],
/// [`MeshOptions::refine`]); the product is further bounded by [`MAX_MESH_DOFS`] and
/// [`MAX_MESH_MEMORY_BYTES`].
pub const MAX_MESH_FACTOR: usize = 64;

/// Size of a mesh estimated from the profile and the options before anything is allocated
/// ([`Mesh::estimate`]); [`Mesh::new`] refuses a mesh above [`MAX_MESH_DOFS`] or
/// [`MAX_MESH_MEMORY_BYTES`]. Counts are saturating (a absurd request stays representable).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct MeshEstimate {
    /// Elements along the meridian.
    pub elements_along: u64,
    /// Element layers through the wall (`layers·refine`).
    pub layers: u64,
    /// Elements (wall plus cap plate).
    pub elements: u64,
    /// Nodes (wall plus cap plate).
    pub nodes: u64,
    /// Degrees of freedom, 2 per node.
    pub dofs: u64,
    /// Estimated peak memory of a static solve, bytes: `dofs·(1500 + 32·n_q)` with `n_q`
    /// the nodes through the thickness (calibrated on the 2 L preset at `--refine` 1–8,
    /// measured 1.1–1.5 kB per DOF, which the formula exceeds by ≈ 20–40 %: the sparse
    /// Cholesky factor of a strip grows with its width).
    pub memory_bytes: u64,
}

impl MeshEstimate {
    /// Estimated peak memory of a transient analysis, bytes: the static estimate × 2.5
    /// (stiffness, mass, two factorisations) plus the 4 KiB stress-recovery operator per
    /// element (measured ≈ 2.3× the static solve on the 2 L preset).
    pub fn transient_memory_bytes(&self) -> u64 {
        (self.memory_bytes as f64 * 2.5 + self.elements as f64 * 4096.0) as u64
    }

    /// An error naming the limit when the mesh has more than [`MAX_MESH_DOFS`] DOFs or
    /// needs more than `max_memory_bytes` (`memory_bytes` is the estimate to compare).
    pub fn check_limits(&self, memory_bytes: u64, max_memory_bytes: u64) -> Result<()> {
        let hint = format!(
            "the mesh would have {} elements ({} along the meridian × {} layers) and {} nodes; \
             reduce --refine or --layers (the default mesh is converged to < 0.5 %)",
            self.elements, self.elements_along, self.layers, self.nodes
        );
        if self.dofs > MAX_MESH_DOFS {
            return Err(StructureError::LimitExceeded {
                quantity: "mesh degrees of freedom".into(),
                value: self.dofs.to_string(),
                limit: format!("{MAX_MESH_DOFS} DOFs"),
                hint,
            });
        }
        if memory_bytes > max_memory_bytes {
            return Err(StructureError::LimitExceeded {
                quantity: "estimated solver memory".into(),
                value: format!("{:.1} GiB", memory_bytes as f64 / (1u64 << 30) as f64),
                limit: format!("{:.1} GiB", max_memory_bytes as f64 / (1u64 << 30) as f64),
                hint,
            });
        }
        Ok(())
    }
}

/// Elements along one span of the meshing meridian (the rule of the module docs), as a
/// float so that an absurd request cannot overflow.
fn span_elements(a_r: f64, b_r: f64, a_t: f64, b_t: f64, len: f64, options: &MeshOptions) -> f64 {
    let r_mean = 0.5 * (a_r + b_r);
    let t_mean = 0.5 * (a_t + b_t);
    let h = ((r_mean.max(4.0 * t_mean) * t_mean).sqrt() / options.elements_per_bending_length)
        .min(options.max_element_length_m);
    (len / h).ceil().max(1.0) * options.refine as f64
}

/// Bytes per DOF of the estimate: see [`MeshEstimate::memory_bytes`].
fn memory_estimate(dofs: f64, nq: f64) -> f64 {
    dofs * (1500.0 + 32.0 * nq)
}

/// Mesh density and refinement.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct MeshOptions {
    /// Elements per bending length `√(r·t)` along the meridian (default 4).
    pub elements_per_bending_length: f64,
    /// Longest element along the meridian, m (default 0.01).
    pub max_element_length_m: f64,
    /// Element layers through the wall (default 2; at least 1).
    pub layers: usize,
    /// Refinement factor: multiplies the elements along the meridian and the layers
    /// (default 1).
    pub refine: usize,
    /// How an open neck is closed (default [`Closure::EndLoad`]; ignored for a profile
    /// closed at both poles unless it asks for a plate, which is an error there).
    pub closure: Closure,
}

impl Default for MeshOptions {
    fn default() -> Self {
        Self {
            elements_per_bending_length: 4.0,
            max_element_length_m: 0.01,
            layers: 2,
            refine: 1,
            closure: Closure::EndLoad,
        }
    }
}

impl MeshOptions {
    /// The default density refined `factor` times (along the meridian and through the wall).
    pub fn refined(factor: usize) -> Self {
        Self {
            refine: factor,
            ..Self::default()
        }
    }

    fn validate(&self) -> Result<()> {
        self.closure.validate()?;
        crate::error::positive(
            "elements per bending length",
            self.elements_per_bending_length,
            "",
        )?;
        crate::error::positive("max element length", self.max_element_length_m, "m")?;
        for (q, v) in [
            ("mesh layers", self.layers),
            ("mesh refinement factor", self.refine),
        ] {
            if v == 0 || v > MAX_MESH_FACTOR {
                return Err(StructureError::InvalidInput {
                    quantity: q,
                    value: v as f64,
                    unit: "",
                    requirement: format!(
                        "an integer from 1 to {MAX_MESH_FACTOR} (and a mesh of at most \
                         {MAX_MESH_DOFS} DOFs)"
                    ),
                });
            }
        }
        Ok(())
    }
}

/// Where a node sits: half-station index along the meridian and half-level through the wall.
#[derive(Debug, Clone, PartialEq)]
pub struct Mesh {
    /// Node coordinates `(r, z)`, m.
    pub nodes: Vec<[f64; 2]>,
    /// Elements: 8 node indices (0-based) in `CAX8` order.
    pub elements: Vec<[usize; 8]>,
    /// Element layers through the wall.
    pub layers: usize,
    /// Number of elements along the meridian.
    pub elements_along: usize,
    /// Node index at half-station `i` (0..=2m) and half-level `q` (0..=2·layers; 0 inner),
    /// `usize::MAX` where the serendipity element has no node.
    pub(super) grid: Vec<usize>,
    /// Arc length of the mid-surface at every half-station, m.
    pub station_s: Vec<f64>,
    /// Mid-surface point `(r, z)` at every half-station, m.
    pub station_mid: Vec<[f64; 2]>,
    /// Wall thickness at every half-station, m.
    pub station_t: Vec<f64>,
    /// Unit meridian tangent `(r, z)` at every half-station (increasing arc length).
    pub station_tangent: Vec<[f64; 2]>,
    /// Nodes on the axis (`u_r = 0`).
    pub axis_nodes: Vec<usize>,
    /// The node whose axial displacement is fixed to remove the rigid-body translation.
    pub fixed_z_node: usize,
    /// `(element, face)` pairs of the inner (pressurised) surface (0-based face).
    pub inner_faces: Vec<(usize, usize)>,
    /// `(element, face)` pairs that carry the cap load: the neck's top edge for the end
    /// load, the plate's lower face over `r < r_i` for a flat plate (empty when closed at
    /// both poles).
    pub cap_faces: Vec<(usize, usize)>,
    /// Face pressure on [`Mesh::cap_faces`] per unit gauge pressure, positive pushing into
    /// the element: `−r_i²/(r_o² − r_i²)` for the end load (a uniform axial pull over the top
    /// edge whose resultant is `p·π·r_i²`), `+1` for a flat plate.
    pub cap_pressure_per_pa: f64,
    /// The cap plate, when [`MeshOptions::closure`] asks for one.
    pub plate: Option<PlateMesh>,
    /// Material region of every element: an index into [`Mesh::region_names`], `None` for
    /// the default material (the one passed to the solver; also the cap plate's).
    pub element_region: Vec<Option<usize>>,
    /// Names of the profile's material regions ([`Profile::material_names`]).
    pub region_names: Vec<String>,
    /// Elastic constants of every region, once assigned ([`Mesh::assign_region_materials`]).
    pub(crate) region_elastic: Vec<Option<ElasticMaterial>>,
    /// Whether the profile is closed at both poles.
    pub closed_top: bool,
    /// The options it was made with.
    pub options: MeshOptions,
}

impl Mesh {
    /// The size of the mesh [`Mesh::new`] would build, computed from the profile in time
    /// linear in its rows, without allocating the mesh.
    pub fn estimate(profile: &Profile, options: &MeshOptions) -> Result<MeshEstimate> {
        options.validate()?;
        let prof = profile.for_meshing();
        Ok(Self::estimate_meridian(
            &prof,
            &Meridian::new(&prof),
            options,
        ))
    }

    fn estimate_meridian(prof: &Profile, mer: &Meridian, options: &MeshOptions) -> MeshEstimate {
        let along: f64 = (0..mer.spans())
            .map(|i| {
                let (a, b) = mer.span_rows(i);
                span_elements(a.r_m, b.r_m, a.t_m, b.t_m, mer.span_length(i), options)
            })
            .sum();
        let layers = (options.layers * options.refine) as f64;
        let wall_nq = 2.0 * layers + 1.0;
        let mut nodes = (2.0 * along + 1.0) * wall_nq - along * layers;
        let mut elements = along * layers;
        let mut nq = wall_nq;
        if let (Closure::FlatPlate { thickness_m }, false) = (options.closure, prof.is_closed_top())
        {
            // As `add_plate`, with the top row's mid-surface radius for the inner radius
            // (an upper bound).
            let r_i = prof.rows().last().map_or(0.0, |r| r.r_m);
            let h = (0.5 * thickness_m).max(r_i / 400.0);
            let n_in = (r_i / h).ceil().clamp(8.0, 400.0) * options.refine as f64;
            let lp = (2 * options.layers * options.refine) as f64;
            let n_lev = 2.0 * lp + 1.0;
            let n_rad = 2.0 * n_in + wall_nq;
            nodes += n_rad * n_lev - (n_rad / 2.0) * lp;
            elements += ((n_rad - 1.0) / 2.0).floor() * lp;
            nq = nq.max(n_lev);
        }
        let dofs = 2.0 * nodes;
        MeshEstimate {
            elements_along: along as u64,
            layers: layers as u64,
            elements: elements as u64,
            nodes: nodes as u64,
            dofs: dofs as u64,
            memory_bytes: memory_estimate(dofs, nq) as u64,
        }
    }

    /// The size estimate ([`MeshEstimate`]) of this mesh, with its actual counts.
    pub fn size_estimate(&self) -> MeshEstimate {
        let dofs = self.dofs() as f64;
        let nq = self
            .plate
            .as_ref()
            .map_or(0, |_| 4 * self.options.layers * self.options.refine)
            .max(2 * self.layers) as f64
            + 1.0;
        MeshEstimate {
            elements_along: self.elements_along as u64,
            layers: self.layers as u64,
            elements: self.elements.len() as u64,
            nodes: self.nodes.len() as u64,
            dofs: dofs as u64,
            memory_bytes: memory_estimate(dofs, nq) as u64,
        }
    }

    /// Builds the mesh of `profile` (thickness steps become short tapers, see
    /// [`Profile`]'s docs). A mesh above [`MAX_MESH_DOFS`] or [`MAX_MESH_MEMORY_BYTES`]
    /// ([`Mesh::estimate`]) is refused before it is allocated
    /// ([`StructureError::LimitExceeded`]).
    pub fn new(profile: &Profile, options: &MeshOptions) -> Result<Mesh> {
        options.validate()?;
        let prof = profile.for_meshing();
        let mer = Meridian::new(&prof);
        let estimate = Self::estimate_meridian(&prof, &mer, options);
        estimate.check_limits(estimate.memory_bytes, MAX_MESH_MEMORY_BYTES)?;
        let layers = options.layers * options.refine;
        let closed_top = prof.is_closed_top();

        // Half-stations along the meridian: corners of the elements at even indices,
        // mid-sides at odd ones.
        let mut half: Vec<(CurvePoint, f64)> = Vec::new();
        let mut s_acc = 0.0;
        // Material region of every element along the meridian (index into `region_names`).
        let region_names = profile.material_names();
        let mut region_along: Vec<Option<usize>> =
            Vec::with_capacity(estimate.elements_along as usize);
        half.reserve(2 * estimate.elements_along as usize + 1);
        let mut cursor = 0;
        for i in 0..mer.spans() {
            let (a, b) = mer.span_rows(i);
            let len = mer.span_length(i);
            let n_el = span_elements(a.r_m, b.r_m, a.t_m, b.t_m, len, options) as usize;
            let mid = [0.5 * (a.r_m + b.r_m), 0.5 * (a.z_m + b.z_m)];
            let region = profile
                .material_near(mid, &mut cursor)
                .and_then(|m| region_names.iter().position(|n| n == m));
            region_along.extend(std::iter::repeat_n(region, n_el));
            for k in 0..2 * n_el {
                let f = k as f64 / (2 * n_el) as f64;
                half.push((mer.eval(i, f), s_acc + f * len));
            }
            s_acc += len;
        }
        half.push((mer.eval(mer.spans() - 1, 1.0), s_acc));
        let m = (half.len() - 1) / 2; // elements along
        let nq = 2 * layers + 1;
        let ni = 2 * m + 1;
        let mut grid = vec![usize::MAX; ni * nq];
        let mut nodes: Vec<[f64; 2]> = Vec::with_capacity(ni * nq);
        for (i, (cp, _)) in half.iter().enumerate() {
            for q in 0..nq {
                if i % 2 == 1 && q % 2 == 1 {
                    continue;
                }
                let eta = -1.0 + q as f64 / layers as f64;
                let h = 0.5 * cp.t * eta;
                let mut p = [
                    cp.point[0] + h * cp.offset[0],
                    cp.point[1] + h * cp.offset[1],
                ];
                let on_axis = i == 0 || (closed_top && i == ni - 1);
                if on_axis {
                    p[0] = 0.0;
                }
                grid[i * nq + q] = nodes.len();
                nodes.push(p);
            }
        }
        let node = |i: usize, q: usize| grid[i * nq + q];
        let mut elements = Vec::with_capacity(m * layers);
        let mut element_region = Vec::with_capacity(m * layers);
        let mut inner_faces = Vec::new();
        let mut cap_faces = Vec::new();
        for (j, &region) in region_along.iter().enumerate() {
            for k in 0..layers {
                element_region.push(region);
                let e = cax8_nodes(&node, j, k);
                let id = elements.len();
                let x: [[f64; 2]; 8] = std::array::from_fn(|a| nodes[e[a]]);
                let jmin = element::min_jacobian(&x);
                if jmin.is_nan() || jmin <= 0.0 {
                    let c = [
                        x.iter().map(|p| p[0]).sum::<f64>() / 8.0,
                        x.iter().map(|p| p[1]).sum::<f64>() / 8.0,
                    ];
                    return Err(StructureError::InvalidMesh {
                        element: id + 1,
                        z_m: c[1],
                        r_m: c[0],
                        message: format!("smallest det J = {jmin:.3e} m²"),
                    });
                }
                if k == 0 {
                    inner_faces.push((id, 2));
                }
                if j == m - 1 && !closed_top {
                    cap_faces.push((id, 1));
                }
                elements.push(e);
            }
        }
        let mut axis_nodes = Vec::new();
        for q in 0..nq {
            axis_nodes.push(node(0, q));
            if closed_top {
                axis_nodes.push(node(2 * m, q));
            }
        }
        let cap_pressure_per_pa = if closed_top {
            0.0
        } else {
            let r_i = nodes[node(2 * m, 0)][0];
            let r_o = nodes[node(2 * m, nq - 1)][0];
            let ring = r_o * r_o - r_i * r_i;
            if ring.is_nan() || ring <= 1e-6 * r_o * r_o {
                let last = profile.rows()[profile.rows().len() - 1];
                return Err(StructureError::InvalidProfile {
                    origin: profile.origin().to_string(),
                    row: profile.rows().len(),
                    z_m: last.z_m,
                    r_m: last.r_m,
                    message: "the top edge of the neck must face upward (the meridian must end \
                              running upward) to carry the cap's axial end load"
                        .into(),
                });
            }
            -r_i * r_i / ring
        };
        let station_s = half.iter().map(|h| h.1).collect();
        let station_mid = half.iter().map(|h| h.0.point).collect();
        let station_t = half.iter().map(|h| h.0.t).collect();
        let station_tangent = half.iter().map(|h| h.0.tangent).collect();
        let mut mesh = Mesh {
            fixed_z_node: node(0, layers),
            nodes,
            elements,
            layers,
            elements_along: m,
            grid,
            station_s,
            station_mid,
            station_t,
            station_tangent,
            axis_nodes,
            inner_faces,
            cap_faces,
            cap_pressure_per_pa,
            plate: None,
            element_region,
            region_elastic: vec![None; region_names.len()],
            region_names,
            closed_top,
            options: *options,
        };
        if let Closure::FlatPlate { thickness_m } = options.closure {
            if closed_top {
                return Err(StructureError::InvalidInput {
                    quantity: "cap plate thickness",
                    value: thickness_m,
                    unit: "m",
                    requirement: "no cap: the profile is closed at both poles (use the default \
                                  end-load closure)"
                        .into(),
                });
            }
            add_plate(&mut mesh, thickness_m, options)?;
        }
        Ok(mesh)
    }

    /// Gives every material region of the profile its elastic constants: `lookup(name)`
    /// for each of [`Mesh::region_names`]. Needed before solving a mesh whose profile names
    /// materials.
    pub fn assign_region_materials(
        &mut self,
        lookup: &mut dyn FnMut(&str) -> Result<ElasticMaterial>,
    ) -> Result<()> {
        for (k, name) in self.region_names.iter().enumerate() {
            let m = lookup(name)?;
            self.region_elastic[k] = Some(ElasticMaterial::new(
                m.youngs_modulus_pa,
                m.poisson_ratio,
                m.density_kg_m3,
            )?);
        }
        Ok(())
    }

    /// The elastic constants of every element: its region's, or `default`. An error if a
    /// region has not been assigned ([`Mesh::assign_region_materials`]).
    pub fn element_materials(&self, default: &ElasticMaterial) -> Result<Vec<ElasticMaterial>> {
        self.element_region
            .iter()
            .map(|r| match r {
                None => Ok(*default),
                Some(k) => self.region_elastic[*k].ok_or_else(|| StructureError::InvalidInput {
                    quantity: "material region",
                    value: *k as f64,
                    unit: "",
                    requirement: format!(
                        "assigned elastic constants: the profile names material `{}`, resolve it \
                         with Mesh::assign_region_materials (or a solver taking a material \
                         database)",
                        self.region_names[*k]
                    ),
                }),
            })
            .collect()
    }

    /// The material regions of the wall elements next to every half-station of the
    /// meridian (one entry inside an element, two where two regions meet; `None` = default
    /// material). A failure assessment takes the weakest of them.
    pub fn station_regions(&self) -> Vec<Vec<Option<usize>>> {
        (0..self.half_stations())
            .map(|i| {
                let below = (i > 0).then(|| (i - 1) / 2);
                let above = (i / 2 < self.elements_along).then_some(i / 2);
                let mut v: Vec<Option<usize>> = Vec::with_capacity(2);
                for j in [below, above].into_iter().flatten() {
                    let r = self.element_region[j * self.layers];
                    if !v.contains(&r) {
                        v.push(r);
                    }
                }
                v
            })
            .collect()
    }

    /// Number of half-stations along the meridian (`2·elements_along + 1`).
    pub fn half_stations(&self) -> usize {
        2 * self.elements_along + 1
    }

    /// Node at half-station `i` and half-level `q` (0 = inner surface, `2·layers` = outer),
    /// if the serendipity mesh has one there.
    pub fn node_at(&self, i: usize, q: usize) -> Option<usize> {
        let nq = 2 * self.layers + 1;
        (i < self.half_stations() && q < nq)
            .then(|| self.grid[i * nq + q])
            .filter(|&n| n != usize::MAX)
    }

    /// Number of unknowns before constraints (2 per node).
    pub fn dofs(&self) -> usize {
        2 * self.nodes.len()
    }

    /// Element corner and mid-side coordinates.
    pub(crate) fn element_coords(&self, e: usize) -> [[f64; 2]; 8] {
        let el = &self.elements[e];
        std::array::from_fn(|a| self.nodes[el[a]])
    }
}
