// Starts Debian's chromium for the browser tests, with the flags this machine needs (no
// sandbox as root, no background network). CHROMIUM_PATH overrides /usr/bin/chromium.
import { chromium } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
