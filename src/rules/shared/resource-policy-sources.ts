// Where resource-policy-public finds resource policies: one entry per section that holds them.
// Each gives the section, what its resources are called in a message, and its resources as
// (ARN, name, policy or null) plus the ones whose policy could not be read. The sections made with
// src/sections/resource-policy-parts.ts all share one shape; S3 buckets, whose policies sit beside
// ACLs and Block Public Access settings, join with an entry that adapts their data.
import { sectionData } from '../../snapshot/access.js';
import { bucketArn, whyUnread } from './s3-buckets.js';
import type { PolicyDocument, ResourcePolicyRegion, SectionName, Snapshot } from '../../snapshot/schema.js';

export interface PolicyResources {
  resources: Array<{ arn: string; name: string; policy: PolicyDocument | null }>;
  unreadable: Array<{ arn: string; reason: string }>;
}

export interface ResourcePolicySource {
  section: SectionName;
  /** What one resource is called: "SQS queue". */
  kind: string;
  resources(snapshot: Snapshot): PolicyResources;
}

type SharedShapeSection =
  'snsTopics' | 'sqsQueues' | 'kmsKeys' | 'lambdaFunctions' | 'secrets' | 'ecrRepositories';

/** A section made with resourcePolicySection: its regions flattened. */
function sharedShape(section: SharedShapeSection, kind: string): ResourcePolicySource {
  return {
    section,
    kind,
    resources: (snapshot) => {
      const regions: ResourcePolicyRegion[] = sectionData(snapshot, section);
      return {
        resources: regions.flatMap((region) => region.resources),
        unreadable: regions.flatMap((region) => region.unreadable),
      };
    },
  };
}

/** S3 buckets: each bucket's decoded policy; a bucket whose policy was not read is not evaluated. */
const s3BucketPolicies: ResourcePolicySource = {
  section: 's3Buckets',
  kind: 'S3 bucket',
  resources: (snapshot) => {
    const resources: PolicyResources['resources'] = [];
    const unreadable: PolicyResources['unreadable'] = [];
    for (const bucket of sectionData(snapshot, 's3Buckets')) {
      const arn = bucketArn(snapshot, bucket);
      const why = whyUnread(bucket, ['policy']);
      if (why === undefined) resources.push({ arn, name: bucket.name, policy: bucket.policy });
      else unreadable.push({ arn, reason: why });
    }
    return { resources, unreadable };
  },
};

/** Every section resource-policy-public reads. */
export const RESOURCE_POLICY_SOURCES: readonly ResourcePolicySource[] = [
  s3BucketPolicies,
  sharedShape('snsTopics', 'SNS topic'),
  sharedShape('sqsQueues', 'SQS queue'),
  sharedShape('kmsKeys', 'KMS key'),
  sharedShape('lambdaFunctions', 'Lambda function'),
  sharedShape('secrets', 'Secrets Manager secret'),
  sharedShape('ecrRepositories', 'ECR repository'),
];
