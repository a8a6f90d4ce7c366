import { userNotInGroup } from '../../../src/rules/users/user-not-in-group.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, user, withAuthorizationDetails } from '../../builders/snapshot.js';

describe('user-not-in-group', () => {
  test.each([
    { name: 'in one group', groups: ['devs'], reported: false },
    { name: 'in two groups', groups: ['devs', 'ops'], reported: false },
    { name: 'in no group', groups: [], reported: true },
  ])('$name', ({ groups, reported }) => {
    const findings = runRule(
      userNotInGroup,
      withAuthorizationDetails(emptySnapshot(), { users: [user('alice', { groups })] }),
    );
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      reported ? [[`arn:aws:iam::${ACCOUNT}:user/alice`, 'alice is in no IAM group.']] : [],
    );
  });
});
