//! Exponentials for the kinetics: a vectorised e^x for batches ([`exp_in_place`]).
//!
//! # The batched e^x
//! Cody–Waite range reduction and a polynomial, the textbook scheme (J.-M. Muller,
//! *Elementary Functions*, 3rd ed., Birkhäuser 2016, Sect. 11.3; the split of ln 2 is
//! fdlibm's `e_exp.c`, Sun Microsystems 1993):
//!
//! ```text
//! e^x = 2^k · e^r,   k = round(x/ln 2),   r = x − k·ln2_hi − k·ln2_lo,   |r| ≤ ln2/2,
//! e^r = Σ_{n=0..13} r^n/n!   (Horner, fused multiply-adds)
//! ```
//!
//! The Taylor remainder r¹⁴/14! ≤ 4.2e-18 is below 0.04 ulp of e^r ≥ 0.7 and the rounding of
//! the reduction and of Horner's scheme stays within about one ulp: over every argument in
//! [−708, 709] sampled by the tests the result is within 1 ulp of the C library's `exp`
//! (itself within 0.52 ulp of e^x). Every coefficient is 1/n! rounded once (n! is exact in
//! a double for n ≤ 18). Outside [−708, 709] (results near or beyond the double range,
//! subnormal results, NaN) each element is taken from the C library's `exp`.
//!
//! Why our own: the kinetics evaluate 30–400 exponentials per right-hand side (Arrhenius
//! rate constants and exp(g°/RT) per species), and libm's `exp` is a scalar call of ≈ 2.5 ns
//! each. The polynomial vectorises: with AVX2 and FMA (x86-64-v3, selected at run time
//! through `pulp`'s safe `V3` token, a crate already in the tree through `faer`) a batch of
//! 39 costs 2× less than the libm calls; on aarch64 FMA is part of the baseline. No crate
//! offers a batched, FMA-exact `exp` on stable Rust without `unsafe` in our code. Where FMA is
//! not available (pre-2013 x86 CPUs, other architectures) the C library's `exp` is used:
//! a software `mul_add` would be exact but 13 times slower than libm.
//!
//! # Determinism
//! Fused multiply-adds are exactly rounded in every implementation, so the vectorised
//! kernel gives the same bits as the scalar one, at any vector width and on any machine that
//! uses it; results do not depend on the batch (each element is computed alone) and there is
//! no state: the same argument gives the same bits whatever was evaluated before.
//!
//! (An earlier version bridged small moves of the arguments with a Taylor polynomial from the
//! last exact batch, `ExpCache`: a few per cent faster on ignition, but the result of a call
//! depended, by a few ulp, on which call came before. Issue #21 removed it: kinetics results
//! are now a function of the state alone.)

/// e^x computed by the vectorised kernel for x in `[KERNEL_MIN, KERNEL_MAX]`: k = round(x/ln 2)
/// stays in −1021..=1023, so 2^k is a normal double and e^r·2^k does not overflow.
const KERNEL_MIN: f64 = -708.0;
/// Upper end of the kernel's range (see [`KERNEL_MIN`]).
const KERNEL_MAX: f64 = 709.0;
/// 1.5·2⁵²: adding it rounds a double of magnitude below 2⁵¹ to an integer, which then sits
/// in the low bits of the sum's significand.
const ROUND: f64 = 6_755_399_441_055_744.0;
/// ln 2 split for an exact k·ln2_hi (fdlibm `e_exp.c`: `ln2HI[0]`, 0x3fe62e42fee00000).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
/// The rest of ln 2 (fdlibm `e_exp.c`: `ln2LO[0]`, 0x3dea39ef35793c76).
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// 1/n! for n = 13 down to 0, for Horner's scheme.
const INV_FACTORIALS: [f64; 14] = [
    1.0 / 6_227_020_800.0,
    1.0 / 479_001_600.0,
    1.0 / 39_916_800.0,
    1.0 / 3_628_800.0,
    1.0 / 362_880.0,
    1.0 / 40_320.0,
    1.0 / 5_040.0,
    1.0 / 720.0,
    1.0 / 120.0,
    1.0 / 24.0,
    1.0 / 6.0,
    0.5,
    1.0,
    1.0,
];

/// e^x for x in `[KERNEL_MIN, KERNEL_MAX]` (see the module docs). Straight-line code with
/// no calls, so a loop over it vectorises.
#[inline(always)]
fn exp_kernel(x: f64) -> f64 {
    let t = x.mul_add(std::f64::consts::LOG2_E, ROUND);
    let k = t - ROUND;
    let r = (-k).mul_add(LN2_LO, (-k).mul_add(LN2_HI, x));
    let mut p = INV_FACTORIALS[0];
    for c in &INV_FACTORIALS[1..] {
        p = p.mul_add(r, *c);
    }
    // k as an integer from the low bits of t, moved into a double's exponent field: 2^k.
    let biased = t.to_bits().wrapping_sub(ROUND.to_bits()).wrapping_add(1023);
    p * f64::from_bits(biased << 52)
}

/// e^x in place, element by element: the kernel inside its range, the C library outside.
#[inline(always)]
fn exp_elements(x: &mut [f64]) {
    let in_range = |v: &f64| (KERNEL_MIN..=KERNEL_MAX).contains(v);
    if x.iter().all(in_range) {
        for v in x.iter_mut() {
            *v = exp_kernel(*v);
        }
    } else {
        for v in x.iter_mut() {
            *v = if in_range(v) { exp_kernel(*v) } else { v.exp() };
        }
    }
}

/// Runs `f` compiled for the CPU's vector instructions with fused multiply-adds where it
/// has them (x86-64-v3, detected at run time; aarch64 always), telling it whether they are
/// there (`true`) or not (`false`: plain code for the baseline CPU, use the C library).
#[inline(always)]
fn with_fused_multiply_add<R>(f: impl FnOnce(bool) -> R) -> R {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if let Some(simd) = pulp::x86::V3::try_new() {
        return simd.vectorize(
            #[inline(always)]
            || f(true),
        );
    }
    f(cfg!(target_arch = "aarch64"))
}

/// e^x in place with the kernel (`fma`) or the C library's `exp`.
#[inline(always)]
fn exp_with(fma: bool, x: &mut [f64]) {
    if fma {
        exp_elements(x);
    } else {
        for v in x.iter_mut() {
            *v = v.exp();
        }
    }
}

/// Replaces every element of `x` by e^x: the vectorised kernel where the CPU has fused
/// multiply-adds, the C library's `exp` elsewhere (see the module docs). Each element is a
/// function of its own argument only (no cache, no dependence on the batch).
pub(crate) fn exp_in_place(x: &mut [f64]) {
    with_fused_multiply_add(
        #[inline(always)]
        |fma| exp_with(fma, x),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// e^x of each element on its own.
    fn one_by_one(x: &[f64]) -> Vec<f64> {
        x.iter()
            .map(|&v| {
                let mut one = [v];
                exp_in_place(&mut one);
                one[0]
            })
            .collect()
    }

    /// Distance in units in the last place between two finite doubles of the same sign.
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    #[test]
    fn batched_exp_is_within_one_ulp_of_libm() {
        // Every argument the kernel takes, on an irregular grid (≈ 1.4 million points), and
        // the kinetics' typical range more finely.
        let mut x: Vec<f64> = Vec::new();
        let mut v = KERNEL_MIN;
        while v <= KERNEL_MAX {
            x.push(v);
            v += 0.000_987_654_321;
        }
        x.extend((0..200_000).map(|i| -60.0 + 1.3e-4 * f64::from(i)));
        x.extend([
            0.0,
            -0.0,
            1e-300,
            -1e-300,
            1e-17,
            0.5 * std::f64::consts::LN_2,
        ]);
        x.extend([KERNEL_MIN, KERNEL_MAX, 1.0, -1.0, 2.0, 100.0]);
        let mut e = x.clone();
        exp_in_place(&mut e);
        let mut worst = (0, 0.0);
        for (&a, &got) in x.iter().zip(&e) {
            let d = ulps(got, a.exp());
            if d > worst.0 {
                worst = (d, a);
            }
        }
        assert!(worst.0 <= 1, "{} ulp at x = {}", worst.0, worst.1);
        // Exact where e^x is: e^0 = 1.
        assert_eq!(e[x.len() - 12].to_bits(), 1f64.to_bits());
        // The split of ln 2: hi + lo is ln 2, and hi has 32 significant bits, so k·hi is
        // exact for every |k| < 2^21.
        assert_eq!(
            (LN2_HI + LN2_LO).to_bits(),
            std::f64::consts::LN_2.to_bits()
        );
        assert_eq!(LN2_HI.to_bits() & ((1 << 21) - 1), 0);
    }

    #[test]
    fn batched_exp_outside_the_kernel_range_is_libm() {
        let x = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            709.5,
            710.0,
            1e6,
            -708.5,
            -740.0,
            -745.2,
            -1e6,
            -3.0,
        ];
        let mut e = x;
        exp_in_place(&mut e);
        assert!(e[0].is_nan());
        for (a, got) in x.iter().zip(&e).skip(1).take(9) {
            assert_eq!(got.to_bits(), a.exp().to_bits(), "x = {a}");
        }
        // An in-range element of the same batch is the kernel's, not libm's: each element is
        // computed alone, whatever shares its batch.
        assert_eq!(e[10].to_bits(), one_by_one(&[-3.0])[0].to_bits());
    }

    #[test]
    fn batched_exp_does_not_depend_on_the_batch_or_the_vector_width() {
        // Batches of every length up to 41 (vector bodies and scalar tails), some with
        // out-of-range elements, against the same arguments one at a time.
        let args: Vec<f64> = (0..41)
            .map(|i| -55.0 + 2.71 * f64::from(i) + 1e-3 * f64::from(i * i))
            .collect();
        for n in 1..=args.len() {
            for with_outlier in [false, true] {
                let mut x = args[..n].to_vec();
                if with_outlier {
                    x[n / 2] = -800.0;
                }
                let want = one_by_one(&x);
                exp_in_place(&mut x);
                for (g, w) in x.iter().zip(&want) {
                    assert_eq!(g.to_bits(), w.to_bits(), "batch of {n}");
                }
            }
        }
        // Where the vectorised kernel runs, it gives the scalar kernel's bits (fused
        // multiply-adds are exactly rounded, in a vector register or in the C library's fma).
        #[cfg(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64"))]
        {
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            let vectorised = pulp::x86::V3::try_new().is_some();
            #[cfg(target_arch = "aarch64")]
            let vectorised = true;
            if vectorised {
                let mut x = args.clone();
                exp_in_place(&mut x);
                for (g, a) in x.iter().zip(&args) {
                    assert_eq!(g.to_bits(), exp_kernel(*a).to_bits(), "x = {a}");
                }
            }
        }
    }
}
