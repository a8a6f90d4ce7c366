// The zod building blocks the section schemas share: ISO dates, policy documents (already
// URL-decoded and normalised, every list an array) and the status envelope every section has.
// They live apart from schema.ts because the section modules (src/sections/) are made of them and
// schema.ts is made of the sections: one module holding both would import itself in a circle.
import { z } from 'zod';

export const isoDate = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not an ISO 8601 date' });

// ---------- policy documents (already URL-decoded and normalised: every list is an array) ----------

export const principalSchema = z.union([z.literal('*'), z.record(z.string(), z.array(z.string()))]);
export type Principal = z.infer<typeof principalSchema>;

/** Condition block: operator -> key -> values (values always an array of strings). */
export const conditionSchema = z.record(z.string(), z.record(z.string(), z.array(z.string())));
export type ConditionBlock = z.infer<typeof conditionSchema>;

export const statementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.string(),
    Action: z.array(z.string()).optional(),
    NotAction: z.array(z.string()).optional(),
    Resource: z.array(z.string()).optional(),
    NotResource: z.array(z.string()).optional(),
    Principal: principalSchema.optional(),
    NotPrincipal: principalSchema.optional(),
    Condition: conditionSchema.optional(),
  })
  // Unknown keys are kept so policy-invalid can report them.
  .passthrough();
export type Statement = z.infer<typeof statementSchema>;

export const policyDocumentSchema = z
  .object({
    Version: z.string().optional(),
    Id: z.string().optional(),
    Statement: z.array(statementSchema),
    /** Problems found while normalising (a statement that is not an object, a non-string action...). */
    problems: z.array(z.string()).optional(),
    /**
     * Why the document cannot be judged: it could not be decoded at all (URL-encoded twice, not
     * JSON), and its Statement is empty only because nothing could be read; or it lost part of its
     * meaning (a statement, Effect, action, principal or condition that is not valid IAM). Either
     * way what the policy grants or denies is unknown.
     */
    decodeError: z.string().optional(),
  })
  .passthrough();
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

// ---------- the section envelope ----------

export const SECTION_STATUSES = ['ok', 'denied', 'error', 'skipped'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

export const sectionErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** The refused API action, e.g. `iam:GetAccountAuthorizationDetails`. */
  action: z.string().optional(),
});
export type SectionError = z.infer<typeof sectionErrorSchema>;

/** A section as a snapshot holds it: its status, its data when ok, and why not otherwise. */
export function sectionSchema<T extends z.ZodTypeAny>(data: T) {
  return z.object({
    status: z.enum(SECTION_STATUSES),
    data: data.optional(),
    error: sectionErrorSchema.optional(),
    collectedAt: isoDate.optional(),
  });
}
