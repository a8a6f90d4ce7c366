// Short, still unambiguous names for finding resources, for people reading a report.
// Within one audited account `arn:aws:iam::123456789012:user/alice` is just `user/alice`; anything
// that could be confused with it keeps its full ARN (another account or partition, AWS managed
// policies in account `aws`, non-IAM services).

/**
 * The IAM ARN's resource part when the ARN is an IAM ARN of this account and partition, else the
 * input. `arn:...:root` is the account itself in IAM (password policy, guard rails and the root
 * user's own findings all hang on it), so it reads `account`; the messages say when it is root.
 */
export function shortResourceName(resource: string, accountId: string, partition: string): string {
  const prefix = `arn:${partition}:iam::${accountId}:`;
  if (!resource.startsWith(prefix) || resource.length === prefix.length) return resource;
  const name = resource.slice(prefix.length);
  return name === 'root' ? 'account' : name;
}

/** `templates/stack.yaml:12` for a finding in a template, so people can go to the line; else undefined. */
export function sourceLine(finding: { location?: { file: string; line: number } }): string | undefined {
  return finding.location ? `${finding.location.file}:${finding.location.line}` : undefined;
}
