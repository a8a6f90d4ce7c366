// The question commands' entry points that need less than the whole access graph. `can` asks about
// one principal: it is found and analysed alone, so only its own policies (its groups', its
// boundary, the SCPs) are compiled, not every policy of the account.
import { InputError } from '../errors.js';
import type { AccountAnalysis, PrincipalAnalysis } from '../policy/account-analysis.js';
import { isServiceLinkedRole } from '../policy/trust.js';

/**
 * A user or role named by ARN, `user/NAME` or `role/NAME` (a path may be included:
 * `role/ops/deploy`). By ARN any user or role; by name only those making requests of their own
 * (service-linked roles are AWS's), and the kind must match.
 */
export function principalNamed(account: AccountAnalysis, text: string): PrincipalAnalysis {
  const { partition, accountId } = account.env;
  const arn = text.startsWith('arn:') ? text : `arn:${partition}:iam::${accountId}:${text}`;
  const exact = account.principal(arn);
  if (exact && (exact.kind === 'user' || exact.kind === 'role')) return exact;
  const name = text.slice(text.lastIndexOf('/') + 1).toLowerCase();
  const principals = [
    ...account.details.users.map((user) => ({ kind: 'user', arn: user.arn })),
    ...account.details.roles
      .filter((role) => !isServiceLinkedRole(role))
      .map((role) => ({ kind: 'role', arn: role.arn })),
  ];
  const byName = principals.filter((p) => p.arn.toLowerCase().endsWith(`/${name}`));
  if (
    byName.length === 1 &&
    !text.startsWith('arn:') &&
    text.split('/').length === 2 &&
    byName[0]!.kind === text.split('/')[0]
  ) {
    return account.principal(byName[0]!.arn)!;
  }
  const near = (
    byName.length > 0 ? byName : principals.filter((p) => p.arn.toLowerCase().includes(name.slice(0, 3)))
  )
    .slice(0, 3)
    .map((p) => p.arn.slice(p.arn.indexOf(':', 'arn:aws:iam::'.length) + 1));
  throw new InputError(
    `no user or role ${text} in account ${accountId}`,
    near.length > 0 ? `Did you mean ${near.join(', ')}?` : 'Name it by ARN, user/NAME or role/NAME.',
  );
}
