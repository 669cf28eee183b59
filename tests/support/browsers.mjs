// How every browser test and the benchmark start the browsers: the system's Chromium through
// playwright-core, and Firefox ESR through geckodriver (Playwright's Firefox needs its own build).
// Both are kept off the network: the machines reach only package registries.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** playwright-core's `chromium.launch` options; `extraArgs` for a caller's own flags. */
export function chromiumLaunchOptions(extraArgs = []) {
  return {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  };
}

/** A selenium-webdriver session in headless Firefox ESR; `preferences` are set on the profile. */
export async function firefoxDriver(preferences = {}) {
  process.env.SE_OFFLINE = 'true'; // selenium-manager must never try to download a driver or browser
  const { Builder } = await import('selenium-webdriver');
  const firefox = await import('selenium-webdriver/firefox.js');
  const geckodriver = process.env.GECKODRIVER || onPath('geckodriver');
  if (!geckodriver) throw new Error('geckodriver is not on PATH (run `make setup-browsers`, or set GECKODRIVER)');
  const options = new firefox.Options().addArguments('-headless').setBinary(process.env.FIREFOX || '/usr/bin/firefox-esr');
  for (const [key, value] of Object.entries(preferences)) options.setPreference(key, value);
  return new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(geckodriver))
    .build();
}

function onPath(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Newest modification time of the crate's Rust sources and manifest, to notice a stale www/pkg. */
export function newestSourceTime(root) {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.rs')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  visit(path.join(root, 'src'));
  for (const file of ['Cargo.toml', 'Cargo.lock']) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  return newest;
}
