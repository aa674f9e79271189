//! Issue #20 (structure part), end to end: refused inputs exit 3 (input error, never 4)
//! quickly, name the limit, and do not echo input files; documented limits are accepted.

mod common;

use common::{assert_exit, json_out, run_sub, scratch, text};

#[test]
fn issue20_refine_64_layers_64_is_refused_quickly() {
    let o = run_sub(
        &["fem"],
        &[
            "--preset",
            "2L",
            "--pressure",
            "1e6",
            "--refine",
            "64",
            "--layers",
            "64",
        ],
    );
    assert_exit(&o, 3, &["2000000 DOFs", "--refine"]);
}

#[test]
fn issue20_huge_profile_is_refused() {
    let dir = scratch("issue20_cli", "huge");
    let rows = [
        "z_m,r_m,t_m",
        "0,0,2e297",
        "1e299,5e298,3e296",
        "3e299,5e298,3e296",
    ];
    let path = dir.join("huge.csv");
    std::fs::write(&path, rows.join("\n")).unwrap();
    let o = run_sub(
        &["fem"],
        &["--profile", path.to_str().unwrap(), "--pressure", "1e6"],
    );
    assert_exit(&o, 3, &["wall thickness", "50 mm"]);
    if std::path::Path::new("/dev/zero").exists() {
        let o = run_sub(&["fem"], &["--profile", "/dev/zero", "--pressure", "1e6"]);
        assert_exit(&o, 3, &["8388608 bytes"]);
        let o = run_sub(&["materials"], &["--file", "/dev/zero"]);
        assert_exit(&o, 3, &["8388608 bytes"]);
    }
}

#[test]
fn issue20_long_transient_needs_allow_long() {
    let o = run_sub(
        &["fem"],
        &[
            "--preset",
            "2L",
            "--pressure",
            "1e6",
            "--rise-time",
            "0.2 ms",
            "--duration",
            "1",
        ],
    );
    assert_exit(&o, 3, &["transient duration", "--allow-long"]);
}

#[test]
fn issue20_absurd_thermal_inputs_are_refused() {
    for (args, needle) in [
        (vec!["--heat-flux", "-5"], "heat flux -5 W/m²"),
        (vec!["--heat-flux", "1e300"], "heat flux 1e300 W/m²"),
        (vec!["--gas-temperature", "1e9"], "gas temperature 1e9 K"),
        (
            vec!["--heat-flux", "1e6", "--wall", "1000 m"],
            "wall thickness 1000 m",
        ),
    ] {
        let mut a = args.clone();
        a.extend(["--duration", "1 ms"]);
        assert_exit(&run_sub(&["thermal"], &a), 3, &[needle]);
    }
    let o = run_sub(&["thermal"], &["--heat-flux", "1e6", "--duration", "1e12"]);
    assert_exit(&o, 3, &["duration 1e12 s", "--allow-long"]);
    // Documented limits are accepted, including the round-off of unit conversion.
    let v = json_out(&run_sub(
        &["thermal"],
        &[
            "--heat-flux",
            "1e6",
            "--duration",
            "1 ms",
            "--wall",
            "10 um",
            "--json",
        ],
    ));
    assert!(v["surface_temperature_rise_K"].as_f64().unwrap() > 0.0);
    let v = json_out(&run_sub(
        &["thermal"],
        &[
            "--heat-flux",
            "1e3",
            "--duration",
            "20 s",
            "--allow-long",
            "--json",
        ],
    ));
    assert_eq!(v["duration_s"].as_f64(), Some(20.0));
}

#[test]
fn issue20_file_errors_do_not_echo_contents() {
    let dir = scratch("issue20_cli", "echo");
    let secret = "root:x:0:0:TOPSECRETTOPSECRETTOPSECRET:/root:/bin/bash";
    let path = dir.join("passwd");
    std::fs::write(&path, format!("{secret}\nmore:x:1:1\n")).unwrap();
    let o = run_sub(&["materials"], &["--file", path.to_str().unwrap()]);
    assert_exit(&o, 3, &["line 1"]);
    assert!(
        !text(&o.stderr).contains("TOPSECRET"),
        "{}",
        text(&o.stderr)
    );
    let o = run_sub(
        &["fem"],
        &["--profile", path.to_str().unwrap(), "--pressure", "1e6"],
    );
    assert_exit(&o, 3, &["header"]);
    assert!(!text(&o.stderr).contains("0:0"), "{}", text(&o.stderr));
}
