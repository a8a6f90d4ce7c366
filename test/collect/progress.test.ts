// Progress goes to stderr only on a terminal and without --quiet; collection reports what it is
// doing (pages so far, the credential report's state) and how each section ended.
import { describe, expect, test } from '@jest/globals';
import type { Progress, ProgressStream } from '../../src/collect/progress.js';
import { SILENT_PROGRESS, terminalProgress } from '../../src/collect/progress.js';
import { sampleAccount } from '../fake-aws/accounts.js';
import { sessionPerTest } from './session-per-test.js';

function stream(isTTY: boolean): ProgressStream & { text: string } {
  return {
    isTTY,
    columns: 60,
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

describe('terminalProgress', () => {
  test.each([
    ['not a terminal', false, false],
    ['a terminal with --quiet', true, true],
  ])('writes nothing to %s', (_name, isTTY, quiet) => {
    const output = stream(isTTY);
    const progress = terminalProgress(output, quiet);
    progress.update('authorizationDetails', '3 pages');
    progress.done('authorizationDetails', 'ok');
    progress.finish();
    expect(progress).toBe(SILENT_PROGRESS);
    expect(output.text).toBe('');
  });

  test('on a terminal: a status line rewritten in place, a line per finished section, cleared at the end', () => {
    const output = stream(true);
    const progress = terminalProgress(output, false);
    progress.update('authorizationDetails', '3 pages');
    progress.update('credentialReport', 'report INPROGRESS');
    progress.done('credentialReport', 'denied', 'iam:GetCredentialReport');
    progress.finish();
    expect(output.text.split('\r\u001b[2K')).toEqual([
      '',
      'collecting authorizationDetails (3 pages)',
      // Cut to one less than the terminal's 60 columns, so the cursor never wraps.
      'collecting authorizationDetails (3 pages), credentialRepor…',
      '  credentialReport: denied (iam:GetCredentialReport)\n',
      'collecting authorizationDetails (3 pages)',
      '',
    ]);
  });
});

describe('during a collection', () => {
  const sessions = sessionPerTest();

  test('reports identity, pages, the report state and every section with its status', async () => {
    const session = await sessions.start(sampleAccount({ credentialReport: { generateCallsToComplete: 3 } }));
    session.fake.faults.deny('iam:ListServerCertificates');
    const events: string[] = [];
    const recorder: Progress = {
      update: (task, detail) => events.push(`${task}: ${detail}`),
      done: (task, status, note) => events.push(`${task} ${status}${note ? ` ${note}` : ''}`),
      finish: () => events.push('finish'),
    };
    await session.collect({}, recorder);

    expect(events[0]).toBe('identity: sts:GetCallerIdentity');
    expect(events[1]).toBe('identity ok 123456789012, aws');
    expect(events).toContain('credentialReport: report STARTED');
    expect(events).toContain('credentialReport: report INPROGRESS');
    expect(events).toContain('authorizationDetails: 5 pages');
    expect(events).toContain('serverCertificates denied iam:ListServerCertificates');
    for (const section of [
      'credentialReport',
      'accountSummary',
      'passwordPolicy',
      'authorizationDetails',
      'virtualMfaDevices',
    ]) {
      expect(events).toContain(`${section} ok`);
    }
    expect(events.at(-1)).toBe('finish');
  });
});
