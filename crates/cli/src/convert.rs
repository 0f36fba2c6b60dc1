//! `detente dict convert`: writes the `--dict` dictionaries (PETRARCH or native) as native
//! `.kb` files, carrying the PETRARCH files' comments over (see [`dump_with_sources`]).

use crate::{dicts, DictArgs};
use anyhow::{bail, Context, Result};
use detente_dict::native::dump_with_sources;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `detente dict convert`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder to write the native files to (created if missing; files of the same name are
    /// replaced).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub dicts: DictArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.dicts.dict.is_empty() {
        bail!("nothing to convert: give the dictionaries to convert with --dict (the built-in knowledge base is already native, in kb/native)");
    }
    let dictionaries = dicts::load(&args.dicts)?;
    let sources = sources(&args.dicts)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    for (name, text) in dump_with_sources(&dictionaries, &sources) {
        let path = args.out.join(&name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        outln!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The texts of the `--dict` files, `(file name, text)` named as `dicts::load` names them in
/// provenance (folders expanded the same way).
fn sources(args: &DictArgs) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for file in dicts::expand(&args.dict)? {
        let bytes = std::fs::read(&file)
            .with_context(|| format!("reading dictionary {}", file.display()))?;
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        out.push((file.display().to_string(), text));
    }
    Ok(out)
}
