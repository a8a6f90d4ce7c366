import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { perEnabledRegion } from '../shared/guardrails.js';
import type { Finding } from '../types.js';
import { cis, defineRule } from '../types.js';

export const ec2InstanceWithoutRole = defineRule({
  id: 'ec2-instance-without-role',
  title: 'Running EC2 instances get AWS credentials from an IAM instance role',
  // Low: an instance without a role is not itself exposed, and many never call AWS at all. The
  // harm is the long-lived access keys its software may keep on disk instead, which no API shows.
  severity: 'low',
  needs: ['ec2Instances', 'regions'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'Software on an instance that calls AWS needs credentials. With an IAM role attached through an ' +
      'instance profile it gets temporary ones from the instance metadata service, rotated ' +
      'automatically and usable only as long as the role allows. Without one, the usual fallback is ' +
      "an IAM user's access keys written into a file, an environment variable or the image: keys that " +
      'work from anywhere once copied, are rarely rotated, and outlive the people who know them.\n\n' +
      'One finding per running instance without an instance profile, in every enabled region (read ' +
      'with `ec2:DescribeInstances`, filtered to `instance-state-name=running`: a stopped instance ' +
      'holds no credentials). A region whose instances the caller may not read is reported as not ' +
      'evaluated, by name. A role does not prove the instance holds no keys as well; that needs a ' +
      'look at the instance itself.',
    remediation:
      'Create a role that EC2 may assume with only the permissions the instance needs, and attach it ' +
      'to the running instance without a restart: `aws ec2 associate-iam-instance-profile ' +
      '--instance-id <id> --iam-instance-profile Name=<profile>`. Then remove any access keys from ' +
      'the instance and deactivate them in IAM. Give launch templates an instance profile so new ' +
      'instances start with one.',
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-profile-attached.html',
    ],
  },
  frameworks: cis({ v3: '1.18', v4: '1.18', v5: '1.17', v6: '2.17', v7: '2.16' }),
  check: ({ snapshot, notEvaluated }) => {
    const regions = perEnabledRegion(
      sectionData(snapshot, 'regions'),
      sectionData(snapshot, 'ec2Instances'),
      'ec2Instances',
    );
    return regions.flatMap(({ region, instances, refused }): Finding[] => {
      if (refused) {
        notEvaluated(
          region,
          `ec2:DescribeInstances was refused in ${region} (${refused.code}): its instances are unknown`,
        );
        return [];
      }
      return instances
        .filter((instance) => instance.state === 'running' && instance.instanceProfileArn === null)
        .map(({ instanceId }) => ({
          resource: `arn:${snapshot.partition}:ec2:${region}:${snapshot.accountId}:instance/${instanceId}`,
          message:
            `EC2 instance ${instanceId} in ${region} runs without an IAM instance role: software on it ` +
            'that calls AWS must keep long-lived access keys instead.',
          evidence: { region, instanceId },
        }));
    });
  },
});
