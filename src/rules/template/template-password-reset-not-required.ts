import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { defineRule } from '../types.js';

export const templatePasswordResetNotRequired = defineRule({
  id: 'template-password-reset-not-required',
  title: 'Console users created by templates must set a new password at first sign-in',
  severity: 'medium',
  needs: ['cloudFormation'],
  runsOn: 'template',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'The password a template sets is known to whoever wrote or deployed it, and often to whoever can ' +
      'read the secret or the template. `PasswordResetRequired: true` makes the user replace it at the ' +
      'first sign-in, so only the user knows the password they actually use.\n\n' +
      'A value only known at deploy time (a parameter without a `Default`) is not flagged.',
    remediation:
      "Add `PasswordResetRequired: true` to the user's `LoginProfile`, and make sure the account password " +
      'policy lets users change their own password (or attach `IAMUserChangePassword`).',
    references: [
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-iam-user-loginprofile.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) =>
    sectionData(snapshot, 'cloudFormation').templates.flatMap((template) =>
      template.loginProfiles
        .filter((profile) => profile.passwordResetRequired === false)
        .map((profile) => ({
          resource: profile.userArn,
          message: `Login profile of user ${profile.userName} does not require a new password at first sign-in (PasswordResetRequired is not true).`,
          location: profile.location,
        })),
    ),
});
