// Option shapes that several rules declare, so their validation and generated docs stay alike.
import { z } from 'zod';

/** A whole number above zero (a count of days, hours ...), with its default and what it means. */
export function positiveCountOption(defaultValue: number, description: string) {
  return z.number().int().positive().default(defaultValue).describe(description);
}

/** A whole number from zero up (how many of something are allowed), with its default and meaning. */
export function allowedCountOption(defaultValue: number, description: string) {
  return z.number().int().min(0).default(defaultValue).describe(description);
}
