// The CIS Amazon Web Services Foundations Benchmark, v3.0.0 to v7.0.0: every control of the
// Identity and Access Management section (section 1 up to v5, section 2 from v6), plus the
// controls of other sections iamspect judges today (CloudTrail, AWS Config, root use monitored, and
// S3's account-level Block Public Access where the benchmark numbers it 2.1.4: v3.0.0 and v5.0.0,
// as AWS Security Hub maps its S3.1 control). Ids,
// titles and the benchmark's own "Automated"/"Manual" as published by CIS
// (https://www.cisecurity.org/benchmark/amazon_web_services).
import type { BenchmarkControl, Framework } from '../types.js';
import { control } from '../types.js';

const SOURCE = 'https://www.cisecurity.org/benchmark/amazon_web_services';
const CONFIG_TITLE = 'Ensure AWS Config is enabled in all regions';

/**
 * The logging section's controls iamspect judges: CloudTrail in all regions, its log file
 * validation, and AWS Config. Section 3 up to v5.0.0, section 4 from v6.0.0.
 */
function loggingControls(section: '3' | '4'): BenchmarkControl[] {
  return [
    control(`${section}.1`, 'Ensure CloudTrail is enabled in all regions', 'automated'),
    control(`${section}.2`, 'Ensure CloudTrail log file validation is enabled', 'automated'),
    control(`${section}.3`, CONFIG_TITLE, 'automated'),
  ];
}

/** The storage section's S3 Block Public Access control, as v3.0.0 and v5.0.0 number it. */
const S3_BLOCK_PUBLIC_ACCESS = control(
  '2.1.4',
  "Ensure that S3 is configured with 'Block Public Access' enabled",
  'automated',
);

/**
 * The monitoring section's control iamspect judges: root use monitored (a log metric filter and an
 * alarm that notifies). Section 4 up to v5.0.0, section 5 from v6.0.0; CIS has called it Manual
 * since v2.0.0 (the monitoring may live in a SIEM instead), v4.0.1 added "the" to its title.
 */
function monitoringControls(section: '4' | '5', wording: 'v3' | 'v4'): BenchmarkControl[] {
  const root = wording === 'v3' ? "'root' account" : "the 'root' account";
  return [control(`${section}.3`, `Ensure usage of ${root} is monitored`, 'manual')];
}

/** v3.0.0 and v4.0.1 number the IAM section alike; v4 reworded four titles. */
function cisV3V4(wording: 'v3' | 'v4'): BenchmarkControl[] {
  const v4 = wording === 'v4';
  return [
    control('1.1', 'Maintain current contact details', 'manual'),
    control('1.2', 'Ensure security contact information is registered', 'manual'),
    control('1.3', 'Ensure security questions are registered in the AWS account', 'manual'),
    control('1.4', "Ensure no 'root' user account access key exists", 'automated'),
    control('1.5', "Ensure MFA is enabled for the 'root' user account", 'automated'),
    control('1.6', "Ensure hardware MFA is enabled for the 'root' user account", 'manual'),
    control('1.7', "Eliminate use of the 'root' user for administrative and daily tasks", 'manual'),
    control('1.8', 'Ensure IAM password policy requires minimum length of 14 or greater', 'automated'),
    control('1.9', 'Ensure IAM password policy prevents password reuse', 'automated'),
    control(
      '1.10',
      'Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password',
      'automated',
    ),
    control(
      '1.11',
      v4
        ? 'Do not create access keys during initial setup for IAM users with a console password'
        : 'Do not setup access keys during initial user setup for all IAM users that have a console password',
      'manual',
    ),
    control(
      '1.12',
      `Ensure credentials unused for 45 days or ${v4 ? 'more' : 'greater'} are disabled`,
      'automated',
    ),
    control(
      '1.13',
      v4
        ? 'Ensure there is only one active access key for any single IAM user'
        : 'Ensure there is only one active access key available for any single IAM user',
      'automated',
    ),
    control('1.14', 'Ensure access keys are rotated every 90 days or less', 'automated'),
    control('1.15', 'Ensure IAM Users Receive Permissions Only Through Groups', 'automated'),
    control(
      '1.16',
      'Ensure IAM policies that allow full "*:*" administrative privileges are not attached',
      'automated',
    ),
    control(
      '1.17',
      'Ensure a support role has been created to manage incidents with AWS Support',
      'automated',
    ),
    control('1.18', 'Ensure IAM instance roles are used for AWS resource access from instances', 'automated'),
    control(
      '1.19',
      `Ensure that all ${v4 ? '' : 'the '}expired SSL/TLS certificates stored in AWS IAM are removed`,
      'automated',
    ),
    control('1.20', 'Ensure that IAM Access analyzer is enabled for all regions', 'automated'),
    control(
      '1.21',
      'Ensure IAM users are managed centrally via identity federation or AWS Organizations for multi-account environments',
      'manual',
    ),
    control('1.22', 'Ensure access to AWSCloudShellFullAccess is restricted', 'manual'),
    ...(v4 ? [] : [S3_BLOCK_PUBLIC_ACCESS]),
    ...loggingControls('3'),
    ...monitoringControls('4', wording),
  ];
}

/**
 * v5.0.0 dropped "security questions" (1.3) and renumbered what followed; v6.0.0 made IAM section
 * 2 with the same controls in the same order. `section` is the IAM section's number.
 */
function cisV5V6(section: '1' | '2', logging: '3' | '4'): BenchmarkControl[] {
  const titles: Array<[string, BenchmarkControl['assessment']]> = [
    ['Maintain current contact details', 'manual'],
    ['Ensure security contact information is registered', 'manual'],
    ["Ensure no 'root' user account access key exists", 'automated'],
    ["Ensure MFA is enabled for the 'root' user account", 'automated'],
    ["Ensure hardware MFA is enabled for the 'root' user account", 'manual'],
    ["Eliminate use of the 'root' user for administrative and daily tasks", 'manual'],
    ['Ensure IAM password policy requires minimum length of 14 or greater', 'automated'],
    ['Ensure IAM password policy prevents password reuse', 'automated'],
    [
      'Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password',
      'automated',
    ],
    ['Do not create access keys during initial setup for IAM users with a console password', 'manual'],
    ['Ensure credentials unused for 45 days or more are disabled', 'automated'],
    ['Ensure there is only one active access key for any single IAM user', 'automated'],
    ['Ensure access keys are rotated every 90 days or less', 'automated'],
    ['Ensure IAM users receive permissions only through groups', 'automated'],
    ['Ensure IAM policies that allow full "*:*" administrative privileges are not attached', 'automated'],
    ['Ensure a support role has been created to manage incidents with AWS Support', 'automated'],
    ['Ensure IAM instance roles are used for AWS resource access from instances', 'automated'],
    ['Ensure that all expired SSL/TLS certificates stored in AWS IAM are removed', 'automated'],
    ['Ensure that IAM External Access Analyzer is enabled for all regions', 'automated'],
    [
      'Ensure IAM users are managed centrally via identity federation or AWS Organizations for multi-account environments',
      'manual',
    ],
    ['Ensure access to AWSCloudShellFullAccess is restricted', 'manual'],
  ];
  return [
    ...titles.map(([title, assessment], index) => control(`${section}.${index + 1}`, title, assessment)),
    // v6.0.0 renumbered the storage section; only v5.0.0's 2.1.4 is confirmed as this control.
    ...(section === '1' ? [S3_BLOCK_PUBLIC_ACCESS] : []),
    ...loggingControls(logging),
    ...monitoringControls(logging === '3' ? '4' : '5', 'v4'),
  ];
}

/** v7.0.0: an AWS Organizations subsection (2.1.x) opens the IAM section, which then runs 2.2 to 2.21. */
const CIS_V7: BenchmarkControl[] = [
  control('2.1.1', 'Ensure centralized root access in AWS Organizations', 'manual'),
  control('2.1.2', 'Ensure authorization guardrails for all AWS Organization accounts', 'manual'),
  control('2.1.3', 'Ensure Organizations management account is not used for workloads', 'manual'),
  control('2.1.4', 'Ensure Organizational Units are structured by environment and sensitivity', 'manual'),
  control('2.1.5', 'Ensure delegated admin manages AWS Organizations policies', 'manual'),
  control('2.1.6', 'Ensure delegated admins manage AWS Organizations-integrated services', 'manual'),
  control('2.2', 'Maintain current AWS account contact details', 'manual'),
  control('2.3', 'Ensure security contact information is registered', 'manual'),
  control('2.4', "Ensure no 'root' user account access key exists", 'automated'),
  control('2.5', "Ensure MFA is enabled for the 'root' user account", 'automated'),
  control('2.6', "Ensure hardware MFA is enabled for the 'root' user account", 'manual'),
  control('2.7', "Eliminate use of the 'root' user for administrative and daily tasks", 'manual'),
  control('2.8', 'Ensure IAM password policy requires minimum length of 14 or greater', 'automated'),
  control('2.9', 'Ensure IAM password policy prevents password reuse', 'automated'),
  control(
    '2.10',
    'Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password',
    'automated',
  ),
  control('2.11', 'Ensure credentials unused for 45 days or more are disabled', 'automated'),
  control('2.12', 'Ensure access keys are rotated every 90 days or less', 'automated'),
  control('2.13', 'Ensure IAM users receive permissions only through groups', 'automated'),
  control(
    '2.14',
    'Ensure IAM policies that allow full "*:*" administrative privileges are not attached',
    'automated',
  ),
  control('2.15', 'Ensure a support role has been created to manage incidents with AWS Support', 'automated'),
  control('2.16', 'Ensure IAM instance roles are used for AWS resource access from instances', 'automated'),
  control('2.17', 'Ensure that all expired SSL/TLS certificates stored in AWS IAM are removed', 'automated'),
  control('2.18', 'Ensure that IAM External Access Analyzer is enabled for all regions', 'automated'),
  control(
    '2.19',
    'Ensure IAM users are managed centrally via identity federation or AWS Organizations for multi-account environments',
    'manual',
  ),
  control('2.20', 'Ensure access to AWSCloudShellFullAccess is restricted', 'manual'),
  control(
    '2.21',
    "Ensure AWS resource policies do not allow unrestricted access using 'Principal': '*'",
    'manual',
  ),
  ...loggingControls('4'),
  ...monitoringControls('5', 'v4'),
];

function cis(
  version: string,
  label: string,
  iamSection: string,
  logging: string,
  monitoring: string,
  controls: BenchmarkControl[],
): Framework {
  return {
    id: `cis-aws-${version}`,
    title: `CIS Amazon Web Services Foundations Benchmark v${label}`,
    tag: `cis-aws-${version}`,
    scope:
      `section ${iamSection} (Identity and Access Management), ${logging}.1-${logging}.3 (CloudTrail, AWS Config) ` +
      `and ${monitoring}.3 (root use monitored)`,
    source: SOURCE,
    controls,
  };
}

export const CIS_AWS_FRAMEWORKS: readonly Framework[] = [
  cis('3.0', '3.0.0', '1', '3', '4', cisV3V4('v3')),
  cis('4.0', '4.0.1', '1', '3', '4', cisV3V4('v4')),
  cis('5.0', '5.0.0', '1', '3', '4', cisV5V6('1', '3')),
  cis('6.0', '6.0.0', '2', '4', '5', cisV5V6('2', '4')),
  cis('7.0', '7.0.0', '2', '4', '5', CIS_V7),
];
