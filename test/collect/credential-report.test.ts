// The credential-report flow against each state IAM can be in: generated on request, missing,
// expired, still in progress, and never finishing (a section error, so its rules are not evaluated).
import { describe, expect, test } from '@jest/globals';
import { pollDelayMs } from '../../src/sections/credential-report.js';
import { evaluate } from '../../src/engine/report.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import { exitCodeFor } from '../../src/report/exit-code.js';
import { RULES } from '../../src/rules/index.js';
import { sampleAccount } from '../fake-aws/accounts.js';
import type { FakeCredentialReport } from '../fake-aws/model.js';
import { FAKE_NOW } from '../fake-aws/model.js';
import { virtualClock } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

/** GenerateCredentialReport states and GetCredentialReport outcomes, in the order the fake served them. */
function reportCalls(): string[] {
  return sessions.current.fake.requests.entries
    .filter((entry) => /CredentialReport$/.test(entry.action))
    .map((entry) => entry.action.replace('iam:', '').replace('CredentialReport', ''));
}

describe('credential report paths', () => {
  test.each<{ name: string; report: Partial<FakeCredentialReport>; calls: string[]; sleeps: number[] }>([
    {
      name: 'STARTED -> INPROGRESS -> COMPLETE, then Get',
      report: { status: 'none', generateCallsToComplete: 3 },
      calls: ['Generate', 'Generate', 'Generate', 'Get'],
      sleeps: [250, 500],
    },
    {
      name: 'a fresh report already exists: COMPLETE at once',
      report: { status: 'complete' },
      calls: ['Generate', 'Get'],
      sleeps: [],
    },
    {
      name: 'ReportNotPresent on Get: generate again, wait, get',
      report: { status: 'complete', beforeGet: ['ReportNotPresent'], generateCallsToComplete: 2 },
      calls: ['Generate', 'Get', 'Generate', 'Generate', 'Get'],
      sleeps: [250, 500],
    },
    {
      name: 'ReportExpired on Get: a new report is generated',
      report: { status: 'complete', beforeGet: ['ReportExpired'], generateCallsToComplete: 2 },
      calls: ['Generate', 'Get', 'Generate', 'Generate', 'Get'],
      sleeps: [250, 500],
    },
    {
      name: 'ReportInProgress on Get: wait and poll again',
      report: { status: 'complete', beforeGet: ['ReportInProgress'], generateCallsToComplete: 2 },
      calls: ['Generate', 'Get', 'Generate', 'Get'],
      sleeps: [250],
    },
  ])('$name', async ({ report, calls, sleeps }) => {
    const session = await sessions.start(sampleAccount({ credentialReport: report }));
    const clock = virtualClock();
    const snapshot = await session.collect({ now: clock.now, sleep: clock.sleep });

    expect(reportCalls()).toEqual(calls);
    expect(clock.sleeps).toEqual(sleeps);
    const section = snapshot.sections.credentialReport;
    expect(section?.status).toBe('ok');
    expect(section?.data?.generatedTime).toBe(FAKE_NOW.toISOString());
    expect(section?.data?.rows.map((row) => row.user)).toEqual([
      '<root_account>',
      'alice',
      'bob',
      'ci+deploy',
    ]);
  });

  test('the report content is parsed: root row, special tokens as null, key dates', async () => {
    const session = await sessions.start(sampleAccount());
    const rows = (await session.collect()).sections.credentialReport?.data?.rows ?? [];
    expect(rows[0]).toMatchObject({
      isRoot: true,
      arn: 'arn:aws:iam::123456789012:root',
      passwordEnabled: null,
    });
    const bob = rows.find((row) => row.user === 'bob');
    expect(bob).toMatchObject({ passwordEnabled: true, passwordLastUsed: null, mfaActive: false });
    expect(bob?.accessKeys[0]).toMatchObject({ active: true, lastUsedDate: null, lastUsedService: null });
    expect(bob?.accessKeys[1]).toMatchObject({ active: false, lastRotated: null });
  });

  test('poll delays start at 250 ms and double, up to 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(pollDelayMs)).toEqual([
      250, 500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  describe('a report that never completes', () => {
    test('stops at the deadline with a section error naming the timeout; the other sections are collected', async () => {
      const session = await sessions.start(sampleAccount({ credentialReport: { neverCompletes: true } }));
      const clock = virtualClock();
      const snapshot = await session.collect({
        now: clock.now,
        sleep: clock.sleep,
        credentialReportTimeoutMs: 10_000,
      });

      // 0.25 + 0.5 + 1 + 2 + 4 s, then the last wait is cut to what is left of the 10 s.
      expect(clock.sleeps).toEqual([250, 500, 1_000, 2_000, 4_000, 2_250]);
      expect(session.fake.requests.count('iam:GenerateCredentialReport')).toBe(7);
      expect(session.fake.requests.count('iam:GetCredentialReport')).toBe(0);
      expect(snapshot.sections.credentialReport).toEqual({
        status: 'error',
        error: {
          code: 'CredentialReportTimeout',
          message:
            'IAM had not finished the credential report after 10 s (last state INPROGRESS); raise --credential-report-timeout and try again',
        },
      });
      const others = Object.entries(snapshot.sections).filter(([name]) => name !== 'credentialReport');
      expect(others.every(([, section]) => section.status === 'ok')).toBe(true);
    });

    test('its rules are reported as not evaluated, never as passing, and the run is incomplete (exit 3)', async () => {
      const session = await sessions.start(sampleAccount({ credentialReport: { neverCompletes: true } }));
      const snapshot = await session.collect({ credentialReportTimeoutMs: 5_000 });
      const report = evaluate([{ snapshot }], resolveRules(RULES, {}), { today: FAKE_NOW, failOn: 'none' });

      const needsReport = RULES.filter(
        (rule) => rule.enabledByDefault && rule.needs.includes('credentialReport'),
      );
      expect(needsReport.length).toBeGreaterThan(0);
      for (const rule of needsReport) {
        expect(report.findings.filter((finding) => finding.ruleId === rule.id)).toEqual([]);
        expect(report.notEvaluated).toContainEqual(
          expect.objectContaining({
            ruleId: rule.id,
            reason: expect.stringContaining('credentialReport collection failed'),
          }),
        );
      }
      expect(exitCodeFor(report, false)).toBe(3);
    });
  });

  test('LimitExceeded on Generate is retried by the SDK and the report still arrives', async () => {
    const session = await sessions.start(sampleAccount());
    session.fake.faults.failFirst(
      'iam:GenerateCredentialReport',
      { code: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for ReportGeneration' },
      2,
    );
    const snapshot = await session.collect();
    expect(snapshot.sections.credentialReport?.status).toBe('ok');
    expect(session.fake.requests.count('iam:GenerateCredentialReport')).toBe(4);
  });
});
