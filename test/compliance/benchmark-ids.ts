// The control ids of each benchmark, written down separately from src/compliance so that a control
// left out of (or mistyped in) a framework's table fails a test. Sources: the CIS AWS Foundations
// Benchmark documents v3.0.0, v4.0.1, v5.0.0, v6.0.0, v7.0.0 (IAM section, plus the CloudTrail,
// AWS Config and root-use monitoring controls) and the Security Hub FSBP standard's control list.
function numbered(section: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${section}.${index + 1}`);
}

export const BENCHMARK_IDS: Record<string, string[]> = {
  'cis-aws-3.0': [...numbered('1', 22), '2.1.4', '3.1', '3.2', '3.3', '4.3'],
  'cis-aws-4.0': [...numbered('1', 22), '3.1', '3.2', '3.3', '4.3'],
  'cis-aws-5.0': [...numbered('1', 21), '2.1.4', '3.1', '3.2', '3.3', '4.3'],
  'cis-aws-6.0': [...numbered('2', 21), '4.1', '4.2', '4.3', '5.3'],
  'cis-aws-7.0': [...numbered('2.1', 6), ...numbered('2', 21).slice(1), '4.1', '4.2', '4.3', '5.3'],
  'aws-fsbp': [
    'Account.1',
    'Config.1',
    'IAM.1',
    'IAM.2',
    'IAM.3',
    'IAM.4',
    'IAM.5',
    'IAM.6',
    'IAM.7',
    'IAM.8',
    'IAM.21',
    'KMS.1',
    'KMS.2',
  ],
};
