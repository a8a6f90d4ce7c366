// The config file (.iamspect.yml): rule selection, severities, options and suppressions.
// Validated strictly before anything else happens, so a typo never silently weakens a gate.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, isScalar, parseDocument, visit } from 'yaml';
import { z } from 'zod';
import { FRAMEWORK_IDS } from './compliance/frameworks.js';
import { InputError } from './errors.js';
import { SEVERITIES } from './model/severity.js';
import { describeYamlError, yamlPosition } from './util/yaml-errors.js';
import { describeZodError } from './util/zod-errors.js';

export const DEFAULT_CONFIG_FILE = '.iamspect.yml';

/**
 * The yaml library's maxAliasCount for the config: it weighs each use of an alias (`*name`) by
 * the aliases inside the value it repeats. A config repeats a value a few times; a file past this
 * is an alias bomb ("billion laughs"), which would otherwise expand exponentially. 100 is the
 * library's own default, named here so the message can say it.
 */
export const CONFIG_MAX_ALIAS_COUNT = 100;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const expiryDate = z
  .string()
  .regex(datePattern, 'must be a date written YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'is not a real calendar date',
    },
  );

export const failOnSchema = z.enum([...SEVERITIES, 'none']);

export const suppressionSchema = z
  .object({
    rule: z.string().min(1).describe('Rule id (or alias) the suppression applies to.'),
    resource: z
      .string({
        error: 'a resource (an ARN, or a glob such as arn:aws:iam::123456789012:user/*) is required',
      })
      // Findings are always about ARNs: anything else (a bare user name) would silently match nothing.
      .regex(
        /^(arn:|\*)/,
        'must be an ARN or a glob that starts with arn: or * (a bare name never matches a finding)',
      )
      .describe('Exact ARN, or a glob where * matches any run of characters. No substrings, no regexes.'),
    reason: z
      .string({ error: 'a reason is required' })
      .trim()
      .min(1, 'a reason is required')
      .describe('Why this finding is accepted.'),
    expires: expiryDate
      .optional()
      .describe('Last day (YYYY-MM-DD, UTC) the suppression applies; after it the finding counts again.'),
  })
  .strict();
export type Suppression = z.infer<typeof suppressionSchema>;

export const ruleSettingsSchema = z
  .object({
    enabled: z.boolean().optional().describe('Turn the rule on or off.'),
    severity: z.enum(SEVERITIES).optional().describe('Override the default severity.'),
    options: z.record(z.string(), z.unknown()).optional().describe("The rule's options (see docs/rules.md)."),
  })
  .strict();
export type RuleSettings = z.infer<typeof ruleSettingsSchema>;

const invariantId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes (it names the finding)')
  .describe('Names the invariant in findings; part of their fingerprint, so keep it stable.');
const principalGlob = z
  .string()
  .min(1)
  .describe(
    'Principals, as an ARN glob (`arn:aws:iam::*:role/ci-*`) or the part after the account id ' +
      '(`role/ci-*`, `user/*`, path included: `role/ops/*`); `*` matches any run of characters.',
  );

/** "These principals never reach full admin" (directly, or through any path of the access graph). */
const neverAdminInvariant = z
  .object({
    id: invariantId,
    principals: principalGlob,
    never: z.literal('admin').describe('The principals must never have or reach full admin.'),
  })
  .strict();

/** "Nobody but these principals may perform this action" (directly, or through a path). */
const onlyInvariant = z
  .object({
    id: invariantId,
    action: z
      .string()
      .regex(/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/, 'must be an action such as iam:CreateAccessKey')
      .describe('The action, service:Action.'),
    resource: z
      .string()
      .min(1)
      .optional()
      .describe('The resource ARN it is performed on (default: any, `*`).'),
    only: z.array(principalGlob).describe('The only principals allowed; anyone else who may is a finding.'),
  })
  .strict();

export const invariantSchema = z.union([neverAdminInvariant, onlyInvariant]);

export const frameworkIdSchema = z.enum(FRAMEWORK_IDS);

export const attestationSchema = z
  .object({
    framework: frameworkIdSchema.describe('The framework the control belongs to (`iamspect frameworks`).'),
    control: z.string().min(1).describe('The control id, as the benchmark numbers it ("2.2", "2.1.3").'),
    by: z.string().trim().min(1, 'who attests is required').describe('Who checked the control.'),
    statement: z
      .string({ error: 'a statement is required' })
      .trim()
      .min(1, 'a statement is required')
      .describe('What was checked and found.'),
    until: expiryDate.describe(
      'Last day (YYYY-MM-DD, UTC) the attestation holds; after it the control is not evaluated.',
    ),
  })
  .strict();
export type Attestation = z.infer<typeof attestationSchema>;
export type Invariant = z.infer<typeof invariantSchema>;

export const configSchema = z
  .object({
    failOn: failOnSchema.optional().describe('Lowest severity that fails the run (exit 1). Default: high.'),
    rules: z
      .record(z.string(), ruleSettingsSchema)
      .optional()
      .describe('Per-rule settings, keyed by rule id.'),
    suppressions: z.array(suppressionSchema).optional().describe('Accepted findings.'),
    invariants: z
      .array(invariantSchema)
      .optional()
      .describe(
        'Access invariants checked on every audit (rule access-invariant-violated, docs/access-graph.md): ' +
          '`{ id, principals, never: admin }` or `{ id, action, resource, only: [principals] }`.',
      ),
    frameworks: z
      .array(frameworkIdSchema)
      .optional()
      .describe(
        'Frameworks every audit reports on per control, as with --framework (`iamspect frameworks`).',
      ),
    attestations: z
      .array(attestationSchema)
      .optional()
      .describe('Manual controls a person checked: `{ framework, control, by, statement, until }`.'),
    plugins: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Plugins: ES modules exporting { name, rules } (docs/plugins.md), as paths relative to this file ' +
          'or installed package names. A plugin is code that runs with your permissions.',
      ),
    sarifAnchor: z
      .string()
      .optional()
      .describe('File SARIF results point at when a finding has no source location (default: this file).'),
  })
  .strict();
export type Config = z.infer<typeof configSchema>;

export interface LoadedConfig {
  config: Config;
  /** The file it came from, when there was one. */
  path?: string;
}

/**
 * Keys that name JavaScript object internals. Read into a plain object, `__proto__` would set its
 * prototype (the yaml library defends against that) and none of them is ever a setting, so a file
 * holding one is refused instead of read in some way that depends on the reader.
 */
const OBJECT_INTERNAL_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The YAML of a config file: one document, plain values, no object-internal keys. */
function readConfigYaml(text: string, file: string): unknown {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => `${file}:${yamlPosition(lines, offset).line}`;
  const [error] = document.errors;
  if (error) {
    const reason = describeYamlError(error, document, lines, 'a config file');
    throw new InputError(`${at(error.pos[0])}: not valid YAML: ${reason}`);
  }
  // Warnings are strict errors here: the one that matters, an unknown tag (`!Ref`), would
  // otherwise be dropped and its value read as if the tag were not there.
  const [warning] = document.warnings;
  if (warning) {
    const reason = describeYamlError(warning, document, lines, 'a config file');
    throw new InputError(`${at(warning.pos[0])}: ${reason}; a config file holds plain values, without tags`);
  }
  visit(document, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && OBJECT_INTERNAL_KEYS.has(String(pair.key.value))) {
        throw new InputError(
          `${at(pair.key.range?.[0] ?? 0)}: key "${String(pair.key.value)}" is not allowed (it names JavaScript object internals, not a setting)`,
        );
      }
    },
  });
  try {
    return document.toJS({ maxAliasCount: CONFIG_MAX_ALIAS_COUNT });
  } catch (error) {
    // The library's "Excessive alias count indicates a resource exhaustion attack".
    if (!(error instanceof ReferenceError)) throw error;
    throw new InputError(
      `${file}: its YAML aliases (*name) expand past the limit of ${CONFIG_MAX_ALIAS_COUNT}; write the values out instead`,
    );
  }
}

export function parseConfig(text: string, file: string): Config {
  const raw: unknown = readConfigYaml(text, file) ?? {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `${file}: ${describeZodError(parsed.error)}`,
      'See schema/iamspect-config.schema.json or the README section "Config file".',
    );
  }
  return parsed.data;
}

/** Reads --config FILE (must exist), else ./.iamspect.yml when present, else an empty config. */
export function loadConfig(explicitPath: string | undefined, cwd = process.cwd()): LoadedConfig {
  const path = explicitPath ? resolve(cwd, explicitPath) : resolve(cwd, DEFAULT_CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicitPath) {
      throw new InputError(`${explicitPath}: config file not found`, 'Check the path given to --config.');
    }
    return { config: {} };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `${explicitPath ?? DEFAULT_CONFIG_FILE}: cannot read config file (${(error as Error).message})`,
    );
  }
  return { config: parseConfig(text, explicitPath ?? DEFAULT_CONFIG_FILE), path };
}
