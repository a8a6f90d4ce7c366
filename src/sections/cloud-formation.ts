// cloudFormation: what only an infrastructure-as-code template has (login profiles, access keys,
// outputs, where everything is written), read by `iamspect template` from CloudFormation, SAM and
// Terraform files. Never collected from an account, nor read from AWS CLI outputs.
import { z } from 'zod';
import { defineSection } from './section.js';

/** 1-based line and column in a template; `file` is relative to the working directory, with `/`. */
export const sourceLocationSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
/** Where something is written in a source file (a template): 1-based line and column. */
export type SourceLocation = z.infer<typeof sourceLocationSchema>;

/**
 * Where a login profile's password comes from. Only `literal` and `parameter-literal-default`
 * (a parameter's Default, NoEcho or not) put the password in the template; `noecho` is a NoEcho
 * parameter without a Default, `dynamic-reference` a `{{resolve:...}}` (Secrets Manager, SSM),
 * `symbolic` anything else known only at deploy time. The password itself is never stored.
 */
export const TEMPLATE_PASSWORD_SOURCES = [
  'literal',
  'parameter-literal-default',
  'noecho',
  'dynamic-reference',
  'symbolic',
] as const;
export type TemplatePasswordSource = (typeof TEMPLATE_PASSWORD_SOURCES)[number];

export const cloudFormationTemplateSchema = z.object({
  file: z.string(),
  resources: z.array(
    z.object({
      logicalId: z.string(),
      type: z.string(),
      /** Placeholder-account ARN of an IAM principal, managed policy or instance profile, else null. */
      arn: z.string().nullable(),
      location: sourceLocationSchema,
      /** The physical name written in the template (UserName, RoleName...), null when generated. */
      name: z.string().nullable(),
      /** Conditions known only at deploy time its permissions depend on (both branches judged). */
      conditions: z.array(z.string()),
    }),
  ),
  inlinePolicies: z.array(
    z.object({
      principalArn: z.string(),
      policyName: z.string(),
      location: sourceLocationSchema,
      /** Conditions known only at deploy time the policy depends on (both branches judged). */
      conditions: z.array(z.string()),
    }),
  ),
  loginProfiles: z.array(
    z.object({
      userArn: z.string(),
      userName: z.string(),
      passwordSource: z.enum(TEMPLATE_PASSWORD_SOURCES),
      /** The parameter the password is taken from, if any. */
      parameter: z.string().nullable(),
      /** null when it is only known at deploy time. */
      passwordResetRequired: z.boolean().nullable(),
      /** The LoginProfile property. */
      location: sourceLocationSchema,
      /** Where the password is written: the Password property, or the parameter's Default. */
      passwordLocation: sourceLocationSchema,
    }),
  ),
  accessKeys: z.array(
    z.object({
      logicalId: z.string(),
      userArn: z.string(),
      userName: z.string(),
      status: z.string(),
      location: sourceLocationSchema,
    }),
  ),
  /** Outputs whose value contains an access key's SecretAccessKey. */
  secretOutputs: z.array(
    z.object({
      outputName: z.string(),
      accessKeyLogicalId: z.string(),
      /** Export.Name when the output is also exported to other stacks. */
      exportName: z.string().nullable(),
      location: sourceLocationSchema,
    }),
  ),
  /** Managed policies attached to a principal in the template, each where the attachment is written. */
  managedPolicyAttachments: z.array(
    z.object({ principalArn: z.string(), policyArn: z.string(), location: sourceLocationSchema }),
  ),
  /**
   * Users, groups and roles the template attaches policies to without declaring them: what the
   * template grants them is known, the rest of what they have is not. Each is where it is named.
   */
  externalPrincipals: z.array(
    z.object({
      arn: z.string(),
      kind: z.enum(['user', 'group', 'role']),
      name: z.string(),
      location: sourceLocationSchema,
    }),
  ),
});
export type CloudFormationTemplate = z.infer<typeof cloudFormationTemplateSchema>;

export const cloudFormationSchema = z.object({ templates: z.array(cloudFormationTemplateSchema) });
export type CloudFormationData = z.infer<typeof cloudFormationSchema>;

export const cloudFormationSection = defineSection({
  name: 'cloudFormation',
  data: cloudFormationSchema,
  reads: [],
  awsCli: { kind: 'not-read', why: 'read from templates by `iamspect template`' },
});
