// Typed access to a snapshot's sections for rules. The engine only runs a rule when every section
// it needs is `ok`, so a rule reading a section it declared can rely on the data being there.
import type { SectionData, SectionName, Snapshot } from './schema.js';

export function sectionData<N extends SectionName>(snapshot: Snapshot, name: N): SectionData<N> {
  const section = snapshot.sections[name];
  if (!section || section.status !== 'ok' || section.data === undefined) {
    throw new Error(`section ${name} is not available (status ${section?.status ?? 'absent'})`);
  }
  return section.data as SectionData<N>;
}

/** The section's data when it was collected, else undefined (for rules that use a section as a bonus). */
export function optionalSectionData<N extends SectionName>(
  snapshot: Snapshot,
  name: N,
): SectionData<N> | undefined {
  const section = snapshot.sections[name];
  return section?.status === 'ok' ? (section.data as SectionData<N> | undefined) : undefined;
}

/** ARN prefix for this snapshot's partition and account: `arn:aws-us-gov:iam::123456789012:`. */
export function iamArn(snapshot: Snapshot, resource: string): string {
  return `arn:${snapshot.partition}:iam::${snapshot.accountId}:${resource}`;
}

/** The account itself as a resource (for account-level findings). */
export function accountArn(snapshot: Snapshot): string {
  return iamArn(snapshot, 'root');
}
