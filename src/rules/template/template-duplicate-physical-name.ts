import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { joinWithAnd } from '../../util/words.js';
import { defineRule } from '../types.js';

export const templateDuplicatePhysicalName = defineRule({
  id: 'template-duplicate-physical-name',
  title: 'Each IAM resource of a template has a name of its own',
  severity: 'medium',
  needs: ['cloudFormation'],
  runsOn: 'template',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'IAM names users, groups, roles, managed policies and instance profiles uniquely within an ' +
      'account: two resources of one template that give the same `UserName`, `RoleName`, ' +
      '`ManagedPolicyName`... cannot both be created, and the deployment fails. A scanner that merged ' +
      'them would also judge only one of them, so a full-admin policy could hide behind a narrow one ' +
      'of the same name. iamspect judges each on its own (its ARN carries its logical id, ' +
      '`arn:aws:iam::000000000000:policy/app#AdminPolicy`) and reports the shared name here, once per ' +
      'name, at the second declaration. Only names written in the template count; generated names are ' +
      'unique.',
    remediation:
      'Give each resource its own name, or leave the name out and let CloudFormation generate one from ' +
      'the stack name and logical id.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names',
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) =>
    sectionData(snapshot, 'cloudFormation').templates.flatMap((template) => {
      const byName = new Map<string, typeof template.resources>();
      for (const resource of template.resources) {
        if (resource.name === null || resource.arn === null) continue;
        const key = `${resource.type} ${resource.name}`;
        byName.set(key, [...(byName.get(key) ?? []), resource]);
      }
      return [...byName.values()]
        .filter((sharing) => sharing.length > 1)
        .map((sharing) => {
          const [first, second] = sharing as [(typeof sharing)[0], (typeof sharing)[0]];
          const logicalIds = sharing.map((resource) => resource.logicalId);
          return {
            resource: first.arn!.replace(/#[^#]*$/, ''),
            discriminator: first.type,
            message:
              `${sharing.length} ${first.type} resources (${joinWithAnd(logicalIds)}) are named ` +
              `${first.name}: IAM names are unique in an account, so the stack cannot be deployed.`,
            evidence: {
              type: first.type,
              name: first.name,
              logicalIds,
              lines: sharing.map((resource) => resource.location.line),
            },
            location: second.location,
          };
        });
    }),
});
