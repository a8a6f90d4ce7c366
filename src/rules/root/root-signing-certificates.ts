import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { activeCertificateSlots, findRootRow } from '../shared/credential-report.js';
import { dayOf } from '../shared/days.js';
import { rootFindingsFromSummary } from '../shared/root-credentials.js';
import { defineRule } from '../types.js';

export const rootSigningCertificates = defineRule({
  id: 'root-signing-certificates',
  title: 'The root user has no active X.509 signing certificates',
  severity: 'high',
  needs: ['credentialReport', 'accountSummary'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'An X.509 signing certificate is a long-term root credential like an access key: the few services ' +
      'that still accept certificate-signed requests act on it with root power and without MFA. It is ' +
      'easily forgotten because almost nothing uses certificates any more.\n\n' +
      'iamspect reads the active certificate slots from the credential report root row, and falls back to ' +
      '`AccountSigningCertificatesPresent` in the account summary when the report has no root row.',
    remediation:
      'Sign in as root and delete the certificate under **Security credentials**, or call ' +
      'DeleteSigningCertificate with root credentials. In an Organizations member account with ' +
      'centralized root access, the management account can delete root credentials without signing in ' +
      'as root.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteSigningCertificate.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) => {
    const resource = accountArn(snapshot);
    const row = findRootRow(sectionData(snapshot, 'credentialReport'));
    if (!row) {
      const summary = sectionData(snapshot, 'accountSummary');
      return rootFindingsFromSummary(
        summary,
        'AccountSigningCertificatesPresent',
        'a signing certificate',
        resource,
      );
    }
    return activeCertificateSlots(row).map((slot) => {
      const lastRotated = row.certs[slot - 1]!.lastRotated;
      return {
        resource,
        discriminator: `cert${slot}`,
        message: `Root user has active signing certificate ${slot}${lastRotated ? `, uploaded ${dayOf(lastRotated)}` : ''}.`,
        evidence: { source: 'credential report', slot, lastRotated },
      };
    });
  },
});
