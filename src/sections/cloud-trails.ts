// cloudTrails: every CloudTrail trail the account sees, with whether it is logging and which
// events it records. DescribeTrails in each enabled region (with shadow trails, so multi-region
// and organization trails show up wherever they apply) gives the same trail once per region it
// covers: trails are kept once, by ARN. Status and event selectors are asked of the trail's home
// region by ARN, the one place that answers for every trail, shadow or not. A trail whose status
// or selectors the caller may not read (an organization trail seen from a member account can be)
// keeps its description with that read marked refused, so the rules say "not evaluated" for that
// trail by name instead of failing the whole section or guessing. No trail is an empty list.
// From AWS CLI outputs, each trail's status and selectors are files of their own beside
// describe-trails.json, named after the trail; one not saved is a read missing for that trail.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { isAccessDenied, awsErrorCode } from '../collect/failures.js';
import { InputError } from '../errors.js';
import { forEachEnabledRegion } from '../collect/regional.js';
import type { CliFile } from '../snapshot/aws-cli-file.js';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import type { SourcedOutput } from '../snapshot/input-validation.js';
import { optionalString, validateInput } from '../snapshot/input-validation.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import { defineSection } from './section.js';

const fieldSelectorSchema = z.object({
  field: z.string(),
  equals: z.array(z.string()),
  notEquals: z.array(z.string()),
  startsWith: z.array(z.string()),
  notStartsWith: z.array(z.string()),
  endsWith: z.array(z.string()),
  notEndsWith: z.array(z.string()),
});
export type TrailFieldSelector = z.infer<typeof fieldSelectorSchema>;

/** A trail's event selectors: classic ones, or advanced ones (a trail has one kind or the other). */
const eventSelectorsSchema = z.object({
  classic: z.array(
    z.object({
      readWriteType: z.string(),
      includeManagementEvents: z.boolean(),
      excludeManagementEventSources: z.array(z.string()),
    }),
  ),
  advanced: z.array(z.object({ name: z.string().nullable(), fieldSelectors: z.array(fieldSelectorSchema) })),
});
export type TrailEventSelectors = z.infer<typeof eventSelectorsSchema>;

/** A read of one trail that was refused (or, from AWS CLI outputs, not saved): its answer is unknown. */
const unreadSchema = z.object({ action: z.string(), code: z.string(), message: z.string() });

export const trailSchema = z.object({
  arn: z.string(),
  name: z.string(),
  homeRegion: z.string(),
  multiRegion: z.boolean(),
  organizationTrail: z.boolean(),
  logFileValidation: z.boolean(),
  /** The CloudWatch Logs log group the trail delivers to, when it delivers to one. */
  logGroupArn: z.string().nullable(),
  /** GetTrailStatus IsLogging; null when that read is missing (see `unread`). */
  logging: z.boolean().nullable(),
  /** GetEventSelectors; null when that read is missing. */
  eventSelectors: eventSelectorsSchema.nullable(),
  unread: z.array(unreadSchema),
});
export type Trail = z.infer<typeof trailSchema>;

const describeTrailsOutput = z.object({
  trailList: z
    .array(
      z.object({
        Name: z.string(),
        TrailARN: z.string(),
        HomeRegion: z.string(),
        IsMultiRegionTrail: z.boolean().optional(),
        IsOrganizationTrail: z.boolean().optional(),
        LogFileValidationEnabled: z.boolean().optional(),
        CloudWatchLogsLogGroupArn: optionalString,
      }),
    )
    .optional(),
});
type DescribedTrail = NonNullable<z.infer<typeof describeTrailsOutput>['trailList']>[number];

// GetTrailStatus always answers IsLogging: without it the file lost what it was saved for.
const trailStatusOutput = z.object({ IsLogging: z.boolean() });

const values = z.array(z.string()).optional();
const eventSelectorsOutput = z.object({
  EventSelectors: z
    .array(
      z.object({
        ReadWriteType: z.string().optional(),
        IncludeManagementEvents: z.boolean().optional(),
        ExcludeManagementEventSources: values,
      }),
    )
    .optional(),
  AdvancedEventSelectors: z
    .array(
      z.object({
        Name: optionalString,
        FieldSelectors: z.array(
          z.object({
            Field: z.string(),
            Equals: values,
            NotEquals: values,
            StartsWith: values,
            NotStartsWith: values,
            EndsWith: values,
            NotEndsWith: values,
          }),
        ),
      }),
    )
    .optional(),
});

/** DescribeTrails outputs of every region -> each trail once, by ARN, in the order first seen. */
export function uniqueTrails(outputs: readonly SourcedOutput[]): DescribedTrail[] {
  const byArn = new Map<string, DescribedTrail>();
  for (const { output, source } of outputs) {
    for (const trail of validateInput(describeTrailsOutput, output, source).trailList ?? []) {
      if (!byArn.has(trail.TrailARN)) byArn.set(trail.TrailARN, trail);
    }
  }
  return [...byArn.values()];
}

/** What one per-trail read gave: its output, or why there is none. */
export type TrailRead = { output: SourcedOutput } | { unread: z.infer<typeof unreadSchema> };

function normalizeEventSelectors(read: SourcedOutput): TrailEventSelectors {
  const output = validateInput(eventSelectorsOutput, read.output, read.source);
  // A trail always has one kind of selector: an answer with neither lost what the trail records.
  if (output.EventSelectors === undefined && output.AdvancedEventSelectors === undefined) {
    throw new InputError(
      `${read.source}: neither EventSelectors nor AdvancedEventSelectors: not a GetEventSelectors answer`,
    );
  }
  return {
    classic: (output.EventSelectors ?? []).map((selector) => ({
      // The API's defaults: a classic selector records reads and writes, management events included.
      readWriteType: selector.ReadWriteType ?? 'All',
      includeManagementEvents: selector.IncludeManagementEvents ?? true,
      excludeManagementEventSources: selector.ExcludeManagementEventSources ?? [],
    })),
    advanced: (output.AdvancedEventSelectors ?? []).map((selector) => ({
      name: selector.Name,
      fieldSelectors: selector.FieldSelectors.map((field) => ({
        field: field.Field,
        equals: field.Equals ?? [],
        notEquals: field.NotEquals ?? [],
        startsWith: field.StartsWith ?? [],
        notStartsWith: field.NotStartsWith ?? [],
        endsWith: field.EndsWith ?? [],
        notEndsWith: field.NotEndsWith ?? [],
      })),
    })),
  };
}

/** One described trail with its status and event selectors (each read, or refused). */
export function normalizeTrail(trail: DescribedTrail, status: TrailRead, selectors: TrailRead): Trail {
  return {
    arn: trail.TrailARN,
    name: trail.Name,
    homeRegion: trail.HomeRegion,
    multiRegion: trail.IsMultiRegionTrail ?? false,
    organizationTrail: trail.IsOrganizationTrail ?? false,
    logFileValidation: trail.LogFileValidationEnabled ?? false,
    logGroupArn: trail.CloudWatchLogsLogGroupArn,
    logging:
      'output' in status
        ? (validateInput(trailStatusOutput, status.output.output, status.output.source).IsLogging ?? false)
        : null,
    eventSelectors: 'output' in selectors ? normalizeEventSelectors(selectors.output) : null,
    unread: [status, selectors].flatMap((read) => ('unread' in read ? [read.unread] : [])),
  };
}

/**
 * Sends one per-trail read; a refusal becomes the trail's unknown, anything else (retries spent)
 * fails the section.
 */
async function readTrail(action: string, region: string, send: () => Promise<unknown>): Promise<TrailRead> {
  try {
    return { output: { output: await send(), source: `${action} response in ${region}` } };
  } catch (error) {
    if (!isAccessDenied(error)) throw error;
    return { unread: { action, code: awsErrorCode(error), message: (error as Error).message } };
  }
}

const DESCRIBE_TRAILS = 'describe-trails.json';

/** The AWS CLI commands saving one trail's status and selectors, each to `<command>.<trail name>.json`. */
const PER_TRAIL = [
  { command: 'get-trail-status', option: '--name', action: 'cloudtrail:GetTrailStatus' },
  // GetEventSelectors names the trail it answers for: a file naming another trail, or none, is not
  // this trail's answer (a copied or cut file), so the section fails naming it rather than trust it.
  {
    command: 'get-event-selectors',
    option: '--trail-name',
    action: 'cloudtrail:GetEventSelectors',
    namesTrail: true,
  },
] as const;

/**
 * One trail's saved output of `command`, read from beside describe-trails.json; a file not saved
 * leaves that read missing for this trail (its rules are then not evaluated for it), not an error.
 */
function savedTrailRead(dir: string, trail: DescribedTrail, read: (typeof PER_TRAIL)[number]): TrailRead {
  const name = `${read.command}.${trail.Name}.json`;
  const path = join(dir, name);
  if (!existsSync(path)) {
    return {
      unread: {
        action: read.action,
        code: 'NotSaved',
        message: `${name} was not saved beside ${DESCRIBE_TRAILS}: aws cloudtrail ${read.command} ${read.option} ${trail.TrailARN} > ${name}`,
      },
    };
  }
  const output = parseJsonText(readInputFile(path, 'AWS CLI output'), path, 'AWS CLI output');
  if ('namesTrail' in read && (output as { TrailARN?: unknown } | null)?.TrailARN !== trail.TrailARN) {
    throw new InputError(
      `${path}: TrailARN is not ${trail.TrailARN}: this is not that trail's answer`,
      `Save it again: aws cloudtrail ${read.command} ${read.option} ${trail.TrailARN} > ${name}`,
    );
  }
  return { output: { output, source: path } };
}

/** describe-trails.json and each trail's status and selectors saved beside it. */
function readSavedTrails(file: CliFile): Trail[] {
  const dir = dirname(file.path);
  return uniqueTrails([{ output: parseCliJson(file), source: file.path }]).map((trail) => {
    const [status, selectors] = PER_TRAIL.map((read) => savedTrailRead(dir, trail, read)) as [
      TrailRead,
      TrailRead,
    ];
    return normalizeTrail(trail, status, selectors);
  });
}

export const cloudTrailsSection = defineSection({
  name: 'cloudTrails',
  data: z.array(trailSchema),
  reads: ['cloudtrail:DescribeTrails', 'cloudtrail:GetEventSelectors', 'cloudtrail:GetTrailStatus'],
  readWith: ['regions'],
  async collect(context) {
    const { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } =
      await import('@aws-sdk/client-cloudtrail');
    // DescribeTrails is not paginated: it returns every trail the region sees.
    const described = await forEachEnabledRegion(context, 'cloudTrails', async (region) => ({
      output: await context.clients
        .inRegion('cloudtrail', region)
        .send(new DescribeTrailsCommand({ includeShadowTrails: true })),
      source: `cloudtrail:DescribeTrails response in ${region}`,
    }));
    return Promise.all(
      uniqueTrails(described).map(async (trail) => {
        const home = context.clients.inRegion('cloudtrail', trail.HomeRegion);
        const [status, selectors] = await Promise.all([
          readTrail('cloudtrail:GetTrailStatus', trail.HomeRegion, () =>
            home.send(new GetTrailStatusCommand({ Name: trail.TrailARN })),
          ),
          readTrail('cloudtrail:GetEventSelectors', trail.HomeRegion, () =>
            home.send(new GetEventSelectorsCommand({ TrailName: trail.TrailARN })),
          ),
        ]);
        return normalizeTrail(trail, status, selectors);
      }),
    );
  },
  // describe-trails in one region lists its own trails and every multi-region one (shadow trails);
  // a single-region trail homed in another region is not in it.
  awsCli: {
    kind: 'file',
    files: [{ name: DESCRIBE_TRAILS, shape: { required: { trailList: 'list' } } }],
    howToSave:
      `aws cloudtrail describe-trails > ${DESCRIBE_TRAILS}, then for each trail T in it (by its ARN): ` +
      PER_TRAIL.map(
        ({ command, option }) => `aws cloudtrail ${command} ${option} T > ${command}.T.json`,
      ).join(' and '),
    action: 'cloudtrail:DescribeTrails',
    alongside: new RegExp(`^(${PER_TRAIL.map(({ command }) => command).join('|')})\\.[\\w.-]+\\.json$`),
    read: readSavedTrails,
  },
});
