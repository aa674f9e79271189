use petrocket_chem::*;
fn main() {
    let gas = GasMixture::load("h2o2").unwrap();
    let args: Vec<String> = std::env::args().collect();
    let x = gas.parse_mole_fractions("m", &args[1]).unwrap();
    let s = gas.state_tpx(args[2].parse().unwrap(), args[3].parse().unwrap(), &x).unwrap();
    let r = equilibrate(&gas, &s, args[4].parse().unwrap());
    println!("{r:?}");
}
