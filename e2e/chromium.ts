// Launches Debian's Chromium for the e2e suite and the benchmark, with the flags this machine
// needs: Debian's chromium (no browser download works here), headless as root, and no background
// traffic to a closed network.
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
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
