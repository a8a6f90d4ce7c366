import { applyBaseline } from '../../src/report/baseline.js';
import { renderHtml, rulesByImpact } from '../../src/report/html.js';
import { docsToHtml, referencesToHtml } from '../../src/report/html/docs.js';
import type { Report } from '../../src/report/model.js';
import { ACCOUNT, emptySnapshot, rootRow, userRow, withCredentialReport } from '../builders/snapshot.js';
import {
  OTHER_ACCOUNT,
  PLAIN_CONTEXT,
  auditedSnapshot,
  authorizationDetailsGap,
  buildReport,
  rootKeyRule,
  templateRule,
  userMfaRule,
} from './report-fixture.js';

/** The JSON the page's script reads, as the browser would parse it. */
function embedded(html: string): { report: Report; resourceLabels: string[] } {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no embedded report data');
  return JSON.parse(match[1]!) as { report: Report; resourceLabels: string[] };
}

describe('html output', () => {
  test('is one self-contained file: every src and href is inline data or an anchor, no CSS import or url()', () => {
    const html = renderHtml(buildReport(), PLAIN_CONTEXT);
    const references = [...html.matchAll(/\b(?:src|href|action|xlink:href)\s*=\s*"([^"]*)"/g)].map(
      (m) => m[1],
    );
    expect(references).toEqual(['data:,']);
    expect(html).not.toMatch(/@import|url\(|<link rel="stylesheet"|<script src|<iframe|<img/i);
  });

  test('embeds the whole report, which the page can read back unchanged', () => {
    const report = buildReport();
    const data = embedded(renderHtml(report, PLAIN_CONTEXT));
    expect(data.report).toEqual(report);
    expect(data.resourceLabels).toEqual(['account', 'user/alice', 'user/bob', 'account']);
  });

  test('a template finding is labelled with its file and line', () => {
    const data = embedded(renderHtml(buildReport({ rules: [templateRule] }), PLAIN_CONTEXT));
    expect(data.resourceLabels).toEqual(['role/Deployer (templates/stack.yaml:12)']);
  });

  test('a resource name cannot close the data script or inject markup', () => {
    const report = buildReport();
    const hostile = '</script><script>window.pwned=1</script><!--';
    report.findings[0] = {
      ...report.findings[0]!,
      resource: hostile,
      message: '<img src=x onerror=alert(1)>',
    };
    const html = renderHtml(report, PLAIN_CONTEXT);
    expect(html).not.toContain('<script>window.pwned');
    expect(html).not.toContain('<img src=x');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(embedded(html).report.findings[0]!.resource).toBe(hostile);
  });

  test('the header names the account, alias, times and the credential report age', () => {
    const snapshot = withCredentialReport(
      emptySnapshot({ accountAlias: 'prod-main' }),
      [rootRow()],
      '2026-06-15T08:30:00.000Z',
    );
    const html = renderHtml(buildReport({ accounts: [{ snapshot }] }), PLAIN_CONTEXT);
    expect(html).toContain(`<h1>Account ${ACCOUNT} <span class="alias">prod-main</span></h1>`);
    expect(html).toContain('<dt>Credential report</dt><dd>2026-06-15 08:30 UTC, 4 h before collection</dd>');
    expect(html).toContain('<title>iamspect report · Account 123456789012 (prod-main)</title>');
  });

  test('the verdict and the not-evaluated warning panel come before the cards and the findings', () => {
    const html = renderHtml(buildReport(), PLAIN_CONTEXT);
    const verdict = html.indexOf('class="verdict verdict-failed"');
    const panel = html.indexOf('id="not-evaluated"');
    const cards = html.indexOf('id="summary"');
    expect(verdict).toBeGreaterThan(0);
    expect(panel).toBeGreaterThan(verdict);
    expect(cards).toBeGreaterThan(panel);
    expect(html).toContain('⚠ Incomplete: 1 rule check did not run');
    expect(html).toContain('authorizationDetails: access denied to iam:GetAccountAuthorizationDetails');
    expect(html).toContain(
      'Grant iamspect the permission iam:GetAccountAuthorizationDetails (see docs/permissions.md)',
    );
  });

  test('a section that was not collected is explained as such, not as a missing permission', () => {
    const html = renderHtml(authorizationDetailsGap('skipped'), PLAIN_CONTEXT);
    expect(html).toContain('authorizationDetails was not collected: skipped in test.');
    expect(html).not.toContain('permission');
  });

  test('when the gaps make the verdict, "Incomplete: …" is said once, by the verdict', () => {
    const html = renderHtml(authorizationDetailsGap('error'), PLAIN_CONTEXT);
    expect(html.match(/Incomplete: 1 rule check did not run/g)).toHaveLength(1);
    expect(html).toContain('<h2>⚠ Not everything was checked</h2>');
    expect(html).toContain('Collecting authorizationDetails failed');
    expect(html).not.toContain('permission');
  });

  test('no warning panel when everything was evaluated', () => {
    const html = renderHtml(buildReport({ rules: [rootKeyRule, userMfaRule] }), PLAIN_CONTEXT);
    expect(html).not.toContain('id="not-evaluated"');
    expect(html).toContain('class="verdict verdict-failed"');
  });

  test('cards count findings per severity, and a table counts them per account when there are several', () => {
    const single = renderHtml(buildReport(), PLAIN_CONTEXT);
    expect(single).toContain(
      '<div class="card sev-critical"><div class="n">1</div><div class="l">Critical</div></div>',
    );
    expect(single).toContain('<div class="card sev-medium zero"><div class="n">0</div>');
    expect(single).not.toContain('id="accounts"');
    const multi = renderHtml(
      buildReport({
        accounts: [{ snapshot: auditedSnapshot() }, { snapshot: auditedSnapshot(OTHER_ACCOUNT) }],
      }),
      PLAIN_CONTEXT,
    );
    expect(multi).toContain('<h2>Findings per account</h2>');
    expect(multi).toMatch(
      /<td class="mono">210987654321<\/td><td><\/td><td>audited<\/td><td>[^<]+<\/td><td class="num">1<\/td><td class="num">2<\/td>/,
    );
  });

  test('with a baseline: new and fixed cards, a baseline filter, and the fixed list', () => {
    const report = buildReport();
    const html = renderHtml(
      applyBaseline({ ...report, findings: report.findings.slice(0, 2) }, report),
      PLAIN_CONTEXT,
    );
    expect(html).toContain('<div class="l">Fixed</div>');
    expect(html).toContain('id="filter-baseline"');
    expect(html).toContain('Fixed since the baseline (2)');
  });

  test('the suppressed toggle starts as the context says', () => {
    expect(renderHtml(buildReport(), PLAIN_CONTEXT)).toContain(
      '<input type="checkbox" id="show-suppressed">',
    );
    expect(renderHtml(buildReport(), { ...PLAIN_CONTEXT, showSuppressed: true })).toContain(
      '<input type="checkbox" id="show-suppressed" checked>',
    );
  });
});

describe('rules by impact (the chart order)', () => {
  test('worst severity first, then the most findings, suppressed findings not counted', () => {
    const snapshot = withCredentialReport(emptySnapshot(), [
      rootRow(),
      userRow('a'),
      userRow('b'),
      userRow('c'),
    ]);
    const report = buildReport({ accounts: [{ snapshot }] });
    expect(rulesByImpact(report)).toEqual([
      { ruleId: 'test-user-mfa', severity: 'high', count: 3 },
      { ruleId: 'test-account', severity: 'low', count: 1 },
    ]);
    const suppressed = buildReport({
      accounts: [{ snapshot }],
      suppressions: [{ rule: 'test-user-mfa', resource: `arn:aws:iam::${ACCOUNT}:user/*`, reason: 'r' }],
    });
    expect(rulesByImpact(suppressed).map((r) => r.ruleId)).toEqual(['test-account']);
  });
});

describe('rule documentation as HTML', () => {
  test.each([
    ['A plain sentence.', '<p>A plain sentence.</p>'],
    ['One.\n\nTwo.', '<p>One.</p><p>Two.</p>'],
    [
      'Set `aws:MultiFactorAuthPresent` to **true**.',
      '<p>Set <code>aws:MultiFactorAuthPresent</code> to <strong>true</strong>.</p>',
    ],
    [
      'See [the guide](https://docs.aws.amazon.com/x).',
      '<p>See <a href="https://docs.aws.amazon.com/x" target="_blank" rel="noreferrer">the guide</a>.</p>',
    ],
    ['- one\n- two', '<ul><li>one</li><li>two</li></ul>'],
    ['1. first\n2. second', '<ol><li>first</li><li>second</li></ol>'],
    [
      '<script>alert(1)</script> & `<b>`',
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>&lt;b&gt;</code></p>',
    ],
    ['[click](javascript:alert(1))', '<p>[click](javascript:alert(1))</p>'],
    ['`**not bold**`', '<p><code>**not bold**</code></p>'],
  ])('%j', (markdown, html) => {
    expect(docsToHtml(markdown)).toBe(html);
  });

  test('references are links only when they are http(s) URLs', () => {
    expect(referencesToHtml(['https://docs.aws.amazon.com/a?b=1&c=2', 'CIS 1.10'])).toBe(
      '<ul class="refs"><li><a href="https://docs.aws.amazon.com/a?b=1&amp;c=2" target="_blank" rel="noreferrer">https://docs.aws.amazon.com/a?b=1&amp;c=2</a></li><li>CIS 1.10</li></ul>',
    );
    expect(referencesToHtml([])).toBe('');
  });
});
