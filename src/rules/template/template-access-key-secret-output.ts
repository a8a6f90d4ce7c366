import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { defineRule } from '../types.js';

export const templateAccessKeySecretOutput = defineRule({
  id: 'template-access-key-secret-output',
  title: 'Templates do not put access key secrets in stack outputs',
  severity: 'high',
  needs: ['cloudFormation'],
  runsOn: 'template',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'Stack outputs are plain text: anyone with `cloudformation:DescribeStacks` on the stack reads them, ' +
      'and they show in the console, in CI logs and in every tool that lists stacks. An output holding ' +
      '`!GetAtt Key.SecretAccessKey` hands out a long-lived credential of the user; exporting it ' +
      '(`Export.Name`) also makes it readable by every stack in the region through `Fn::ImportValue`.',
    remediation:
      'Remove the output. Store the secret where access is controlled and logged instead, e.g. an ' +
      '`AWS::SecretsManager::Secret` whose `SecretString` is built with `!Sub` from the key, and give ' +
      'consumers `secretsmanager:GetSecretValue` on that secret only. Better still, replace the user and ' +
      'its access key with an IAM role. Rotate the key if the stack was ever deployed.',
    references: [
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-accesskey.html',
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) =>
    sectionData(snapshot, 'cloudFormation').templates.flatMap((template) =>
      template.secretOutputs.flatMap((output) => {
        const key = template.accessKeys.find(
          (candidate) => candidate.logicalId === output.accessKeyLogicalId,
        );
        if (!key) return [];
        return [
          {
            resource: key.userArn,
            discriminator: output.outputName,
            message:
              `Output ${output.outputName} contains the SecretAccessKey of access key ${key.logicalId} of user ${key.userName}` +
              (output.exportName ? `, exported as ${output.exportName}.` : '.'),
            evidence: { accessKey: key.logicalId, exportName: output.exportName },
            location: output.location,
          },
        ];
      }),
    ),
});
