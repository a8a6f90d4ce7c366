import { groupEmpty } from '../../../src/rules/users/group-empty.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, group, user, withAuthorizationDetails } from '../../builders/snapshot.js';

describe('group-empty', () => {
  test.each([
    { name: 'group with a member', members: ['alice'], reported: false },
    { name: 'group with two members', members: ['alice', 'bob'], reported: false },
    { name: 'group without members', members: [], reported: true },
  ])('$name', ({ members, reported }) => {
    const snapshot = withAuthorizationDetails(emptySnapshot(), {
      groups: [group('devs'), group('ops')],
      users: [
        ...members.map((name) => user(name, { groups: ['devs', 'ops'] })),
        user('carol', { groups: ['ops'] }),
      ],
    });
    const findings = runRule(groupEmpty, snapshot);
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      reported ? [[`arn:aws:iam::${ACCOUNT}:group/devs`, 'Group devs has no users.']] : [],
    );
  });

  test('a user of another group does not count for this one (names compared exactly)', () => {
    const snapshot = withAuthorizationDetails(emptySnapshot(), {
      groups: [group('Admins')],
      users: [user('alice', { groups: ['admins-readonly'] })],
    });
    expect(runRule(groupEmpty, snapshot).map((f) => f.resource)).toEqual([
      `arn:aws:iam::${ACCOUNT}:group/Admins`,
    ]);
  });
});
