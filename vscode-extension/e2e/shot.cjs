// Drives code-server in headless Chromium (adapted from ../shared/tools/code-server-e2e/shot.js):
// opens FILE, waits for the Quorate diagnostic's squiggle, reads the Problems panel, hovers the
// `shutdown_wait` attribute and checks the catalogue docs appear, taking screenshots.
// usage: node shot.cjs URL FILE OUT_DIR   (NODE_PATH must find playwright-core)
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [url, fileName, outDir] = process.argv.slice(2);
const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

(async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-domain-reliability', '--no-pings',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
    ],
    timeout: 60000,
    env: { ...process.env, XDG_CONFIG_HOME: userDataDir, XDG_CACHE_HOME: userDataDir },
  });
  let exitCode = 0;
  try {
    const page = context.pages()[0] || (await context.newPage());
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    log('workbench visible');
    const item = page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${fileName}"]`).first();
    await item.waitFor({ timeout: 60000 });
    await item.click();
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
    log('editor open');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 });
    log(`error squiggles: ${await page.locator('.monaco-editor .squiggly-error').count()}`);
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 15000 });
    const problems = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    log('problems:', JSON.stringify(problems));
    if (!problems.some((p) => p.includes('wwwfz') && p.includes('did you mean'))) throw new Error('the Problems panel does not show the undefined-ref diagnostic');
    const problemsShot = path.join(outDir, 'problems.png');
    await page.screenshot({ path: problemsShot });
    log('screenshot:', problemsShot);
    // Hover an attribute: its docs come from the agent catalogue.
    // The innermost token span (semantic highlighting gives the attribute name a span of its own).
    const word = page.locator('.monaco-editor .view-line span > span').filter({ hasText: /^\s*shutdown_wait\s*$/ }).first();
    await word.waitFor({ timeout: 15000 });
    const box = await word.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(300);
    await page.mouse.move(box.x + box.width / 2 + 2, box.y + box.height / 2);
    await page.waitForSelector('.monaco-hover:not(.hidden) .hover-contents', { timeout: 15000 });
    await page.waitForTimeout(500);
    const hover = await page.locator('.monaco-hover:not(.hidden) .hover-contents').allInnerTexts();
    log('hover:', JSON.stringify(hover).slice(0, 300));
    if (!hover.join('\n').includes('shutdown_wait')) throw new Error('the hover does not show the attribute docs');
    const hoverShot = path.join(outDir, 'hover.png');
    await page.screenshot({ path: hoverShot });
    log('screenshot:', hoverShot);
  } catch (e) {
    exitCode = 1;
    log('FAILED:', e.message);
    const p = context.pages()[0];
    if (p) await p.screenshot({ path: path.join(outDir, 'failed.png') }).catch(() => {});
    log('screenshot:', path.join(outDir, 'failed.png'));
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
})();
