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

// The strict Content-Security-Policy from the README's "Serving the site" section; the test
// servers send it with every response, so anything it would block fails a test.
export const strictPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
  + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
  + "frame-ancestors 'none'";
