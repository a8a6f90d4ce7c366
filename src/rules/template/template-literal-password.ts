import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { defineRule } from '../types.js';

const LITERAL_SOURCES = new Set(['literal', 'parameter-literal-default']);

export const templateLiteralPassword = defineRule({
  id: 'template-literal-password',
  title: 'Console passwords in templates come from a secret store, not the template text',
  severity: 'critical',
  needs: ['cloudFormation'],
  runsOn: 'template',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A password written in a template is readable by everyone who can read the repository, its ' +
      'history, every fork and CI log, and by anyone with `cloudformation:GetTemplate` on the stack. ' +
      'That includes a parameter whose `Default` is the password: `NoEcho` masks the value in the ' +
      'console and API, not in the template it is written in.\n\n' +
      'Not flagged: a dynamic reference (`{{resolve:secretsmanager:...}}` or `{{resolve:ssm-secure:...}}`), ' +
      'a `NoEcho` parameter without a `Default`, or any other value only known at deploy time. ' +
      'iamspect never prints the password: reports say where it is, masked.',
    remediation:
      'Store the password in AWS Secrets Manager (ideally generated there with `GenerateSecretString`) ' +
      'and reference it with `{{resolve:secretsmanager:SECRET:SecretString:password}}`, or pass it as a ' +
      '`NoEcho` parameter without a `Default`. Then treat the old password as leaked: change it, and ' +
      'remove it from the repository history.',
    references: [
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html',
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds',
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-iam-user-loginprofile.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) =>
    sectionData(snapshot, 'cloudFormation').templates.flatMap((template) =>
      template.loginProfiles
        .filter((profile) => LITERAL_SOURCES.has(profile.passwordSource))
        .map((profile) => ({
          resource: profile.userArn,
          message:
            profile.passwordSource === 'literal'
              ? `Console password of user ${profile.userName} is written in the template as a literal.`
              : `Console password of user ${profile.userName} is the Default of parameter ${profile.parameter}, ` +
                'a literal in the template (NoEcho would not hide it there).',
          evidence: { passwordSource: profile.passwordSource, parameter: profile.parameter },
          location: profile.passwordLocation,
        })),
    ),
});
