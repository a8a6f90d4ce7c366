import { shortResourceName } from '../../src/report/resource-name.js';

const ACCOUNT = '123456789012';

describe('shortResourceName', () => {
  test.each([
    ['an IAM user of the account', `arn:aws:iam::${ACCOUNT}:user/alice`, 'aws', 'user/alice'],
    [
      'a role with a path',
      `arn:aws:iam::${ACCOUNT}:role/service-role/Deployer`,
      'aws',
      'role/service-role/Deployer',
    ],
    ['the account root', `arn:aws:iam::${ACCOUNT}:root`, 'aws', 'account'],
    ['a GovCloud user', `arn:aws-us-gov:iam::${ACCOUNT}:user/alice`, 'aws-us-gov', 'user/alice'],
    [
      'another account',
      'arn:aws:iam::210987654321:role/Cross',
      'aws',
      'arn:aws:iam::210987654321:role/Cross',
    ],
    [
      'another partition',
      `arn:aws-cn:iam::${ACCOUNT}:user/alice`,
      'aws',
      `arn:aws-cn:iam::${ACCOUNT}:user/alice`,
    ],
    [
      'an AWS managed policy',
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'aws',
      'arn:aws:iam::aws:policy/AdministratorAccess',
    ],
    [
      'a non-IAM resource',
      `arn:aws:config:us-east-1:${ACCOUNT}:config-recorder/default`,
      'aws',
      `arn:aws:config:us-east-1:${ACCOUNT}:config-recorder/default`,
    ],
    ['something that is not an ARN', 'template:Resources/AdminRole', 'aws', 'template:Resources/AdminRole'],
  ])('%s', (_, resource, partition, expected) => {
    expect(shortResourceName(resource, ACCOUNT, partition)).toBe(expected);
  });
});
