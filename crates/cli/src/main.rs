//! The `detente` command line: parses arguments, wires the stages, prints.
fn main() {
    println!("detente");
}
