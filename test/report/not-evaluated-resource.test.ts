// A rule that ran but could not judge one resource (a user with a suspect date, a principal with an
// unreadable policy) is a not-evaluated entry naming that resource. Every output shows the resource
// where it shows the reason, so the reader knows which user or role is unknown.
import type { Log } from 'sarif';
import { parseReport } from '../../src/report/read-report.js';
import { renderReport } from '../../src/report/render.js';
import { ACCOUNT } from '../builders/snapshot.js';
import { ALICE_GAP, PLAIN_CONTEXT, buildReport, partialRule, userMfaRule } from './report-fixture.js';

const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const report = buildReport({ rules: [userMfaRule, partialRule] });

describe('a rule that could not judge one resource', () => {
  test('the engine names the resource and counts it as not evaluated', () => {
    expect(report.notEvaluated).toEqual([
      { ruleId: 'test-partial', accountId: ACCOUNT, resource: ALICE, reason: ALICE_GAP, sections: [] },
    ]);
    expect(report.summary.notEvaluated).toBe(1);
  });

  test.each([
    ['table', `Not evaluated (1 rule check):\n  - ${ALICE}: ${ALICE_GAP}\n    rules: test-partial`],
    ['table', '1 rule check not evaluated.'],
    // Markdown escapes the underscores of the column name.
    ['markdown', `| \`test-partial\` | ${ACCOUNT} | ${ALICE}: access\\_key\\_1\\_last\\_rotated of alice`],
    ['html', `<td class="mono">${ACCOUNT}</td><td>${ALICE}: ${ALICE_GAP}</td>`],
    ['junit', `name="${ACCOUNT} ${ALICE}: not evaluated"`],
    ['json', `"resource": "${ALICE}",\n      "reason": "${ALICE_GAP}"`],
  ] as const)('%s shows the resource with the reason', (format, expected) => {
    expect(renderReport(format, report, PLAIN_CONTEXT)).toContain(expected);
  });

  test('sarif names it in the notification, and as its logical location', () => {
    const log = JSON.parse(renderReport('sarif', report, PLAIN_CONTEXT)) as Log;
    const [notification] = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notification!.message.text).toBe(
      `Rule test-partial was not evaluated for ${ALICE} in account ${ACCOUNT}: ${ALICE_GAP}`,
    );
    expect(notification!.locations).toEqual([
      { logicalLocations: [{ fullyQualifiedName: ALICE, kind: 'resource' }] },
    ]);
  });

  test('markdown and html say what to do about it', () => {
    const advice =
      'Some users, roles or policies could not be judged from their data (each is named below with the reason): correct the data, or collect again once the cause is fixed.';
    expect(renderReport('markdown', report, PLAIN_CONTEXT)).toContain(advice);
    expect(renderReport('html', report, PLAIN_CONTEXT)).toContain(advice);
  });

  test('the JSON report reads back with the resource', () => {
    expect(parseReport(renderReport('json', report, PLAIN_CONTEXT), 'report.json').notEvaluated).toEqual(
      report.notEvaluated,
    );
  });
});
