// Search as a resident uses it: type into the box in the header, press Enter, and find the
// page. Serves the built site (PLAINSIGHT_PUBLIC, default public) on 127.0.0.1 and drives
// Debian's chromium (CHROMIUM_PATH overrides /usr/bin/chromium).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, strictPolicy } from './chromium.mjs';

const root = path.resolve(process.env.PLAINSIGHT_PUBLIC || 'public');
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};

function fileFor(urlPath) {
  let relative = decodeURIComponent(urlPath);
  if (relative.endsWith('/')) relative += 'index.html';
  const file = path.join(root, relative);
  return file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

let server;
let origin;
let browser;

before(async () => {
  server = http.createServer((request, response) => {
    const file = fileFor(new URL(request.url, 'http://x').pathname);
    if (!file) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, {
      'content-type': types[path.extname(file)] || 'application/octet-stream',
      'content-security-policy': strictPolicy,
    });
    response.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Searches from the header's box on the dashboard; returns the result links. */
async function searchFor(term) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective}`));
  });
  try {
    await page.goto(origin + '/');
    await page.fill('#site-search-q', term);
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/\/search\/\?q=/);
    await page.waitForSelector('.search-result-link', { timeout: 15000 });
    const results = await page.$$eval('.search-result-link', (links) => links.map((a) => a.getAttribute('href')));
    assert.deepEqual(errors, [], 'no script or console errors while searching');
    return results;
  } finally {
    await context.close();
  }
}

test('typing an action id into the search box finds the action', async () => {
  const results = await searchFor('DS-04');
  assert.ok(results.some((href) => href.endsWith('/strategies/digital-2017-20/actions/ds-04/')), results.join('\n'));
});

test('typing a word from an update finds the update', async () => {
  const results = await searchFor('Greenock');
  assert.ok(results.some((href) => href.endsWith('/updates/2020-02-04-ict-performance-update/')), results.join('\n'));
});

test('without JavaScript the search page says so and links the catalogue', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(origin + '/search/?q=DS-04');
  const notice = page.locator('.search-needs-script');
  assert.ok(await notice.isVisible());
  assert.match(await notice.textContent(), /Search needs JavaScript/);
  assert.equal(await notice.locator('a[href="/data/"]').count(), 1);
  await context.close();
});
