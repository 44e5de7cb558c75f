//! `duty-roster completions` and `duty-roster man`: the shell completion scripts
//! (clap_complete) and the manual pages (clap_mangen), made from the same argument
//! definitions as the program.

use clap::CommandFactory;

use super::exit::{Failure, OTHER, print_bytes};
use super::{Cli, CompletionsArgs, ManArgs};

pub fn completions(args: CompletionsArgs) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "duty-roster", &mut script);
    print_bytes(&script)
}

pub fn man(args: ManArgs) -> Result<(), Failure> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let Some(dir) = args.out else {
        return print_bytes(&page(&command)?);
    };
    let io = |e: std::io::Error| Failure::new(OTHER, format!("{}: {e}", dir.display()));
    std::fs::create_dir_all(&dir).map_err(io)?;
    let mut pages = vec![command.clone()];
    pages.extend(
        command
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .cloned(),
    );
    let mut written = Vec::new();
    for page_command in pages {
        let name = clap_mangen::Man::new(page_command.clone()).get_filename();
        let path = dir.join(&name);
        let text = String::from_utf8_lossy(&page(&page_command)?).into_owned();
        duty_roster::init::write_new(&path, &text, true)
            .map_err(|e| Failure::new(OTHER, e.to_string()))?;
        written.push(name);
    }
    written.sort();
    super::exit::print(&format!(
        "wrote {} manual pages into {}: {}\n",
        written.len(),
        dir.display(),
        written.join(", ")
    ))
}

/// The roff text of one page.
fn page(command: &clap::Command) -> Result<Vec<u8>, Failure> {
    let mut text = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut text)
        .map_err(|e| Failure::new(OTHER, format!("cannot render the manual page: {e}")))?;
    Ok(text)
}
