import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The system Chromium the browser tests drive (install with `apt-get install -y chromium`). */
export const CHROMIUM_PATH = process.env.PAPERBOY_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when Chromium is installed. */
export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * True when browser tests must be skipped: Chromium is missing and PAPERBOY_REQUIRE_BROWSER is not set.
 * CI sets that variable, so there a missing browser fails the tests instead of skipping them.
 */
export function skipBrowserTests(): boolean {
  return !browserAvailable() && !process.env.PAPERBOY_REQUIRE_BROWSER;
}

/** Launches headless Chromium with the flags that work in containers and keep it off the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
