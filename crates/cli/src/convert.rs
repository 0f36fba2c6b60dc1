//! `detente dict convert`: writes the loaded dictionaries (PETRARCH or native, the built-in
//! knowledge base by default) as native `.kb` files.

use crate::{dicts, DictArgs};
use anyhow::{Context, Result};
use detente_dict::native::dump;
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
    let dictionaries = dicts::load(&args.dicts)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    for (name, text) in dump(&dictionaries) {
        let path = args.out.join(&name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
