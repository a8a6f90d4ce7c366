// S3 snapshot data for rule tests: a private, fully blocked, unlogged bucket unless overridden.
import type { Bucket, PublicAccessBlock } from '../../src/snapshot/schema.js';

export const BLOCK_ALL: PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

export const BLOCK_NONE: PublicAccessBlock = {
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

export function bucket(name: string, overrides: Partial<Bucket> = {}): Bucket {
  return {
    name,
    region: 'eu-west-1',
    policyIsPublic: false,
    policy: null,
    aclGrants: [{ granteeType: 'CanonicalUser', granteeUri: null, permission: 'FULL_CONTROL' }],
    publicAccessBlock: BLOCK_ALL,
    logging: null,
    website: false,
    unread: {},
    ...overrides,
  };
}

export const DENIED = (action: string) => ({ code: 'AccessDenied', message: 'Access Denied', action });
