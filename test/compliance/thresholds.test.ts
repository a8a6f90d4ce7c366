// A finding claims a control only while the rule's options are as strict as the benchmark asks:
// the exact benchmark value keeps the tag, one step looser drops it.
import { effectiveFrameworks, loosenedLimits } from '../../src/compliance/thresholds.js';
import { findRule } from '../../src/rules/index.js';

function frameworksWith(ruleId: string, options: Record<string, unknown>) {
  const rule = findRule(ruleId)!;
  return effectiveFrameworks(rule, rule.options.parse(options));
}

describe('option limits on control tags', () => {
  test.each([
    // rule, option, value, CIS v7 tag kept, Security Hub ids kept
    ['user-unused-access-key', 'maxUnusedDays', 45, ['2.11'], ['IAM.22', 'IAM.8']],
    ['user-unused-access-key', 'maxUnusedDays', 46, undefined, ['IAM.8']],
    ['user-unused-access-key', 'maxUnusedDays', 90, undefined, ['IAM.8']],
    ['user-unused-access-key', 'maxUnusedDays', 91, undefined, undefined],
    ['user-unused-password', 'maxUnusedDays', 45, ['2.11'], ['IAM.22', 'IAM.8']],
    ['user-unused-password', 'maxUnusedDays', 46, undefined, ['IAM.8']],
    ['password-policy-min-length', 'minLength', 14, ['2.8'], ['IAM.15']],
    ['password-policy-min-length', 'minLength', 13, undefined, undefined],
    ['password-policy-min-length', 'minLength', 20, ['2.8'], ['IAM.15']],
    ['password-policy-reuse', 'minReuse', 24, ['2.9'], ['IAM.16']],
    ['password-policy-reuse', 'minReuse', 23, undefined, undefined],
    ['user-access-key-rotation', 'maxAgeDays', 90, ['2.12'], ['IAM.3']],
    ['user-access-key-rotation', 'maxAgeDays', 91, undefined, undefined],
    ['user-access-key-rotation', 'maxAgeDays', 30, ['2.12'], ['IAM.3']],
  ] as const)('%s %s: %d', (ruleId, option, value, cis7, securityHub) => {
    const frameworks = frameworksWith(ruleId, { [option]: value });
    expect(frameworks['cis-aws-7.0']).toEqual(cis7);
    expect(frameworks['aws-security-hub']).toEqual(securityHub);
  });

  test('a loosened option drops the control in every CIS version', () => {
    const frameworks = frameworksWith('user-unused-access-key', { maxUnusedDays: 60 });
    expect(Object.keys(frameworks)).toEqual(['aws-security-hub']);
  });

  test('the loosened limits say the option, its value and the benchmark value', () => {
    const rule = findRule('password-policy-max-age')!;
    expect(loosenedLimits(rule, rule.options.parse({ maxAgeDays: 180 }))).toEqual([
      {
        rule: 'password-policy-max-age',
        option: 'maxAgeDays',
        direction: 'at-most',
        value: 90,
        actual: 180,
        tag: 'aws-security-hub',
        control: 'IAM.17',
      },
    ]);
  });
});
