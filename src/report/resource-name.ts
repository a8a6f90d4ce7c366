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
  return withoutPrefix(resource, `arn:${partition}:iam::${accountId}:`);
}

function withoutPrefix(resource: string, prefix: string): string {
  if (!resource.startsWith(prefix) || resource.length === prefix.length) return resource;
  const name = resource.slice(prefix.length);
  return name === 'root' ? 'account' : name;
}

/** The IAM ARN prefix of a template's resources: the placeholder account, or the --account-id given. */
const TEMPLATE_IAM_ARN = /^arn:aws:iam::\d{12}:/;

/**
 * A finding's resource, short: in its account's terms (`partition` of that account, when the report
 * lists it), or for a template finding (no account) in the template's, which all its resources share.
 */
export function findingResourceName(
  finding: { resource: string; accountId?: string },
  partition: string | undefined,
): string {
  if (finding.accountId === undefined) {
    const prefix = TEMPLATE_IAM_ARN.exec(finding.resource)?.[0];
    return prefix ? withoutPrefix(finding.resource, prefix) : finding.resource;
  }
  return partition ? shortResourceName(finding.resource, finding.accountId, partition) : finding.resource;
}

/** `templates/stack.yaml:12` for a finding in a template, so people can go to the line; else undefined. */
export function sourceLine(finding: { location?: { file: string; line: number } }): string | undefined {
  return finding.location ? `${finding.location.file}:${finding.location.line}` : undefined;
}
