// acme/iam-user-path, table-driven with the test kit: every case a snapshot, every invalid case the
// exact findings. Run with `npm test` (node:test).
import { describe, it } from 'node:test';
import { emptySnapshot, ruleCases, user, withAuthorizationDetails } from 'iamspect/testing';
import { iamUserPath } from '../rules/iam-user-path.js';

/** A snapshot of one account holding these users ([name, path] each). */
function usersAt(...users) {
  return withAuthorizationDetails(emptySnapshot(), {
    users: users.map(([name, path]) => user(name, { path })),
  });
}

const ARN = 'arn:aws:iam::123456789012:user/';

ruleCases(
  iamUserPath,
  {
    valid: [
      { name: 'a person under /humans/', snapshot: usersAt(['alice', '/humans/']) },
      { name: 'a workload below /machines/', snapshot: usersAt(['ci', '/machines/ci/']) },
      { name: 'no users at all', snapshot: usersAt() },
      {
        name: 'a path the options allow',
        snapshot: usersAt(['batch', '/service/']),
        options: { allowedPaths: ['/service/'] },
      },
    ],
    invalid: [
      {
        name: 'a user at the root path',
        snapshot: usersAt(['alice', '/humans/'], ['bob', '/']),
        findings: [{ resource: `${ARN}bob`, message: 'bob is under / (allowed: /humans/, /machines/).' }],
      },
      {
        name: 'a path that only starts with the same letters',
        snapshot: usersAt(['eve', '/humansx/']),
        findings: [
          { resource: `${ARN}eve`, message: 'eve is under /humansx/ (allowed: /humans/, /machines/).' },
        ],
      },
      {
        name: 'a default path once the options replace the defaults',
        snapshot: usersAt(['carol', '/humans/']),
        options: { allowedPaths: ['/service/'] },
        findings: [{ resource: `${ARN}carol`, message: 'carol is under /humans/ (allowed: /service/).' }],
      },
    ],
  },
  { describe, it },
);
