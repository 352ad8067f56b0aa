// What a resident would notice on a built plainsight site, checked on every page in headless
// Chromium (Debian's /usr/bin/chromium driven by playwright-core), plus checks of the files
// themselves: axe-core accessibility (WCAG 2.2 A/AA and best practice), charts that draw,
// no script or console errors, one h1, a language, a working skip link, the four landmarks,
// no sideways scrolling at 320 px, valid HTML (html-validate) and no broken internal link,
// image or anchor.
//
//   PLAINSIGHT_PUBLIC=public node --test tests/browser/
//
// Environment:
//   PLAINSIGHT_PUBLIC       the built site folder (default: public)
//   PLAINSIGHT_SCREENSHOTS  a folder: full-page PNGs of /, the first /strategies/*/ and the
//                           first /metrics/*/ page at 1280 px wide are written there
//   CHROMIUM_PATH           the browser (default: /usr/bin/chromium)
//   PLAINSIGHT_BROWSER_JOBS pages open at once (default: 4)
//
// The site is served from its folder at the root of http://127.0.0.1:<free port>/, as a static
// host would: /x/ is /x/index.html, and a missing file is 404.html with status 404. Every
// response carries the strict Content-Security-Policy the README recommends, so anything a
// strict policy would block (inline script or style, eval, another site) shows up as a
// console error and fails the page.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { strictPolicy } from './chromium.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const root = path.resolve(process.env.PLAINSIGHT_PUBLIC || 'public');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const jobs = Math.max(1, Number(process.env.PLAINSIGHT_BROWSER_JOBS) || 4);
const chartTimeout = 5000;
const narrowWidth = 320;

// The flags known to work on this kind of machine: without the background-networking ones,
// Chromium keeps trying Google's hosts through a closed network. Playwright adds --headless
// itself and gives every launch a fresh, empty --user-data-dir.
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

// ---------------------------------------------------------------------------------------------
// The site's files

function htmlFilesBelow(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...htmlFilesBelow(full));
    else if (entry.isFile() && entry.name.endsWith('.html')) found.push(full);
  }
  return found;
}

const siteExists = fs.existsSync(root) && fs.statSync(root).isDirectory();
const files = siteExists ? htmlFilesBelow(root).sort() : [];

/** The address a file is visited at: a/index.html is /a/, 404.html is /404.html. */
function urlOf(file) {
  const relative = path.relative(root, file).split(path.sep).join('/');
  return '/' + relative.replace(/(^|\/)index\.html$/, '$1');
}

const urls = files.map(urlOf);

/**
 * What an address path means in the folder: { file } for a file that is served, { folder }
 * for a folder asked for without its trailing slash (a static host redirects), or {}.
 */
function resolvePath(urlPath) {
  let relative;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return {};
  }
  if (relative.includes('\0')) return {};
  if (relative.endsWith('/')) relative += 'index.html';
  const full = path.join(root, relative);
  if (full !== root && !full.startsWith(root + path.sep)) return {};
  if (!fs.existsSync(full)) return {};
  const stat = fs.statSync(full);
  if (stat.isFile()) return { file: full };
  if (stat.isDirectory() && fs.existsSync(path.join(full, 'index.html'))) return { folder: full };
  return {};
}

// ---------------------------------------------------------------------------------------------
// A static server on 127.0.0.1 and one browser, started on first use and stopped at the end

let server;
let origin;
let browser;

function serve(request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const { pathname } = new URL(request.url, 'http://localhost');
  const found = resolvePath(pathname);
  if (found.folder) {
    response.writeHead(301, { location: pathname + '/' }).end();
    return;
  }
  let status = 200;
  let file = found.file;
  if (!file) {
    status = 404;
    file = path.join(root, '404.html');
    if (!fs.existsSync(file)) {
      response.writeHead(404, { 'content-type': contentTypes['.txt'] }).end('Not found\n');
      return;
    }
  }
  const body = fs.readFileSync(file);
  response.writeHead(status, {
    'content-type': contentTypes[path.extname(file).toLowerCase()] || 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-store',
    'content-security-policy': strictPolicy,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

async function start() {
  if (origin) return;
  server = http.createServer(serve);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

after(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server.close(resolve));
});

/** A fresh context and page, recording everything that went wrong while it loads and runs. */
async function openPage(url, viewport) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(15000);
  const errors = [];
  // The site must not reach other sites (the machine has no internet, and residents should not
  // be tracked): such requests are refused here and reported.
  await context.route((u) => !u.href.startsWith(origin + '/'), (route) => {
    errors.push(`asked another site for ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  // Report every Content-Security-Policy violation, whether or not Chromium logs it.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const opened = { context, page, errors, injecting: false };
  page.on('console', (m) => {
    // While axe-core is injected, a page's own Content-Security-Policy may refuse the script
    // tag (injectAxe then evaluates it instead); that refusal is the test's, not the site's.
    if (opened.injecting && /Content.Security.Policy/i.test(m.text())) return;
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
  const answeredWithError = new Set();
  page.on('response', (r) => {
    if (r.status() >= 400) {
      answeredWithError.add(r.url());
      errors.push(`${r.url().slice(origin.length)} answered ${r.status()}`);
    }
  });
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(origin) && !answeredWithError.has(r.url())) {
      errors.push(`could not load ${r.url().slice(origin.length)}: ${r.failure()?.errorText}`);
    }
  });
  try {
    const response = await page.goto(origin + url, { waitUntil: 'load', timeout: 20000 });
    if (!response || response.status() !== 200) errors.push(`the page answered ${response?.status()}`);
  } catch (error) {
    errors.push(`could not open the page: ${error.message.split('\n')[0]}`);
  }
  return opened;
}

/** Waits up to chartTimeout for every [data-chart] to hold a canvas or svg; returns those that do not. */
async function undrawnCharts(page) {
  const drawn = () => [...document.querySelectorAll('[data-chart]')].every((el) => el.querySelector('canvas, svg'));
  await page.waitForFunction(drawn, null, { timeout: chartTimeout }).catch(() => {});
  return page.$$eval('[data-chart]', (els) => els
    .filter((el) => !el.querySelector('canvas, svg'))
    .map((el) => (el.id ? `#${el.id}` : `[data-chart="${el.getAttribute('data-chart')}"]`)));
}

/** Loads axe-core into the page (as a script tag; by evaluation if a CSP refused the tag). */
async function injectAxe(opened) {
  const { page } = opened;
  opened.injecting = true;
  try {
    await page.addScriptTag({ path: axePath }).catch(() => {});
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
      await page.evaluate(fs.readFileSync(axePath, 'utf8'));
    }
  } finally {
    opened.injecting = false;
  }
}

/**
 * Everything the browser checks learn about one page, from one load: opened at phone width
 * (as a phone would open it, charts drawn at that width) for the sideways-scroll check, then
 * widened to 1280 px for the rest.
 */
async function audit(url) {
  const result = { url, errors: [], undrawn: [], violations: [], structure: null, skip: null, narrow: null };
  const opened = await openPage(url, { width: narrowWidth, height: 640 });
  const { page } = opened;
  try {
    result.undrawn = await undrawnCharts(page);
    result.narrow = await page.evaluate((limit) => {
      const right = (el) => el.getBoundingClientRect().right;
      const widest = [...document.body.querySelectorAll('*')]
        .filter((el) => right(el) > limit + 1 && (!el.parentElement || right(el.parentElement) <= limit + 1))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
          + `${el.classList.length ? '.' + [...el.classList].join('.') : ''} (right edge ${Math.round(right(el))} px)`);
      return { scrollWidth: document.documentElement.scrollWidth, widest };
    }, narrowWidth);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    result.structure = await page.evaluate(() => {
      // Where header and footer stop being banner and contentinfo (HTML-AAM).
      const sectioning = 'article, aside, main, nav, section, [role=article], [role=complementary], '
        + '[role=main], [role=navigation], [role=region]';
      const topLevel = (selector, role) => !!document.querySelector(`[role=${role}]`)
        || [...document.querySelectorAll(selector)].some((el) => !el.parentElement.closest(sectioning));
      return {
        h1: document.querySelectorAll('h1').length,
        lang: (document.documentElement.getAttribute('lang') || '').trim(),
        main: !!document.querySelector('main, [role=main]'),
        banner: topLevel('header', 'banner'),
        navigation: !!document.querySelector('nav, [role=navigation]'),
        contentinfo: topLevel('footer', 'contentinfo'),
      };
    });

    await page.keyboard.press('Tab');
    result.skip = await page.evaluate(() => {
      const el = document.activeElement;
      const href = el?.getAttribute('href') ?? null;
      let target = false;
      if (href && href.startsWith('#') && href.length > 1) {
        let id = href.slice(1);
        try { id = decodeURIComponent(id); } catch { /* keep it as written */ }
        target = !!document.getElementById(id);
      }
      return { tag: el && el !== document.body ? el.tagName.toLowerCase() : null, href, target,
        text: (el?.textContent || '').trim().slice(0, 60) };
    });
    // Axe judges the page as it first appears, not with the skip link that Tab revealed.
    await page.evaluate(() => document.activeElement?.blur());

    await injectAxe(opened);
    const axe = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    }));
    result.violations = axe.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ')),
    }));
  } catch (error) {
    result.errors.push(`the check stopped: ${error.message.split('\n')[0]}`);
  } finally {
    await opened.context.close();
  }
  result.errors.unshift(...opened.errors);
  return result;
}

let audits;
/** Every page audited once, a few at a time; shared by the browser tests below. */
function auditAll() {
  audits ??= (async () => {
    await start();
    const results = new Array(urls.length);
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const i = next++;
        results[i] = await audit(urls[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, urls.length) }, worker));
    return results;
  })();
  return audits;
}

/** Fails with every finding, one per line, or passes when there are none. */
function expectNone(findings, summary) {
  if (findings.length > 0) assert.fail(`${summary} (${findings.length}):\n  ${findings.join('\n  ')}`);
}

// ---------------------------------------------------------------------------------------------
// The checks

test('the built site is there to check', () => {
  assert.ok(siteExists, `no built site at ${root} (set PLAINSIGHT_PUBLIC)`);
  assert.ok(files.length > 0, `no HTML pages under ${root}`);
  assert.ok(urls.includes('/'), `no index.html at the top of ${root}`);
});

test('pages open without script errors, console errors or missing files', { skip: !files.length }, async () => {
  const findings = (await auditAll()).flatMap((a) => a.errors.map((e) => `${a.url}: ${e}`));
  expectNone(findings, 'pages with errors');
});

test('every chart is drawn', { skip: !files.length }, async () => {
  const findings = (await auditAll()).flatMap((a) => a.undrawn.map((c) => `${a.url}: ${c} has no canvas or svg after ${chartTimeout / 1000} s`));
  expectNone(findings, 'charts not drawn');
});

test('pages pass the axe-core accessibility checks (WCAG 2.2 A and AA, best practice)', { skip: !files.length }, async () => {
  const findings = (await auditAll()).flatMap((a) => a.violations.map((v) => `${a.url}: ${v.id} (${v.impact}) ${v.help} <${v.helpUrl}>\n      ${v.targets.join('\n      ')}`));
  expectNone(findings, 'accessibility violations');
});

test('every page has exactly one main heading', { skip: !files.length }, async () => {
  const findings = (await auditAll()).filter((a) => a.structure && a.structure.h1 !== 1).map((a) => `${a.url}: ${a.structure.h1} h1 elements`);
  expectNone(findings, 'pages without exactly one h1');
});

test('every page says which language it is written in', { skip: !files.length }, async () => {
  const findings = (await auditAll()).filter((a) => a.structure && !a.structure.lang).map((a) => `${a.url}: <html> has no lang`);
  expectNone(findings, 'pages without a language');
});

test('a keyboard user can skip straight to the content', { skip: !files.length }, async () => {
  const findings = (await auditAll()).filter((a) => a.skip && !(a.skip.tag === 'a' && a.skip.target)).map((a) => {
    const s = a.skip;
    if (s.tag !== 'a') return `${a.url}: the first Tab stop is ${s.tag ? `a <${s.tag}>` : 'nothing'}, not a skip link`;
    if (!s.href?.startsWith('#')) return `${a.url}: the first link ("${s.text}", ${s.href}) is not a skip link to a #target`;
    return `${a.url}: the skip link's target ${s.href} does not exist`;
  });
  expectNone(findings, 'pages without a working skip link');
});

test('every page has a header, navigation, main content and footer', { skip: !files.length }, async () => {
  const names = { banner: 'header (banner)', navigation: 'nav', main: 'main', contentinfo: 'footer (contentinfo)' };
  const findings = (await auditAll()).filter((a) => a.structure).flatMap((a) => Object.entries(names)
    .filter(([key]) => !a.structure[key]).map(([, name]) => `${a.url}: no ${name} landmark`));
  expectNone(findings, 'missing landmarks');
});

test(`pages fit a ${narrowWidth} px wide phone without scrolling sideways`, { skip: !files.length }, async () => {
  const findings = (await auditAll()).filter((a) => a.narrow && a.narrow.scrollWidth > narrowWidth + 1)
    .map((a) => `${a.url}: ${a.narrow.scrollWidth} px wide; sticking out: ${a.narrow.widest.join(', ') || 'unknown'}`);
  expectNone(findings, 'pages wider than the screen');
});

test('a mistyped address shows the site\'s not-found page', { skip: !files.length }, async () => {
  assert.ok(fs.existsSync(path.join(root, '404.html')), 'the site has no 404.html');
  await start();
  const response = await fetch(`${origin}/no-such-page-${process.pid}/`);
  assert.equal(response.status, 404);
  assert.equal(await response.text(), fs.readFileSync(path.join(root, '404.html'), 'utf8'));
});

test('every page is valid HTML', { skip: !files.length }, async () => {
  const validator = new HtmlValidate(new StaticConfigLoader({
    root: true,
    extends: ['html-validate:recommended'],
    rules: {
      // Spaces at line ends come from template indentation; no browser or reader sees them.
      'no-trailing-whitespace': 'off',
      // <br> and <br/> are both valid HTML; which one the templates use is a matter of style.
      'void-style': 'off',
      // A 70-character limit is search-engine advice, not validity: page titles carry the
      // council's own action and measure titles, which are often long, and cutting them would
      // hide what the page is about (WCAG 2.4.2 asks for descriptive titles, not short ones).
      'long-title': 'off',
    },
  }));
  const findings = [];
  for (const file of files) {
    const report = await validator.validateFile(file);
    for (const result of report.results) {
      for (const m of result.messages) {
        findings.push(`${path.relative(root, file)}:${m.line}:${m.column}: ${m.message} (${m.ruleId})`);
      }
    }
  }
  expectNone(findings, 'HTML problems');
});

// -- Links, read from the HTML files as written (not from the DOM scripts built) --------------

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decodeEntities = (s) => s.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
  if (name[0] === '#') return String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
  return entities[name.toLowerCase()] ?? whole;
});

/** The tags of an HTML file and their attributes, skipping comments and script/style text. */
function* tagsOf(html) {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2\s*>)/gi, '$1$3');
  const tag = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const attribute = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const t of text.matchAll(tag)) {
    const attributes = new Map();
    for (const a of t[2].matchAll(attribute)) {
      const name = a[1].toLowerCase();
      if (!attributes.has(name)) attributes.set(name, decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    yield { name: t[1].toLowerCase(), attributes };
  }
}

const anchorCache = new Map();
/** The ids (and <a name>s) a fragment can point at in an HTML file. */
function anchorsOf(file) {
  if (!anchorCache.has(file)) {
    const anchors = new Set();
    for (const { name, attributes } of tagsOf(fs.readFileSync(file, 'utf8'))) {
      if (attributes.has('id')) anchors.add(attributes.get('id'));
      if (name === 'a' && attributes.has('name')) anchors.add(attributes.get('name'));
    }
    anchorCache.set(file, anchors);
  }
  return anchorCache.get(file);
}

test('every internal link, image and anchor leads somewhere', { skip: !files.length }, () => {
  const findings = [];
  for (const file of files) {
    const from = urlOf(file);
    const base = new URL(from, 'http://site.invalid');
    for (const { name, attributes } of tagsOf(fs.readFileSync(file, 'utf8'))) {
      const links = [];
      for (const attr of ['href', 'src']) if (attributes.has(attr)) links.push(attributes.get(attr).trim());
      if (attributes.has('srcset')) {
        links.push(...attributes.get('srcset').split(',').map((c) => c.trim().split(/\s+/)[0]).filter(Boolean));
      }
      for (const link of links) {
        const where = `${from}: <${name}> ${link}`;
        if (link === '') { findings.push(`${where}: empty address`); continue; }
        if (/^(https?|mailto|tel|data):/i.test(link) || link.startsWith('//')) continue;
        if (/^[a-z][a-z\d+.-]*:/i.test(link)) { findings.push(`${where}: not a web address`); continue; }
        // 404.html is shown at whatever address was asked for, so only site-absolute links work there.
        if (from === '/404.html' && !link.startsWith('/') && !link.startsWith('#')) {
          findings.push(`${where}: relative, so broken when the not-found page is shown deeper in the site`);
          continue;
        }
        const target = new URL(link, base);
        const found = resolvePath(target.pathname);
        if (found.folder) { findings.push(`${where}: a folder without its trailing slash`); continue; }
        if (!found.file) { findings.push(`${where}: no such file`); continue; }
        if (target.hash.length > 1 && found.file.endsWith('.html')) {
          let id = target.hash.slice(1);
          try { id = decodeURIComponent(id); } catch { /* keep it as written */ }
          if (!anchorsOf(found.file).has(id)) findings.push(`${where}: no element with id "${id}" on ${urlOf(found.file)}`);
        }
      }
    }
  }
  expectNone(findings, 'broken links');
});

// -- Screenshots, for a person to look at --------------------------------------------------------

const screenshotDir = process.env.PLAINSIGHT_SCREENSHOTS;

test('screenshots of the dashboard, a strategy and a measure', { skip: !screenshotDir && 'set PLAINSIGHT_SCREENSHOTS to a folder' }, async () => {
  await start();
  fs.mkdirSync(screenshotDir, { recursive: true });
  const first = (section) => urls.find((u) => new RegExp(`^/${section}/[^/]+/$`).test(u));
  const shots = [['dashboard', '/'], ['strategy', first('strategies')], ['metric', first('metrics')]];
  for (const [name, url] of shots) {
    assert.ok(url, `no page to photograph for ${name}`);
    const { context, page } = await openPage(url, { width: 1280, height: 900 });
    try {
      await undrawnCharts(page);
      await page.waitForTimeout(1200); // let chart animations finish
      const out = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: out, fullPage: true });
      console.log(`# screenshot ${url} -> ${out}`);
    } finally {
      await context.close();
    }
  }
});
