// What a person sees: every page of a built plainsight site, opened in headless Chromium.
// Checks: no axe-core violations (WCAG 2.2 A/AA and best practice), every chart drew, no
// console errors, one h1, a lang, a working skip link, the landmarks, usable at 320 px wide,
// valid HTML, and no broken internal link or anchor.
//
// Run after a build: PLAINSIGHT_PUBLIC=public node --test tests/browser/
// (CHROMIUM_PATH overrides /usr/bin/chromium.)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { HtmlValidate } from 'html-validate';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.env.PLAINSIGHT_PUBLIC || 'public');
const axeSource = fs.readFileSync(path.join(here, '../../node_modules/axe-core/axe.min.js'), 'utf8');

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain',
  '.svg': 'image/svg+xml', '.csv': 'text/csv', '.png': 'image/png',
};

/** The file a URL path is served from, or null (same rules as a static host). */
function fileFor(urlPath) {
  let relative = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  if (relative.endsWith('/')) relative += 'index.html';
  const file = path.join(root, relative);
  if (!file.startsWith(root)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  if (fs.existsSync(path.join(file, 'index.html'))) return path.join(file, 'index.html');
  return null;
}

function pagesBelow(dir) {
  const pages = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) pages.push(...pagesBelow(full));
    else if (entry.name.endsWith('.html')) pages.push(full);
  }
  return pages.sort();
}

function urlOf(file) {
  const relative = path.relative(root, file).split(path.sep).join('/');
  return '/' + relative.replace(/(^|\/)index\.html$/, '$1');
}

let server;
let origin;
let browser;
const pages = pagesBelow(root);

before(async () => {
  server = http.createServer((request, response) => {
    const file = fileFor(new URL(request.url, 'http://x').pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': types['.html'] });
      response.end(fs.readFileSync(path.join(root, '404.html')));
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    response.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Opens a page, collecting console errors, failed requests and script errors. */
async function open(url, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => { if (!r.url().startsWith(origin)) problems.push(`third-party request: ${r.url()}`); });
  await page.goto(origin + url, { waitUntil: 'load' });
  return { page, context, problems };
}

test('the site has pages to check', () => {
  assert.ok(pages.length > 5, `found ${pages.length} pages in ${root}`);
});

for (const file of pages) {
  const url = urlOf(file);

  test(`${url}: no accessibility violations, charts drawn, no errors`, async () => {
    const { page, context, problems } = await open(url);
    try {
      const charts = await page.locator('[data-chart]').count();
      if (charts > 0) {
        await page.waitForFunction(
          () => [...document.querySelectorAll('[data-chart]')].every((el) => el.querySelector('svg, canvas')),
          null, { timeout: 10000 },
        ).catch(() => {});
        const undrawn = await page.$$eval('[data-chart]', (els) => els.filter((el) => !el.querySelector('svg, canvas')).map((el) => el.id));
        assert.deepEqual(undrawn, [], 'every chart drew an svg or canvas');
      }
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      }));
      const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
      assert.deepEqual(violations, [], `axe violations on ${url}`);

      const facts = await page.evaluate(() => ({
        h1: document.querySelectorAll('h1').length,
        lang: document.documentElement.lang,
        main: !!document.querySelector('main'),
        banner: !!document.querySelector('body > header'),
        nav: !!document.querySelector('nav'),
        footer: !!document.querySelector('body > footer'),
      }));
      assert.equal(facts.h1, 1, 'exactly one h1');
      assert.ok(facts.lang, 'html has a lang');
      assert.ok(facts.main && facts.banner && facts.nav && facts.footer, `landmarks: ${JSON.stringify(facts)}`);

      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement;
        const href = el && el.getAttribute('href');
        return { tag: el && el.tagName, href, target: !!(href && href.startsWith('#') && document.getElementById(href.slice(1))) };
      });
      assert.equal(skip.tag, 'A', 'the first Tab reaches a link');
      assert.ok(skip.target, `the first link is a skip link to an existing target: ${skip.href}`);
      assert.deepEqual(problems, [], 'no console errors, failed or third-party requests');
    } finally {
      await context.close();
    }
  });

  test(`${url}: usable at 320 px wide`, async () => {
    const { page, context } = await open(url, { width: 320, height: 640 });
    try {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 321, `the page scrolls sideways: ${width}px wide`);
    } finally {
      await context.close();
    }
  });
}

test('every page is valid HTML', async () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended'],
    rules: {
      // Formatting choices of the templates, not errors a browser or reader would notice.
      'no-trailing-whitespace': 'off',
      'void-style': 'off',
      // Typographic quotes and dashes in council text are intended.
      'no-raw-characters': 'off',
      // Page titles carry the action's own title, which councils write long; this is search
      // engine advice, not validity, and cutting the title would hide what the page is.
      'long-title': 'off',
    },
  });
  const problems = [];
  for (const file of pages) {
    const report = await validator.validateFile(file);
    for (const result of report.results) {
      for (const m of result.messages) problems.push(`${path.relative(root, file)}:${m.line}:${m.column}: ${m.message} (${m.ruleId})`);
    }
  }
  assert.deepEqual(problems, []);
});

test('no internal link or anchor is broken', async () => {
  const broken = [];
  const idsCache = new Map();
  const idsOf = (file) => {
    if (!idsCache.has(file)) {
      const html = fs.readFileSync(file, 'utf8');
      idsCache.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    }
    return idsCache.get(file);
  };
  for (const file of pages) {
    const html = fs.readFileSync(file, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
    const base = new URL(urlOf(file), 'http://site');
    for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const link = match[1].replaceAll('&amp;', '&');
      if (/^(https?:|mailto:|tel:)/.test(link)) continue;
      const target = new URL(link, base);
      const targetFile = fileFor(target.pathname);
      if (!targetFile) {
        broken.push(`${urlOf(file)} -> ${link}`);
      } else if (target.hash && targetFile.endsWith('.html') && !idsOf(targetFile).has(decodeURIComponent(target.hash.slice(1)))) {
        broken.push(`${urlOf(file)} -> ${link} (no such anchor)`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('screenshots, when asked for', { skip: !process.env.PLAINSIGHT_SCREENSHOTS }, async () => {
  const dir = process.env.PLAINSIGHT_SCREENSHOTS || os.tmpdir();
  fs.mkdirSync(dir, { recursive: true });
  const first = (prefix) => pages.map(urlOf).find((u) => u.startsWith(prefix) && u !== prefix && u.split('/').length === 4);
  for (const [name, url] of [['dashboard', '/'], ['strategy', first('/strategies/')], ['metric', first('/metrics/')]]) {
    const { page, context } = await open(url);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    await context.close();
  }
});
