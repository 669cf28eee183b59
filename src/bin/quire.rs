//! `quire [--options JSON] [--json] [FILE]`: renders Markdown from FILE or stdin at build time,
//! with the same options and the same HTML as the JavaScript API.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
Usage: quire [--options JSON] [--json] [FILE]

Renders Markdown (FILE, or standard input when FILE is absent or -) to safe HTML.

Options:
  --options JSON   render options as one JSON object, e.g. '{\"preset\":\"gfm\",\"rawHtml\":\"escape\"}'
  --json           print the whole Article as JSON (camelCase, as the JavaScript API returns it)
  -h, --help       print this help
  -V, --version    print the version";

struct Args {
    options: quire::Options,
    json: bool,
    file: Option<PathBuf>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let Some(args) = parse_args()? else { return Ok(()) };
    let markdown = read_input(args.file.as_ref())?;
    let article = quire::render(&markdown, &args.options).map_err(|e| e.to_string())?;
    let output = if args.json {
        let mut json = serde_json::to_string_pretty(&article).map_err(|e| format!("quire: {e}"))?;
        json.push('\n');
        json
    } else {
        article.html
    };
    std::io::stdout()
        .lock()
        .write_all(output.as_bytes())
        .map_err(|e| format!("quire: cannot write the output: {e}"))
}

/// `None` when the command was --help or --version and has been answered.
fn parse_args() -> Result<Option<Args>, String> {
    use lexopt::prelude::*;
    let mut args = Args {
        options: quire::Options::default(),
        json: false,
        file: None,
    };
    let mut parser = lexopt::Parser::from_env();
    let usage_error = |e: lexopt::Error| format!("quire: {e}\n\n{USAGE}");
    while let Some(arg) = parser.next().map_err(usage_error)? {
        match arg {
            Long("options") => {
                let json = parser.value().map_err(usage_error)?;
                let json = json.to_str().ok_or("quire: --options must be UTF-8 JSON")?;
                args.options = quire::Options::from_json(json).map_err(|e| e.to_string())?;
            }
            Long("json") => args.json = true,
            Short('h') | Long("help") => {
                println!("{USAGE}");
                return Ok(None);
            }
            Short('V') | Long("version") => {
                println!("quire {}", env!("CARGO_PKG_VERSION"));
                return Ok(None);
            }
            Value(file) if args.file.is_none() => args.file = Some(PathBuf::from(file)),
            other => return Err(usage_error(other.unexpected())),
        }
    }
    Ok(Some(args))
}

/// Reads all input; invalid UTF-8 is replaced (U+FFFD) rather than refused, as browsers do.
fn read_input(file: Option<&PathBuf>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match file {
        Some(path) if path.as_os_str() != "-" => {
            bytes = std::fs::read(path).map_err(|e| format!("quire: cannot read {}: {e}", path.display()))?;
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("quire: cannot read standard input: {e}"))?;
        }
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}
