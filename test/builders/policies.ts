// Builders for policy and trust rule tests: inline policies, well-known attachments, trust
// policies, and snapshots with just authorization details.
import type {
  AttachedPolicy,
  InlinePolicy,
  ManagedPolicy,
  PolicyDocument,
  Snapshot,
  Statement,
} from '../../src/snapshot/schema.js';
import { readPolicyDocument } from '../../src/snapshot/policy-document.js';
import { ACCOUNT, allow, doc, emptySnapshot, managedPolicy, withAuthorizationDetails } from './snapshot.js';

export const ADMINISTRATOR_ACCESS: AttachedPolicy = {
  name: 'AdministratorAccess',
  arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
};

/** ARN of a resource of the test account: `iamResource('user/alice')`. */
export function iamResource(resource: string): string {
  return `arn:aws:iam::${ACCOUNT}:${resource}`;
}

export function inlinePolicy(name: string, ...statements: Statement[]): InlinePolicy {
  return { name, document: doc(...statements) };
}

export function deny(actions: string[], resources: string[] = ['*']): Statement {
  return { Effect: 'Deny', Action: actions, Resource: resources };
}

/** A trust policy letting `principal` assume the role, optionally under a condition. */
export function trustPolicy(
  principal: Statement['Principal'],
  condition?: Statement['Condition'],
): PolicyDocument {
  return doc({
    Effect: 'Allow',
    Principal: principal,
    Action: ['sts:AssumeRole'],
    ...(condition ? { Condition: condition } : {}),
  });
}

/**
 * A customer managed policy that grants next to nothing now (v2, the default) but whose older
 * version v1 allows everything: what SetDefaultPolicyVersion could bring back.
 */
export function policyWithAdminOldVersion(name: string): ManagedPolicy {
  return managedPolicy(name, doc(allow(['s3:ListAllMyBuckets'])), {
    defaultVersionId: 'v2',
    versions: [
      { versionId: 'v1', isDefault: false, createDate: null, document: doc(allow(['*'])) },
      { versionId: 'v2', isDefault: true, createDate: null, document: doc(allow(['s3:ListAllMyBuckets'])) },
    ],
  });
}

/** A snapshot holding only authorization details. */
export function accountWith(details: Parameters<typeof withAuthorizationDetails>[1]): Snapshot {
  return withAuthorizationDetails(emptySnapshot(), details);
}

/**
 * A document as the snapshot keeps one that was URL-encoded twice (a tool encoding IAM's already
 * encoded text): it cannot be decoded, so its statements are unknown.
 */
export function doublyEncoded(...statements: Statement[]): PolicyDocument {
  return readPolicyDocument(encodeURIComponent(encodeURIComponent(JSON.stringify(doc(...statements)))));
}
