// The preview as the communications team uses it: `plainsight serve` on a new site, a page
// open in headless Chromium, then a content file edited (the page reloads with the new text),
// broken (an overlay shows the error with file and line) and fixed (the overlay clears). The
// preview renders pages on request and writes nothing.
// PLAINSIGHT_BIN names the binary (default target/debug/plainsight).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';

const binary = path.resolve(process.env.PLAINSIGHT_BIN || 'target/debug/plainsight');
let site;
let server;
let origin;
let browser;

/** Starts `plainsight serve` in `cwd`; resolves to { child, origin } once it listens. */
async function startServe(cwd) {
  const child = spawn(binary, ['serve', '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  const at = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve did not start')), 60000);
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/serving the site at (http:\/\/[^/\s]+)\//);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { child, origin: at };
}

async function stopServe(child) {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'plainsight-serve-'));
  execFileSync(binary, ['init', site, '--quiet']);
  ({ child: server, origin } = await startServe(site));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stopServe(server);
  fs.rmSync(site, { recursive: true, force: true });
});

test('the server listens on 127.0.0.1 only', () => {
  assert.match(origin, /^http:\/\/127\.0\.0\.1:/);
});

test('an edit reloads the open page; a broken file shows an overlay; fixing it clears it', async () => {
  const page = await browser.newPage();
  const index = path.join(site, 'content/strategies/our-plan/index.md');
  const original = fs.readFileSync(index, 'utf8');
  await page.goto(origin + '/strategies/our-plan/');
  assert.equal(await page.locator('h1').textContent(), 'Customer Services Plan 2024–2027');

  fs.writeFileSync(index, original.replace('title: Customer Services Plan 2024–2027', 'title: Customer Services Plan 2024–2028'));
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Customer Services Plan 2024–2028', null, { timeout: 15000 });

  fs.writeFileSync(index, original.replace('title: Customer Services Plan 2024–2027', 'title: [unclosed'));
  const overlay = page.locator('#plainsight-errors');
  await overlay.waitFor({ state: 'visible', timeout: 15000 });
  assert.match(await overlay.textContent(), /content\/strategies\/our-plan\/index\.md:\d+:\d+: error: this is not valid YAML/);
  assert.equal(await page.locator('h1').textContent(), 'Customer Services Plan 2024–2028', 'the last good page stays');

  fs.writeFileSync(index, original);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Customer Services Plan 2024–2027', null, { timeout: 15000 });
  assert.equal(await page.locator('#plainsight-errors').count(), 0, 'the overlay is gone after the fix');
  await page.close();
});

test('the preview writes nothing, and only its pages carry the reload script', async () => {
  const served = await (await fetch(origin + '/')).text();
  assert.ok(served.includes('/__plainsight/reload.js'), 'served pages reload');
  assert.ok(!fs.existsSync(path.join(site, 'public')), 'serve wrote public/');
  execFileSync(binary, ['build', '--quiet'], { cwd: site });
  const built = fs.readFileSync(path.join(site, 'public/index.html'), 'utf8');
  assert.ok(!built.includes('__plainsight'));
});

test('a missing page is the site\'s 404 page, and a folder without its slash is redirected', async () => {
  const missing = await fetch(origin + '/strategies/no-such-plan/');
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /Page not found/);
  const folder = await fetch(origin + '/strategies/our-plan', { redirect: 'manual' });
  assert.equal(folder.status, 308);
  assert.equal(folder.headers.get('location'), '/strategies/our-plan/');
  const escape = await fetch(origin + '/%2e%2e/%2e%2e/etc/passwd');
  assert.equal(escape.status, 404);
});

test('a site broken from the start is served as a page listing its errors, until it is fixed', async () => {
  const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'plainsight-serve-broken-'));
  execFileSync(binary, ['init', broken, '--quiet']);
  const siteYaml = path.join(broken, 'content/site.yaml');
  const good = fs.readFileSync(siteYaml, 'utf8');
  fs.writeFileSync(siteYaml, good.replace(/^title: .*$/m, 'title: [unclosed'));
  const { child, origin: at } = await startServe(broken);
  try {
    const page = await browser.newPage();
    await page.goto(at + '/');
    assert.equal(await page.locator('h1').textContent(), 'The site could not be loaded');
    const overlay = page.locator('#plainsight-errors');
    await overlay.waitFor({ state: 'visible', timeout: 15000 });
    assert.match(await overlay.textContent(), /content\/site\.yaml:\d+:\d+: error/);

    fs.writeFileSync(siteYaml, good);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent !== 'The site could not be loaded', null, { timeout: 15000 });
    assert.equal(await page.locator('#plainsight-errors').count(), 0);
    await page.close();
  } finally {
    await stopServe(child);
    fs.rmSync(broken, { recursive: true, force: true });
  }
});

test('a commit made while the preview runs shows on the page without another edit', async () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'plainsight-serve-git-'));
  execFileSync(binary, ['init', repo, '--quiet']);
  const git = (...args) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: repo });
  git('init', '--quiet');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'The site');
  const { child, origin: at } = await startServe(repo);
  try {
    const page = await browser.newPage();
    const lastUpdated = () => page.locator('.last-updated').textContent();
    await page.goto(at + '/strategies/our-plan/');
    assert.match(await lastUpdated(), /^Last updated \d/);

    const index = path.join(repo, 'content/strategies/our-plan/index.md');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('Customer Services Plan 2024–2027', 'Customer Services Plan 2024–2028'));
    await page.waitForFunction(() => document.querySelector('.last-updated')?.textContent.includes('not yet in the published record'), null, { timeout: 15000 });

    git('commit', '--quiet', '-am', 'Extend the plan');
    await page.waitForFunction(() => /^Last updated \d/.test(document.querySelector('.last-updated')?.textContent ?? ''), null, { timeout: 15000 });
    await page.close();
  } finally {
    await stopServe(child);
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
