// `npm run test:live`: the end-to-end collection against whatever AWS_ENDPOINT_URL names (an
// emulator such as LocalStack or moto, or a sandbox account), with the default credential chain,
// real timing and the SDK's own retry strategy. Not part of `npm test`, which runs only the
// "unit" Jest project; this file belongs to the "live" project.
//
// For a real sandbox account, leave AWS_ENDPOINT_URL unset and set IAMSPECT_LIVE_REAL_AWS=1, so
// an account is never audited by accident.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { allowedActions, createClients, ReadOnlyViolation } from '../../src/collect/clients.js';
import { collectSnapshot } from '../../src/collect/index.js';
import { evaluate } from '../../src/engine/report.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import { renderJson } from '../../src/report/json.js';
import { RULES } from '../../src/rules/index.js';
import { parseSnapshot, serializeSnapshot } from '../../src/snapshot/read-snapshot.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

const TITLE = `live collection from ${process.env.AWS_ENDPOINT_URL ?? 'AWS'}`;

/** The credential report alone may take IAM up to two minutes. */
const COLLECTION_TIMEOUT_MS = 180_000;

function requireTarget(): void {
  if (!process.env.AWS_ENDPOINT_URL && process.env.IAMSPECT_LIVE_REAL_AWS !== '1') {
    throw new Error(
      'npm run test:live needs AWS_ENDPOINT_URL (e.g. http://localhost:4566 for LocalStack) and credentials ' +
        'for it (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE). To audit a real sandbox account ' +
        'instead, leave AWS_ENDPOINT_URL unset and set IAMSPECT_LIVE_REAL_AWS=1.',
    );
  }
}

function audit(snapshot: Snapshot, now: Date) {
  return evaluate([{ snapshot }], resolveRules(RULES, {}), { today: now, generatedAt: now });
}

describe(TITLE, () => {
  let snapshot: Snapshot;

  beforeAll(async () => {
    requireTarget();
    // No credentials: collectSnapshot's RunError says what was tried and how to fix it.
    snapshot = await collectSnapshot({});
  }, COLLECTION_TIMEOUT_MS);

  test('identifies the account and its partition from the caller ARN', () => {
    expect(snapshot.accountId).toMatch(/^\d{12}$/);
    expect(snapshot.callerArn?.startsWith(`arn:${snapshot.partition}:`)).toBe(true);
  });

  test('records a status for every section; a failed one names the refused action or the error', () => {
    const allowed = new Set(allowedActions());
    for (const [name, section] of Object.entries(snapshot.sections)) {
      if (section.status === 'denied')
        expect([name, allowed.has(section.error?.action ?? '')]).toEqual([name, true]);
      if (section.status === 'error')
        expect([name, section.error?.message]).toEqual([name, expect.any(String)]);
    }
    expect(Object.values(snapshot.sections).some((section) => section.status === 'ok')).toBe(true);
  });

  test('the snapshot survives the file round trip, and auditing the file gives identical JSON', () => {
    const reread = parseSnapshot(serializeSnapshot(snapshot), 'live-snapshot.json');
    expect(reread).toEqual(snapshot);
    const now = new Date(snapshot.collectedAt);
    expect(renderJson(audit(reread, now))).toBe(renderJson(audit(snapshot, now)));
  });

  test("every finding's ARN is in the account's partition", () => {
    const report = audit(snapshot, new Date(snapshot.collectedAt));
    for (const finding of report.findings)
      expect(finding.resource.startsWith(`arn:${snapshot.partition}:`)).toBe(true);
  });

  test('a mutating call through the factory is refused before it is sent', async () => {
    const clients = createClients({ maxAttempts: 1 });
    try {
      await expect(
        clients.iam.send(new CreateUserCommand({ UserName: 'iamspect-must-not-exist' })),
      ).rejects.toBeInstanceOf(ReadOnlyViolation);
    } finally {
      clients.destroy();
    }
  });
});
