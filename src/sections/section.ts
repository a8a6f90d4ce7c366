// What a data section is: one module (src/sections/<name>.ts) holding everything about one part
// of the snapshot, so adding or changing a section touches one file and the list (index.ts):
// - its name and the zod schema of its data;
// - the normalisers from the API's output to that schema, shared by the live collector and the
//   AWS CLI reader (SDK v3 outputs and AWS CLI JSON differ in dates and paging only);
// - its live collector and the exact read operations it sends (the allow list and `iamspect
//   permissions` are derived from these, and test/sections/parity.test.ts records what each sends);
// - the AWS CLI outputs it is read from (or why none), and the times those hold.
//
// A collector imports its SDK commands with `await import(...)` inside the collect function, never
// at the top of the module: the list of sections is loaded by every command (the snapshot schema
// is made from it), and `--version`, `rules`, `template` or an offline audit must not pay for
// loading the AWS SDK (test/collect/lazy-sdk.test.ts). Keeping the collector in the section module
// this way, rather than in a collect/ module loaded lazily, is what keeps a section in one file.
// By the time a collector runs, the client factory has loaded the same SDK package, so the import
// costs nothing then. ESLint refuses any other import of an @aws-sdk package here.
import type { z } from 'zod';
import type { CollectContext } from '../collect/collector.js';
import type { AwsCliFileSource, AwsCliRegionalSource, NotFromAwsCli } from '../snapshot/aws-cli-file.js';
import type { ReadAction } from '../collect/read-operations.js';
import { sectionSchema } from '../snapshot/schema-parts.js';

type ElementOf<D> = D extends ReadonlyArray<infer E> ? E : never;

export interface SectionSpec<N extends string, T extends z.ZodTypeAny, R extends readonly ReadAction[]> {
  name: N;
  /** The schema of the section's data. */
  data: T;
  /** Every read operation its collector may send (none for a section no collector reads). */
  reads: R;
  /**
   * Sections whose shared lookup (`context.shared`) the collector reads: collected with it, since
   * the lookup is made anyway, so the snapshot holds what the section was read against.
   */
  readWith?: readonly string[];
  /** Reads the section live: its data, or a throw that becomes its `denied`/`error`/`skipped` status. */
  collect?(context: CollectContext): Promise<z.output<T>>;
  /** How the section is read from saved AWS CLI outputs, or why it is not. */
  awsCli:
    | AwsCliFileSource<z.output<T>, R[number]>
    | AwsCliRegionalSource<ElementOf<z.output<T>>, R[number]>
    | NotFromAwsCli;
}

/** A section module's definition, with the schema of the section as a snapshot holds it. */
export function defineSection<
  const N extends string,
  T extends z.ZodTypeAny,
  const R extends readonly ReadAction[],
>(spec: SectionSpec<N, T, R>) {
  return { ...spec, schema: sectionSchema(spec.data) };
}
