// Where resource-policy-public finds resource policies: one entry per section that holds them.
// Each gives the section, what its resources are called in a message, and its resources as
// (ARN, name, policy or null) plus the ones whose policy could not be read. The sections made with
// src/sections/resource-policy-parts.ts all share one shape; a section of another shape (S3
// buckets, whose policies sit beside ACLs and Block Public Access settings) joins with an entry
// whose `resources` adapts its data.
import { sectionData } from '../../snapshot/access.js';
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

/**
 * Every section resource-policy-public reads. The hook for S3 bucket policies (the s3Buckets
 * section, another branch): one entry here whose `resources` gives each bucket's ARN, name and
 * decoded policy, and "S3 buckets" in the rule's rationale.
 */
export const RESOURCE_POLICY_SOURCES: readonly ResourcePolicySource[] = [
  sharedShape('snsTopics', 'SNS topic'),
  sharedShape('sqsQueues', 'SQS queue'),
  sharedShape('kmsKeys', 'KMS key'),
  sharedShape('lambdaFunctions', 'Lambda function'),
  sharedShape('secrets', 'Secrets Manager secret'),
  sharedShape('ecrRepositories', 'ECR repository'),
];
