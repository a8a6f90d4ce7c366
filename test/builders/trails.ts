// Typed builders for the CloudTrail section: a trail that records everything CIS asks for unless
// overridden.
import type { Trail, TrailEventSelectors } from '../../src/snapshot/schema.js';
import { ACCOUNT } from './snapshot.js';

export function trailArn(name: string, homeRegion = 'us-east-1', account = ACCOUNT): string {
  return `arn:aws:cloudtrail:${homeRegion}:${account}:trail/${name}`;
}

/** Classic selectors recording every management event, read and write. */
export function classicSelectors(overrides: Partial<TrailEventSelectors['classic'][number]> = {}) {
  return {
    classic: [
      {
        readWriteType: 'All',
        includeManagementEvents: true,
        excludeManagementEventSources: [],
        ...overrides,
      },
    ],
    advanced: [],
  };
}

/** One advanced selector made of `fields` (field name -> values it equals). */
export function advancedSelectors(...fields: Array<[string, string[]]>): TrailEventSelectors {
  return {
    classic: [],
    advanced: [
      {
        name: 'management',
        fieldSelectors: fields.map(([field, equals]) => ({
          field,
          equals,
          notEquals: [],
          startsWith: [],
          notStartsWith: [],
          endsWith: [],
          notEndsWith: [],
        })),
      },
    ],
  };
}

export function trail(overrides: Partial<Trail> = {}): Trail {
  const name = overrides.name ?? 'management-events';
  const homeRegion = overrides.homeRegion ?? 'us-east-1';
  return {
    arn: trailArn(name, homeRegion),
    name,
    homeRegion,
    multiRegion: true,
    organizationTrail: false,
    logFileValidation: true,
    logGroupArn: null,
    logging: true,
    eventSelectors: classicSelectors(),
    unread: [],
    ...overrides,
  };
}
