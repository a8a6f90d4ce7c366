// The HTML report in a real browser: Debian's Chromium, headless, driven by playwright-core.
// The one place a test may stand aside: on a developer's machine without Chromium, `npm test`
// must still work, so the suite reports itself skipped in one line. CI must never pass without
// it: .ci/run installs Chromium and sets IAMSPECT_REQUIRE_BROWSER=1, which turns a missing
// browser into a failure.
import { jest } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/model.js';
import type { RenderContext } from '../../src/report/render.js';
import { loadDemoSnapshot } from '../../src/snapshot/demo.js';
import { packageRoot } from '../../src/util/package-root.js';
import { runCli } from '../cli-harness.js';
import { OTHER_ACCOUNT, auditedSnapshot, buildReport } from '../report/report-fixture.js';

jest.setTimeout(60_000);

/** Debian's Chromium unless CHROMIUM_PATH names another build. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BROWSER_REQUIRED = process.env.IAMSPECT_REQUIRE_BROWSER === '1';
const BROWSER_MISSING = !existsSync(CHROMIUM);
const context: RenderContext = {
  color: false,
  showSuppressed: false,
  sarifAnchor: '.iamspect.yml',
  cwd: '/',
};

const SUPPRESSION_REASON = 'IAMUserChangePassword only; tracked in SEC-88';

interface Demo {
  report: Report;
  /** The HTML file `iamspect audit --demo --output html=FILE` wrote. */
  path: string;
}

/**
 * The demo account as a person gets it: `iamspect audit --demo --output html=FILE`, with a config
 * that accepts one finding (so a suppressed row exists). The JSON on stdout is the same report.
 */
async function auditDemo(): Promise<Demo> {
  const { accountId, partition } = loadDemoSnapshot();
  const expires = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  const config = join(dir, 'demo.yml');
  writeFileSync(
    config,
    [
      'suppressions:',
      '  - rule: user-direct-policies',
      `    resource: arn:${partition}:iam::${accountId}:user/admin`,
      `    reason: ${SUPPRESSION_REASON}`,
      `    expires: ${expires}`,
      '',
    ].join('\n'),
  );
  const path = join(dir, 'demo.html');
  const result = await runCli([
    'audit',
    '--demo',
    '--config',
    config,
    '--format',
    'json',
    '--output',
    `html=${path}`,
  ]);
  if (result.code !== 0) throw new Error(`iamspect audit --demo exited ${result.code}: ${result.stderr}`);
  return { report: JSON.parse(result.stdout) as Report, path };
}

let browser: Browser;
let dir: string;
let demo: Demo;

beforeAll(async () => {
  if (BROWSER_MISSING) {
    if (BROWSER_REQUIRED) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM} and IAMSPECT_REQUIRE_BROWSER=1 requires the HTML ` +
          'report tests: install it with `apt-get install -y chromium` or set CHROMIUM_PATH.',
      );
    }
    return;
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
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
  dir = mkdtempSync(join(tmpdir(), 'iamspect-html-'));
  demo = await auditDemo();
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Every request that is not for the file itself or inline data. */
  network: string[];
}

async function open(report: Report, name: string): Promise<Opened> {
  const path = join(dir, `${name}.html`);
  writeFileSync(path, renderHtml(report, context));
  return openFile(path);
}

async function openFile(path: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const errors: string[] = [];
  const network: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => {
    if (!/^(file|data):/.test(request.url())) network.push(request.url());
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { page, errors, network };
}

async function visibleRows(page: Page): Promise<Array<{ classes: string; text: string }>> {
  return page.$$eval('#findings-body tr', (rows) =>
    rows
      .filter((row) => !(row as unknown as { hidden: boolean }).hidden)
      .map((row) => ({ classes: row.className, text: row.textContent ?? '' })),
  );
}

async function expectClean({ page, errors, network }: Opened): Promise<void> {
  expect(errors).toEqual([]);
  expect(network).toEqual([]);
  await page.close();
}

/**
 * `describe`, or, when Chromium is missing and not required, a suite of one test that says why the
 * browser tests did not run (and checks that reason is true) and prints that once.
 */
function describeWithBrowser(name: string, tests: () => void): void {
  if (!BROWSER_MISSING || BROWSER_REQUIRED) {
    describe(name, tests);
    return;
  }
  const notice =
    `browser tests skipped: no Chromium at ${CHROMIUM}; install it with apt-get install chromium ` +
    '(or set CHROMIUM_PATH), CI requires it';
  describe(name, () => {
    test(notice, () => {
      expect(existsSync(CHROMIUM)).toBe(false);
      process.stderr.write(`${notice}\n`);
    });
  });
}

describeWithBrowser('HTML report in headless Chromium', () => {
  test('the demo account loads from file:// with no console error and no network request', async () => {
    const { report } = demo;
    const opened = await openFile(demo.path);
    const { page } = opened;
    const unsuppressed = report.findings.filter((f) => !f.suppressed).length;
    expect(await visibleRows(page)).toHaveLength(unsuppressed);
    expect(await page.textContent('#shown-count')).toBe(
      `Showing ${unsuppressed} of ${report.findings.length} findings`,
    );
    // `audit --demo` is a showcase (fail on: none), so the verdict says what was found instead.
    const critical = report.summary.bySeverity.critical;
    expect(critical).toBeGreaterThan(0);
    expect(await page.textContent('#verdict')).toMatch(
      new RegExp(`^${report.summary.findings} findings: ${critical} critical, \\d+ high, .*The gate is off`),
    );
    // The worst problem is the first row and the first bar of the rule chart.
    const firstRow = (await visibleRows(page))[0]!;
    expect(firstRow.classes).toContain('sev-critical');
    const firstBar = await page.getAttribute('#charts [data-filter-rule]', 'data-filter-rule');
    expect(firstRow.text).toContain(firstBar!);

    const artifacts = join(packageRoot(), 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'html-report.png'), fullPage: true });
    await expectClean(opened);
  });

  test('the text filter narrows the rows to those that mention the text', async () => {
    const opened = await openFile(demo.path);
    const { page } = opened;
    const before = (await visibleRows(page)).length;
    await page.fill('#filter-text', 'j.morrison');
    const rows = await visibleRows(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(before);
    for (const row of rows) expect(row.text).toContain('j.morrison');
    await page.fill('#filter-text', 'no such thing anywhere');
    expect(await visibleRows(page)).toEqual([]);
    expect(await page.isVisible('#findings-empty')).toBe(true);
    await expectClean(opened);
  });

  test('the severity filter shows only the checked severities', async () => {
    const { report } = demo;
    const opened = await openFile(demo.path);
    const { page } = opened;
    for (const severity of ['high', 'medium', 'low', 'info']) {
      await page.uncheck(`input[name="severity"][value="${severity}"]`);
    }
    const rows = await visibleRows(page);
    const critical = report.findings.filter((f) => f.severity === 'critical' && !f.suppressed).length;
    expect(critical).toBeGreaterThan(0);
    expect(rows).toHaveLength(critical);
    for (const row of rows) expect(row.classes).toContain('sev-critical');
    await expectClean(opened);
  });

  test('suppressed findings appear greyed, with their reason, when asked for', async () => {
    const opened = await openFile(demo.path);
    const { page } = opened;
    expect((await visibleRows(page)).some((r) => r.classes.includes('suppressed'))).toBe(false);
    await page.check('#show-suppressed');
    const suppressed = (await visibleRows(page)).filter((r) => r.classes.includes('suppressed'));
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.text).toContain(`Suppressed: ${SUPPRESSION_REASON} (until `);
    await expectClean(opened);
  });

  test('clicking a rule shows its documentation, and it closes again', async () => {
    const { report } = demo;
    const opened = await openFile(demo.path);
    const { page } = opened;
    const ruleId = (await page.getAttribute('#findings-body .rule-link', 'data-rule'))!;
    const rule = report.rules.find((r) => r.id === ruleId)!;
    expect(await page.isVisible('#rule-doc')).toBe(false);
    await page.click(`#findings-body .rule-link[data-rule="${ruleId}"]`);
    expect(await page.isVisible('#rule-doc')).toBe(true);
    expect(await page.textContent('#rule-doc [data-slot="title"]')).toBe(rule.title);
    const rationale = await page.textContent('#rule-doc [data-slot="rationale"]');
    expect(rationale).toContain(rule.docs.rationale.split(/[`*]/)[0]!.slice(0, 40));
    expect(await page.$$eval('#rule-doc [data-slot="references"] a', (links) => links.length)).toBe(
      rule.docs.references.length,
    );
    await page.click('#rule-doc [data-close]');
    expect(await page.isVisible('#rule-doc')).toBe(false);
    await expectClean(opened);
  });

  test("clicking a bar of the rule chart lists that rule's findings", async () => {
    const opened = await openFile(demo.path);
    const { page } = opened;
    const bar = page.locator('#charts [data-filter-rule]').nth(1);
    const ruleId = (await bar.getAttribute('data-filter-rule'))!;
    await bar.click();
    expect(await page.inputValue('#filter-text')).toBe(ruleId);
    const rows = await visibleRows(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.text).toContain(ruleId);
    await expectClean(opened);
  });

  test('the account filter shows one account of several', async () => {
    const report = buildReport({
      accounts: [{ snapshot: auditedSnapshot() }, { snapshot: auditedSnapshot(OTHER_ACCOUNT) }],
    });
    const opened = await open(report, 'accounts');
    const { page } = opened;
    await page.selectOption('#filter-account', OTHER_ACCOUNT);
    const rows = await visibleRows(page);
    expect(rows).toHaveLength(report.findings.filter((f) => f.accountId === OTHER_ACCOUNT).length);
    for (const row of rows) expect(row.text).toContain(OTHER_ACCOUNT);
    await expectClean(opened);
  });

  test("an escalation finding shows its path hop by hop, with each hop's statements", async () => {
    const report = buildReport();
    const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
    const hop = (from: string, to: string) => ({
      from: role(from),
      to: role(to),
      method: 'assume-role-trusted-by-arn',
      statements: [{ action: 'sts:AssumeRole', policy: { trustPolicyOf: role(to) }, statementIndex: 0 }],
    });
    report.findings[0] = {
      ...report.findings[0]!,
      evidence: { path: { to: role('c'), admin: true, hops: [hop('a', 'b'), hop('b', 'c')] } },
    };
    const opened = await open(report, 'path');
    const items = await opened.page.$$eval('#findings-body ol.path li', (lis) =>
      lis.map((li) => li.textContent),
    );
    expect(items).toEqual([
      'role/a \u2192 role/b (assume-role-trusted-by-arn)sts:AssumeRole: trust policy of role/b, statement 0',
      'role/b \u2192 role/c (assume-role-trusted-by-arn)sts:AssumeRole: trust policy of role/c, statement 0',
    ]);
    await expectClean(opened);
  });

  test('hostile names are shown as text and run nothing', async () => {
    const report = buildReport();
    const resource = '</script><script>window.pwned = 1</script>';
    const message = '<img src="https://attacker.invalid/x" onerror="window.pwned = 2">';
    report.findings[0] = { ...report.findings[0]!, resource, message };
    const opened = await open(report, 'hostile');
    const { page } = opened;
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    const row = (await visibleRows(page))[0]!;
    expect(row.text).toContain(message);
    expect(await page.getAttribute('#findings-body td.resource', 'title')).toBe(resource);
    await expectClean(opened);
  });
});
