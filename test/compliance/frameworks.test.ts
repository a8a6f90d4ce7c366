// Each framework's control table against the benchmark's own list, and the rule metadata it is
// joined with: a rule may only name controls the benchmark has, and every limit names a real option.
import { frameworkControls } from '../../src/compliance/controls.js';
import { FRAMEWORKS, findFramework } from '../../src/compliance/frameworks.js';
import { limitsOf } from '../../src/compliance/thresholds.js';
import { RULES, findRule } from '../../src/rules/index.js';
import { BENCHMARK_IDS } from './benchmark-ids.js';

describe('framework control tables', () => {
  test('the frameworks are exactly those whose benchmark lists are kept', () => {
    expect(FRAMEWORKS.map((framework) => framework.id).sort()).toEqual(Object.keys(BENCHMARK_IDS).sort());
  });

  test.each(FRAMEWORKS.map((framework) => [framework.id, framework] as const))(
    '%s lists every control of the benchmark once, in its order',
    (id, framework) => {
      expect(framework.controls.map((control) => control.id)).toEqual(BENCHMARK_IDS[id]);
      for (const control of framework.controls) expect(control.title.length).toBeGreaterThan(10);
    },
  );

  test('a rule names only controls its framework has (for the frameworks within scope)', () => {
    for (const framework of FRAMEWORKS.filter((f) => f.tag.startsWith('cis-aws-'))) {
      const known = new Set(framework.controls.map((control) => control.id));
      for (const rule of RULES) {
        for (const id of rule.frameworks[framework.tag] ?? []) {
          expect(`${rule.id} -> ${framework.id} ${id}: ${known.has(id)}`).toBe(
            `${rule.id} -> ${framework.id} ${id}: true`,
          );
        }
      }
    }
  });

  test('controls CIS v7.0 answers with rules, from the rules metadata', () => {
    const controls = frameworkControls(findFramework('cis-aws-7.0')!);
    const byId = Object.fromEntries(controls.map((control) => [control.id, control.rules]));
    expect(byId['2.11']).toEqual(['user-unused-access-key', 'user-unused-password']);
    expect(byId['2.14']).toEqual(['policy-full-admin', 'principal-full-admin']);
    expect(byId['4.3']).toEqual(['config-recorder-disabled']);
    expect(byId['2.2']).toEqual(['account-contact-incomplete']);
    expect(byId['2.19']).toEqual(['identity-federation-missing']);
    expect(byId['2.1.3']).toEqual(['management-account-hygiene']);
    expect(byId['2.1.6']).toEqual(['management-account-hygiene']);
    expect(byId['5.3']).toEqual(['root-use-alarm-missing']);
    expect(byId['2.21']).toEqual(['resource-policy-public']);
    expect(byId['2.16']).toEqual(['ec2-instance-without-role']);
    // No rule yet: OU structure, delegated policy administration.
    for (const id of ['2.1.4', '2.1.5']) expect(byId[id]).toEqual([]);
  });

  test('every option limit names an option of its rule, with a default at least as strict', () => {
    for (const rule of RULES) {
      const defaults = rule.options.parse({}) as Record<string, unknown>;
      for (const limit of limitsOf(rule)) {
        expect(findRule(limit.rule)).toBe(rule);
        expect(typeof defaults[limit.option]).toBe('number');
        const value = defaults[limit.option] as number;
        expect(limit.direction === 'at-most' ? value <= limit.value : value >= limit.value).toBe(true);
        expect(rule.frameworks[limit.tag]).toContain(limit.control);
      }
    }
  });
});
