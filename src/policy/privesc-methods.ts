// Known ways for an IAM principal to gain more permissions than it holds, compiled from public
// research (Rhino Security Labs' list and its pacu scanner, Bishop Fox's iam-vulnerable, NCC
// Group's PMapper, Salesforce's Cloudsplaining, Datadog's pathfinding.cloud paths). Each method
// lists only the actions that are strictly required; enumeration helpers (List*, Get*) are left
// out because a principal can learn names by other means. Ids keep the research's numbering so a
// finding can be traced back to its write-up.

/** What a method abuses, which decides how its findings read and how severe they are. */
export type MethodCategory =
  | 'policy-modification' // rewrite or attach policies to gain their permissions
  | 'credentials-of-other-principal' // sign in as someone else
  | 'passrole-to-service' // hand a role to a service that runs attacker-controlled code
  | 'existing-resource-takeover' // hijack code that already runs with a role
  | 'trust-policy-modification' // make a role trust the attacker
  | 'trust-policy-weakness' // assume a role that already trusts the attacker
  | 'service-specific';

/**
 * What must hold in the account beyond the actions:
 * - `more-permissive-policy-version`: a customer managed policy the principal has holds a
 *   non-default version granting more than the principal has now (SetDefaultPolicyVersion);
 * - `assumable-admin-role`: a full-admin role trusts the account (or the principal) directly;
 * - `organization-management-account`: the audited account is its organization's management
 *   account, where IAM Identity Center's organization instance lives. A member account made
 *   delegated administrator of Identity Center has the same power, but delegations are not
 *   collected, so there the method is not reported. When the organization data is missing the
 *   method is reported as conditional on being the management account: unknown is never "safe".
 */
export type MethodPrecondition =
  'more-permissive-policy-version' | 'assumable-admin-role' | 'organization-management-account';

export interface EscalationMethod {
  id: string;
  name: string;
  category: MethodCategory;
  /** Every action the method needs, each on a resource it can exploit (see ACTION_TARGETS). */
  actions: readonly string[];
  /**
   * The service principal whose role the method ends up using. With iam:PassRole in `actions` the
   * passed role must trust it; otherwise a role trusting it must exist for the method to pay off.
   */
  service?: string;
  precondition?: MethodPrecondition;
  /**
   * Where the method is described: `rhino#N`, `bishopfox`, `pmapper`, `cloudsplaining`,
   * `pathfinding:<path id>` (https://pathfinding.cloud/paths/<path id>), or the URL of a write-up.
   */
  sources: readonly string[];
}

/**
 * The resources an action must be allowed on for a method to work. Actions not listed are useful on
 * any resource (the functions, stacks or instances they act on are not in the snapshot).
 * - `other-user`: a user other than the principal itself (a key for yourself gains nothing);
 * - `user`, `group`, `role`: any user, group or role of the account;
 * - `customer-policy`: a customer managed policy (AWS managed policies cannot be changed);
 * - `instance-profile`: an instance profile of the account.
 */
export type ActionTarget = 'other-user' | 'user' | 'group' | 'role' | 'customer-policy' | 'instance-profile';

export const ACTION_TARGETS: Readonly<Record<string, ActionTarget>> = {
  'iam:createaccesskey': 'other-user',
  'iam:deleteaccesskey': 'other-user',
  'iam:createloginprofile': 'other-user',
  'iam:updateloginprofile': 'other-user',
  'iam:attachuserpolicy': 'user',
  'iam:putuserpolicy': 'user',
  'iam:attachgrouppolicy': 'group',
  'iam:putgrouppolicy': 'group',
  'iam:addusertogroup': 'group',
  'iam:attachrolepolicy': 'role',
  'iam:putrolepolicy': 'role',
  'iam:updateassumerolepolicy': 'role',
  'iam:createrole': 'role',
  'iam:passrole': 'role',
  'sts:assumerole': 'role',
  'iam:createpolicyversion': 'customer-policy',
  'iam:setdefaultpolicyversion': 'customer-policy',
  'iam:createinstanceprofile': 'instance-profile',
  'iam:addroletoinstanceprofile': 'instance-profile',
};

const EC2 = 'ec2.amazonaws.com';
const LAMBDA = 'lambda.amazonaws.com';
const GLUE = 'glue.amazonaws.com';
const CLOUDFORMATION = 'cloudformation.amazonaws.com';
const CODEBUILD = 'codebuild.amazonaws.com';
const SAGEMAKER = 'sagemaker.amazonaws.com';
const ECS_TASKS = 'ecs-tasks.amazonaws.com';
const BEDROCK_AGENTCORE = 'bedrock-agentcore.amazonaws.com';
/** App Runner instance roles (what the running code gets) trust this one, not build.apprunner. */
const APP_RUNNER_TASKS = 'tasks.apprunner.amazonaws.com';
const STEP_FUNCTIONS = 'states.amazonaws.com';

const rhino = (n: number) => `rhino#${n}`;
const pathfinding = (id: string) => `pathfinding:${id}`;
/** Reversec's write-up of ECS task role overrides on existing task definitions (RunTask, StartTask). */
const REVERSEC_ECS = 'https://labs.reversec.com/posts/2025/08/another-ecs-privilege-escalation-path';
/** AWS's list of the IAM and EC2 permissions each Auto Scaling call checks (PassRole for instance profiles). */
const AWS_AUTOSCALING_PERMISSIONS =
  'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-api-permissions.html';
/** CloudQuery's research on escalation through IAM Identity Center permission sets and assignments. */
const CLOUDQUERY_IDENTITY_CENTER = 'https://www.cloudquery.io/blog/aws-priv-esc-identity-center';
/** AWS: CreateAccountAssignment provisions the permission set; later edits need ProvisionPermissionSet. */
const AWS_CREATE_ACCOUNT_ASSIGNMENT =
  'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateAccountAssignment.html';

/**
 * An IAM Identity Center method: it changes which permission sets reach which accounts of the
 * organization, which only the management account (or a delegated administrator) can do.
 */
function identityCenter(id: string, name: string, actions: readonly string[]): EscalationMethod {
  return {
    id,
    name,
    category: 'policy-modification',
    actions,
    precondition: 'organization-management-account',
    sources: [CLOUDQUERY_IDENTITY_CENTER, AWS_CREATE_ACCOUNT_ASSIGNMENT],
  };
}

export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  // ---- rewriting or attaching policies ----
  {
    id: 'rsl-01',
    name: 'Publish a new default version of a customer managed policy',
    category: 'policy-modification',
    actions: ['iam:CreatePolicyVersion'],
    sources: [rhino(1), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-02',
    name: 'Make an older, broader version of a policy the default again',
    category: 'policy-modification',
    actions: ['iam:SetDefaultPolicyVersion'],
    precondition: 'more-permissive-policy-version',
    sources: [rhino(2), 'bishopfox', 'cloudsplaining'],
  },
  {
    id: 'rsl-07',
    name: 'Attach any managed policy (AdministratorAccess) to a user',
    category: 'policy-modification',
    actions: ['iam:AttachUserPolicy'],
    sources: [rhino(7), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-08',
    name: 'Attach any managed policy to a group',
    category: 'policy-modification',
    actions: ['iam:AttachGroupPolicy'],
    sources: [rhino(8), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-09',
    name: 'Attach any managed policy to a role',
    category: 'policy-modification',
    actions: ['iam:AttachRolePolicy'],
    sources: [rhino(9), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-10',
    name: 'Write an inline policy onto a user',
    category: 'policy-modification',
    actions: ['iam:PutUserPolicy'],
    sources: [rhino(10), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-11',
    name: 'Write an inline policy onto a group',
    category: 'policy-modification',
    actions: ['iam:PutGroupPolicy'],
    sources: [rhino(11), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-12',
    name: 'Write an inline policy onto a role',
    category: 'policy-modification',
    actions: ['iam:PutRolePolicy'],
    sources: [rhino(12), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-13',
    name: 'Join a more privileged group',
    category: 'policy-modification',
    actions: ['iam:AddUserToGroup'],
    sources: [rhino(13), 'bishopfox', 'cloudsplaining'],
  },
  {
    id: 'pm-createrole-attach',
    name: 'Create a role trusting oneself and attach a managed policy to it',
    category: 'policy-modification',
    actions: ['iam:CreateRole', 'iam:AttachRolePolicy'],
    sources: ['pmapper'],
  },
  {
    id: 'pm-createrole-put',
    name: 'Create a role trusting oneself and write an inline policy onto it',
    category: 'policy-modification',
    actions: ['iam:CreateRole', 'iam:PutRolePolicy'],
    sources: ['pmapper'],
  },
  {
    id: 'cs-AttachUserPolicyThenCreateAccessKey',
    name: 'Attach a policy to another user, then mint an access key for that user',
    category: 'policy-modification',
    actions: ['iam:AttachUserPolicy', 'iam:CreateAccessKey'],
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PutUserPolicyThenCreateAccessKey',
    name: 'Write an inline policy onto another user, then mint an access key for that user',
    category: 'policy-modification',
    actions: ['iam:PutUserPolicy', 'iam:CreateAccessKey'],
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-CreatePolicyVersionThenAssumeRole',
    name: "Rewrite a role's customer managed policy, then assume the role",
    category: 'policy-modification',
    actions: ['iam:CreatePolicyVersion', 'sts:AssumeRole'],
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-AttachRolePolicyThenUpdateAssumeRolePolicy',
    name: 'Attach a policy to a role and make the role trust oneself',
    category: 'policy-modification',
    actions: ['iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'],
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-CreatePolicyVersionThenUpdateAssumeRolePolicy',
    name: "Rewrite a role's customer managed policy and make the role trust oneself",
    category: 'policy-modification',
    actions: ['iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy'],
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PutRolePolicyThenUpdateAssumeRolePolicy',
    name: 'Write an inline policy onto a role and make the role trust oneself',
    category: 'policy-modification',
    actions: ['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'],
    sources: ['cloudsplaining'],
  },

  // ---- credentials of another principal ----
  {
    id: 'rsl-04',
    name: 'Mint an access key for another user',
    category: 'credentials-of-other-principal',
    actions: ['iam:CreateAccessKey'],
    sources: [rhino(4), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'cs-CreateAndRotateAccessKey',
    name: "Delete one of another user's access keys to make room for a new one",
    category: 'credentials-of-other-principal',
    actions: ['iam:CreateAccessKey', 'iam:DeleteAccessKey'],
    sources: ['cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-05',
    name: 'Give another user a console password',
    category: 'credentials-of-other-principal',
    actions: ['iam:CreateLoginProfile'],
    sources: [rhino(5), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-06',
    name: "Reset another user's console password",
    category: 'credentials-of-other-principal',
    actions: ['iam:UpdateLoginProfile'],
    sources: [rhino(6), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },

  // ---- trust policies ----
  {
    id: 'rsl-14',
    name: "Rewrite a role's trust policy to trust oneself, then assume it",
    category: 'trust-policy-modification',
    actions: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
    sources: [rhino(14), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'bf-sts-assumerole',
    name: 'Assume a full-admin role that trusts the whole account',
    category: 'trust-policy-weakness',
    actions: ['sts:AssumeRole'],
    precondition: 'assumable-admin-role',
    sources: ['bishopfox', 'pmapper'],
  },

  // ---- passing a role to a service ----
  {
    id: 'rsl-03',
    name: 'Launch an EC2 instance with an instance profile and read its role credentials',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    service: EC2,
    sources: [rhino(3), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'pm-ec2-new-instance-profile',
    name: 'Wrap a role in a new instance profile and launch an EC2 instance with it',
    category: 'passrole-to-service',
    actions: [
      'iam:PassRole',
      'ec2:RunInstances',
      'iam:CreateInstanceProfile',
      'iam:AddRoleToInstanceProfile',
    ],
    service: EC2,
    sources: ['pmapper'],
  },
  {
    id: 'pm-ec2-associate-profile',
    name: 'Launch an EC2 instance, then attach an instance profile to it',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ec2:RunInstances', 'ec2:AssociateIamInstanceProfile'],
    service: EC2,
    sources: ['pmapper'],
  },
  {
    id: 'cs-PassExistingRoleToNewEC2SpotInstance',
    name: 'Request a Spot instance with an instance profile',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ec2:RequestSpotInstances'],
    service: EC2,
    sources: ['cloudsplaining'],
  },
  {
    id: 'pm-autoscaling-new-lc',
    name: 'Create a launch configuration with an instance profile and an Auto Scaling group from it',
    category: 'passrole-to-service',
    actions: ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup', 'iam:PassRole'],
    service: EC2,
    sources: ['pmapper'],
  },
  {
    // A launch configuration's instance profile is checked against iam:PassRole when the
    // configuration is created; the group then launches instances with it, no ec2:RunInstances
    // needed. (A launch template instead needs ec2:RunInstances and iam:PassRole of the caller
    // when the group is updated: rsl-03 already covers those two actions.)
    id: 'aws-autoscaling-update-lc',
    name: 'Create a launch configuration with an instance profile and switch an existing Auto Scaling group to it',
    category: 'passrole-to-service',
    actions: ['autoscaling:CreateLaunchConfiguration', 'autoscaling:UpdateAutoScalingGroup', 'iam:PassRole'],
    service: EC2,
    sources: [AWS_AUTOSCALING_PERMISSIONS],
  },
  {
    id: 'rsl-15',
    name: 'Create a Lambda function with a role and invoke it',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    service: LAMBDA,
    sources: [rhino(15), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-16',
    name: 'Create a Lambda function with a role and let another account invoke it',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:AddPermission'],
    service: LAMBDA,
    sources: [rhino(16)],
  },
  {
    id: 'rsl-17a',
    name: 'Create a Lambda function with a role, triggered by an existing DynamoDB stream',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    service: LAMBDA,
    sources: [rhino(17), 'bishopfox', 'cloudsplaining'],
  },
  {
    id: 'rsl-17b',
    name: 'Create a Lambda function with a role, triggered by a DynamoDB table one creates and writes to',
    category: 'passrole-to-service',
    actions: [
      'iam:PassRole',
      'lambda:CreateFunction',
      'lambda:CreateEventSourceMapping',
      'dynamodb:CreateTable',
      'dynamodb:PutItem',
    ],
    service: LAMBDA,
    sources: [rhino(17)],
  },
  {
    id: 'pm-lambda-swap-role',
    name: "Replace an existing Lambda function's code and role",
    category: 'passrole-to-service',
    actions: ['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'iam:PassRole'],
    service: LAMBDA,
    sources: ['pmapper'],
  },
  {
    id: 'rsl-19',
    name: 'Create a Glue development endpoint with a role and log in to it',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'glue:CreateDevEndpoint'],
    service: GLUE,
    sources: [rhino(19), 'bishopfox', 'cloudsplaining'],
  },
  {
    id: 'cs-PassExistingRoleToNewGlueJobThenRun',
    name: 'Create a Glue job with a role and run it',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'glue:CreateJob', 'glue:StartJobRun'],
    service: GLUE,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PassExistingRoleToNewGlueJobViaTrigger',
    name: 'Create a Glue job with a role and a trigger that runs it',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'glue:CreateJob', 'glue:CreateTrigger'],
    service: GLUE,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PassExistingRoleToUpdatedGlueJobThenRun',
    name: 'Give an existing Glue job a role and run it',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'glue:UpdateJob', 'glue:StartJobRun'],
    service: GLUE,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PassExistingRoleToUpdatedGlueJobViaTrigger',
    name: 'Give an existing Glue job a role and a trigger that runs it',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'glue:UpdateJob', 'glue:CreateTrigger'],
    service: GLUE,
    sources: ['cloudsplaining'],
  },
  {
    id: 'rsl-21',
    name: 'Create a CloudFormation stack that runs with a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
    service: CLOUDFORMATION,
    sources: [rhino(21), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'pm-cfn-updatestack-passrole',
    name: 'Update a CloudFormation stack to run with another role',
    category: 'passrole-to-service',
    actions: ['cloudformation:UpdateStack', 'iam:PassRole'],
    service: CLOUDFORMATION,
    sources: ['pmapper'],
  },
  {
    id: 'cs-PassExistingRoleToNewCloudFormationStackSet',
    name: 'Create a CloudFormation stack set with an administration role and deploy instances',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
    service: CLOUDFORMATION,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PassRoleToUpdateCloudFormationStackSet',
    name: 'Update a CloudFormation stack set to use another administration role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'cloudformation:UpdateStackSet'],
    service: CLOUDFORMATION,
    sources: ['cloudsplaining'],
  },
  {
    id: 'rsl-22',
    name: 'Create a Data Pipeline that runs commands with a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'],
    service: 'datapipeline.amazonaws.com',
    sources: [rhino(22), 'bishopfox', 'cloudsplaining'],
  },
  {
    id: 'rsl-24',
    name: 'Create a CodeStar project with a role',
    category: 'passrole-to-service',
    actions: ['codestar:CreateProject', 'iam:PassRole'],
    service: 'codestar.amazonaws.com',
    sources: [rhino(24)],
  },
  {
    id: 'rsl-27',
    name: 'Create a SageMaker notebook with a role and open it through a presigned URL',
    category: 'passrole-to-service',
    actions: [
      'iam:PassRole',
      'sagemaker:CreateNotebookInstance',
      'sagemaker:CreatePresignedNotebookInstanceUrl',
    ],
    service: SAGEMAKER,
    sources: [rhino(27), 'bishopfox', 'pmapper'],
  },
  {
    id: 'bf-sagemaker-training',
    name: 'Run a SageMaker training job with a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'sagemaker:CreateTrainingJob'],
    service: SAGEMAKER,
    sources: ['bishopfox', 'pmapper'],
  },
  {
    id: 'bf-sagemaker-processing',
    name: 'Run a SageMaker processing job with a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'sagemaker:CreateProcessingJob'],
    service: SAGEMAKER,
    sources: ['bishopfox', 'pmapper'],
  },
  {
    id: 'bf-codebuild-createproject',
    name: 'Create a CodeBuild project with a role and start a build',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'],
    service: CODEBUILD,
    sources: ['bishopfox', 'pmapper'],
  },
  {
    id: 'cs-PassExistingRoleToNewCodeBuildProjectThenBuildBatch',
    name: 'Create a CodeBuild project with a role and start a batch build',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuildBatch'],
    service: CODEBUILD,
    sources: ['cloudsplaining', 'pmapper'],
  },
  {
    id: 'pm-codebuild-updateproject',
    name: 'Give an existing CodeBuild project a role and start a build',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'codebuild:UpdateProject', 'codebuild:StartBuild'],
    service: CODEBUILD,
    sources: ['pmapper'],
  },
  {
    id: 'cs-PassExistingRoleToNewAppRunnerService',
    name: 'Create an App Runner service with an instance role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'apprunner:CreateService'],
    service: APP_RUNNER_TASKS,
    sources: ['cloudsplaining', pathfinding('apprunner-001')],
  },
  {
    id: 'cs-PassExistingRoleToNewBedrockCodeInterpreter',
    name: 'Create a Bedrock AgentCore code interpreter with a role and run code in it',
    category: 'passrole-to-service',
    actions: [
      'iam:PassRole',
      'bedrock-agentcore:CreateCodeInterpreter',
      'bedrock-agentcore:StartCodeInterpreterSession',
      'bedrock-agentcore:InvokeCodeInterpreter',
    ],
    service: BEDROCK_AGENTCORE,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PassExistingRoleToNewECSClusterServiceTask',
    name: 'Create an ECS cluster and a service whose task definition has a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    service: ECS_TASKS,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PassExistingRoleToNewECSClusterRunTask',
    name: 'Create an ECS cluster and run a task whose definition has a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    service: ECS_TASKS,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PassExistingRoleToNewECSService',
    name: 'Create an ECS service whose task definition has a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    service: ECS_TASKS,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PassExistingRoleToNewECSTaskViaRunTask',
    name: 'Run an ECS task whose definition has a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    service: ECS_TASKS,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-PassExistingRoleToNewECSTaskViaStartTask',
    name: 'Start an ECS task whose definition has a role on a chosen container instance',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:StartTask'],
    service: ECS_TASKS,
    sources: ['cloudsplaining'],
  },
  {
    id: 'pf-ecs-008',
    name: 'Run an existing ECS task definition with another task role and command (RunTask overrides)',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ecs:RunTask'],
    service: ECS_TASKS,
    sources: [pathfinding('ecs-008'), REVERSEC_ECS],
  },
  {
    id: 'pf-ecs-009',
    name: 'Start an existing ECS task definition with another task role and command (StartTask overrides)',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ecs:StartTask'],
    service: ECS_TASKS,
    sources: [pathfinding('ecs-009'), REVERSEC_ECS],
  },
  {
    id: 'pf-stepfunctions-001',
    name: 'Create a Step Functions state machine with a role and start it',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'states:CreateStateMachine', 'states:StartExecution'],
    service: STEP_FUNCTIONS,
    sources: [pathfinding('stepfunctions-001')],
  },
  {
    // The job role of a Batch container is a task role: it trusts ecs-tasks.amazonaws.com.
    id: 'pf-batch-001',
    name: 'Register a Batch job definition with a job role and submit a job',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'batch:RegisterJobDefinition', 'batch:SubmitJob'],
    service: ECS_TASKS,
    sources: [pathfinding('batch-001')],
  },
  {
    id: 'pf-bedrock-003',
    name: 'Create a Bedrock AgentCore runtime with a role and run commands in it',
    category: 'passrole-to-service',
    actions: [
      'iam:PassRole',
      'bedrock-agentcore:CreateAgentRuntime',
      'bedrock-agentcore:CreateAgentRuntimeEndpoint',
      'bedrock-agentcore:CreateWorkloadIdentity',
      'bedrock-agentcore:InvokeAgentRuntimeCommand',
    ],
    service: BEDROCK_AGENTCORE,
    sources: [pathfinding('bedrock-003')],
  },
  {
    id: 'pf-bedrock-005',
    name: 'Create a Bedrock AgentCore harness with a role and run commands in it',
    category: 'passrole-to-service',
    actions: [
      'iam:PassRole',
      'bedrock-agentcore:CreateHarness',
      'bedrock-agentcore:CreateAgentRuntime',
      'bedrock-agentcore:CreateAgentRuntimeEndpoint',
      'bedrock-agentcore:CreateWorkloadIdentity',
      'bedrock-agentcore:GetAgentRuntime',
      'bedrock-agentcore:GetHarness',
      'bedrock-agentcore:InvokeAgentRuntimeCommand',
    ],
    service: BEDROCK_AGENTCORE,
    sources: [pathfinding('bedrock-005')],
  },
  {
    id: 'pf-bedrock-006',
    name: 'Create a Bedrock AgentCore browser with a role and drive it to read the role credentials',
    category: 'passrole-to-service',
    actions: [
      'iam:PassRole',
      'bedrock-agentcore:CreateBrowser',
      'bedrock-agentcore:StartBrowserSession',
      'bedrock-agentcore:ConnectBrowserAutomationStream',
    ],
    service: BEDROCK_AGENTCORE,
    sources: [pathfinding('bedrock-006')],
  },
  {
    // The code runs on the cluster's EC2 nodes, with the instance profile (JobFlowRole).
    id: 'pf-emr-001',
    name: 'Launch an EMR cluster with an instance profile and a step that runs commands',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'elasticmapreduce:RunJobFlow'],
    service: EC2,
    sources: [pathfinding('emr-001')],
  },
  {
    id: 'pf-emrserverless-001',
    name: 'Create an EMR Serverless application and start a job run with an execution role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'emr-serverless:CreateApplication', 'emr-serverless:StartJobRun'],
    service: 'emr-serverless.amazonaws.com',
    sources: [pathfinding('emrserverless-001')],
  },
  {
    id: 'pf-glue-007',
    name: 'Create a Glue interactive session with a role and run code in it',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'glue:CreateSession', 'glue:RunStatement'],
    service: GLUE,
    sources: [pathfinding('glue-007')],
  },
  {
    // The build instance runs the component with the instance profile passed in the infrastructure configuration.
    id: 'pf-imagebuilder-001',
    name: 'Build an EC2 Image Builder image whose component runs commands with an instance profile',
    category: 'passrole-to-service',
    actions: [
      'iam:PassRole',
      'imagebuilder:CreateComponent',
      'imagebuilder:CreateImageRecipe',
      'imagebuilder:CreateInfrastructureConfiguration',
      'imagebuilder:CreateImage',
    ],
    service: EC2,
    sources: [pathfinding('imagebuilder-001')],
  },
  {
    id: 'pf-kinesisanalytics-001',
    name: 'Create and start a Managed Apache Flink (Kinesis Analytics) application with a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'kinesisanalytics:CreateApplication', 'kinesisanalytics:StartApplication'],
    service: 'kinesisanalytics.amazonaws.com',
    sources: [pathfinding('kinesisanalytics-001')],
  },
  {
    // The write-up reads the credentials back with s3:GetObject, but the bucket they are written
    // to can be the attacker's own, read with other credentials: not strictly required.
    id: 'pf-omics-001',
    name: 'Create a HealthOmics workflow and start a run with a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'omics:CreateWorkflow', 'omics:StartRun'],
    service: 'omics.amazonaws.com',
    sources: [pathfinding('omics-001')],
  },
  {
    id: 'pf-scheduler-001',
    name: 'Create an EventBridge Scheduler schedule that calls any AWS API with a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'scheduler:CreateSchedule'],
    service: 'scheduler.amazonaws.com',
    sources: [pathfinding('scheduler-001')],
  },
  {
    id: 'pf-ssm-003',
    name: 'Create an SSM Automation document and run it with a role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'ssm:CreateDocument', 'ssm:StartAutomationExecution'],
    service: 'ssm.amazonaws.com',
    sources: [pathfinding('ssm-003')],
  },
  {
    // AWS's GameLift guide has the fleet instance role trust gamelift.amazonaws.com.
    id: 'pf-gamelift-001',
    name: 'Upload a GameLift build and create a fleet with an instance role',
    category: 'passrole-to-service',
    actions: [
      'iam:PassRole',
      'gamelift:CreateBuild',
      'gamelift:RequestUploadCredentials',
      'gamelift:CreateFleet',
    ],
    service: 'gamelift.amazonaws.com',
    sources: [pathfinding('gamelift-001')],
  },
  {
    id: 'pf-braket-001',
    name: 'Create an Amazon Braket hybrid job with an execution role',
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'braket:CreateJob'],
    service: 'braket.amazonaws.com',
    sources: [pathfinding('braket-001')],
  },
  {
    // Roles for identity pools trust cognito-identity.amazonaws.com as a federated principal.
    id: 'pf-cognitoidentity-001',
    name: "Bind a role to a Cognito identity pool's unauthenticated identities and get its credentials",
    category: 'passrole-to-service',
    actions: ['iam:PassRole', 'cognito-identity:SetIdentityPoolRoles'],
    service: 'cognito-identity.amazonaws.com',
    sources: [pathfinding('cognitoidentity-001')],
  },

  // ---- taking over code that already runs with a role ----
  {
    id: 'rsl-18',
    name: "Replace an existing Lambda function's code",
    category: 'existing-resource-takeover',
    actions: ['lambda:UpdateFunctionCode'],
    service: LAMBDA,
    sources: [rhino(18), 'bishopfox', 'cloudsplaining', 'pmapper'],
  },
  {
    id: 'rsl-26',
    name: 'Add a malicious layer to an existing Lambda function',
    category: 'existing-resource-takeover',
    actions: ['lambda:UpdateFunctionConfiguration'],
    service: LAMBDA,
    sources: [rhino(26)],
  },
  {
    id: 'cs-UpdateAndInvokeLambdaFunction',
    name: "Replace an existing Lambda function's code and invoke it",
    category: 'existing-resource-takeover',
    actions: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
    service: LAMBDA,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-UpdateLambdaFunctionAndAddPermission',
    name: "Replace an existing Lambda function's code and let oneself invoke it",
    category: 'existing-resource-takeover',
    actions: ['lambda:UpdateFunctionCode', 'lambda:AddPermission'],
    service: LAMBDA,
    sources: ['cloudsplaining'],
  },
  {
    id: 'rsl-20',
    name: "Put one's own SSH key on an existing Glue development endpoint",
    category: 'existing-resource-takeover',
    actions: ['glue:UpdateDevEndpoint'],
    service: GLUE,
    sources: [rhino(20), 'bishopfox', 'cloudsplaining'],
  },
  {
    id: 'rsl-28',
    name: 'Open an existing SageMaker notebook through a presigned URL',
    category: 'existing-resource-takeover',
    actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'],
    service: SAGEMAKER,
    sources: [rhino(28)],
  },
  {
    id: 'cs-UpdateSageMakerNotebookLifecycleConfig',
    name: 'Give an existing SageMaker notebook a malicious lifecycle script and restart it',
    category: 'existing-resource-takeover',
    actions: [
      'sagemaker:CreateNotebookInstanceLifecycleConfig',
      'sagemaker:StopNotebookInstance',
      'sagemaker:UpdateNotebookInstance',
      'sagemaker:StartNotebookInstance',
    ],
    service: SAGEMAKER,
    sources: ['cloudsplaining'],
  },
  {
    id: 'bf-ec2-instance-connect',
    name: 'Push an SSH key to an EC2 instance through EC2 Instance Connect',
    category: 'existing-resource-takeover',
    actions: ['ec2-instance-connect:SendSSHPublicKey'],
    service: EC2,
    sources: ['bishopfox'],
  },
  {
    id: 'bf-ssm-sendcommand',
    name: 'Run commands on an EC2 instance through SSM Run Command',
    category: 'existing-resource-takeover',
    actions: ['ssm:SendCommand'],
    service: EC2,
    sources: ['bishopfox', 'pmapper'],
  },
  {
    id: 'bf-ssm-startsession',
    name: 'Open a shell on an EC2 instance through SSM Session Manager',
    category: 'existing-resource-takeover',
    actions: ['ssm:StartSession'],
    service: EC2,
    sources: ['bishopfox', 'pmapper'],
  },
  {
    id: 'cs-ModifyEC2InstanceUserDataThenRestart',
    name: "Change a stopped EC2 instance's user data and start it",
    category: 'existing-resource-takeover',
    actions: ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
    service: EC2,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-ModifyExistingEC2LaunchTemplate',
    name: 'Publish a new default version of an EC2 launch template',
    category: 'existing-resource-takeover',
    actions: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
    service: EC2,
    sources: ['cloudsplaining'],
  },
  {
    id: 'pm-autoscaling-existing-lc',
    name: 'Create an Auto Scaling group from an existing launch configuration',
    category: 'existing-resource-takeover',
    actions: ['autoscaling:CreateAutoScalingGroup'],
    service: EC2,
    sources: ['pmapper'],
  },
  {
    id: 'bf-cfn-updatestack',
    name: 'Update a CloudFormation stack that runs with a service role',
    category: 'existing-resource-takeover',
    actions: ['cloudformation:UpdateStack'],
    service: CLOUDFORMATION,
    sources: ['bishopfox', 'pmapper'],
  },
  {
    id: 'pm-cfn-changeset',
    name: 'Create and execute a change set on a stack that runs with a service role',
    category: 'existing-resource-takeover',
    actions: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
    service: CLOUDFORMATION,
    sources: ['pmapper'],
  },
  {
    id: 'pm-codebuild-existing-project',
    name: 'Start a build of an existing CodeBuild project with overridden commands',
    category: 'existing-resource-takeover',
    actions: ['codebuild:StartBuild'],
    service: CODEBUILD,
    sources: ['pmapper'],
  },
  {
    id: 'cs-ECSExecuteCommandOnRunningTask',
    name: 'Open a shell in a running ECS task with ECS Exec',
    category: 'existing-resource-takeover',
    actions: ['ecs:ExecuteCommand', 'ecs:DescribeTasks'],
    service: ECS_TASKS,
    sources: ['cloudsplaining'],
  },
  {
    id: 'cs-AccessExistingBedrockCodeInterpreterSession',
    name: 'Run code in an existing Bedrock AgentCore code interpreter session',
    category: 'existing-resource-takeover',
    actions: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
    service: BEDROCK_AGENTCORE,
    sources: ['cloudsplaining'],
  },
  {
    id: 'pf-apprunner-002',
    name: 'Update an existing App Runner service to run other code with its instance role',
    category: 'existing-resource-takeover',
    actions: ['apprunner:UpdateService'],
    service: APP_RUNNER_TASKS,
    sources: [pathfinding('apprunner-002')],
  },
  {
    id: 'pf-codebuild-003',
    name: 'Start a batch build of an existing CodeBuild project with overridden commands',
    category: 'existing-resource-takeover',
    actions: ['codebuild:StartBuildBatch'],
    service: CODEBUILD,
    sources: [pathfinding('codebuild-003')],
  },
  {
    id: 'pf-stepfunctions-002',
    name: "Replace an existing Step Functions state machine's definition and start it",
    category: 'existing-resource-takeover',
    actions: ['states:UpdateStateMachine', 'states:StartExecution'],
    service: STEP_FUNCTIONS,
    sources: [pathfinding('stepfunctions-002')],
  },
  {
    id: 'pf-batch-002',
    name: 'Submit a Batch job from an existing job definition with an overridden command',
    category: 'existing-resource-takeover',
    actions: ['batch:SubmitJob'],
    service: ECS_TASKS,
    sources: [pathfinding('batch-002')],
  },
  {
    id: 'pf-bedrock-004',
    name: 'Run commands in an existing Bedrock AgentCore runtime or harness',
    category: 'existing-resource-takeover',
    actions: ['bedrock-agentcore:InvokeAgentRuntimeCommand'],
    service: BEDROCK_AGENTCORE,
    sources: [pathfinding('bedrock-004')],
  },
  {
    id: 'pf-bedrock-007',
    name: 'Drive an existing Bedrock AgentCore browser to read its role credentials',
    category: 'existing-resource-takeover',
    actions: ['bedrock-agentcore:StartBrowserSession', 'bedrock-agentcore:ConnectBrowserAutomationStream'],
    service: BEDROCK_AGENTCORE,
    sources: [pathfinding('bedrock-007')],
  },
  {
    // The deployment's hooks run on the group's EC2 instances, with their instance profile.
    id: 'pf-codedeploy-001',
    name: 'Deploy a revision whose hooks run commands on EC2 instances of an existing deployment group',
    category: 'existing-resource-takeover',
    actions: [
      'codedeploy:CreateDeployment',
      'codedeploy:RegisterApplicationRevision',
      'codedeploy:GetDeploymentConfig',
    ],
    service: EC2,
    sources: [pathfinding('codedeploy-001')],
  },

  // ---- IAM Identity Center (organization management account) ----
  // The attacker assigns the permission set to an Identity Center user or group it can sign in as.
  identityCenter(
    'sso-assign-permission-set',
    'Assign an existing (administrator) permission set to oneself in any account of the organization',
    ['sso:CreateAccountAssignment'],
  ),
  identityCenter(
    'sso-new-permission-set-managed',
    'Create a permission set, attach AdministratorAccess to it and assign it to oneself',
    ['sso:CreatePermissionSet', 'sso:AttachManagedPolicyToPermissionSet', 'sso:CreateAccountAssignment'],
  ),
  identityCenter(
    'sso-new-permission-set-inline',
    'Create a permission set, write an inline policy into it and assign it to oneself',
    ['sso:CreatePermissionSet', 'sso:PutInlinePolicyToPermissionSet', 'sso:CreateAccountAssignment'],
  ),
  identityCenter(
    'sso-edit-assigned-permission-set-inline',
    'Write an inline policy into a permission set assigned to oneself and provision it',
    ['sso:PutInlinePolicyToPermissionSet', 'sso:ProvisionPermissionSet'],
  ),
  identityCenter(
    'sso-edit-assigned-permission-set-managed',
    'Attach a managed policy to a permission set assigned to oneself and provision it',
    ['sso:AttachManagedPolicyToPermissionSet', 'sso:ProvisionPermissionSet'],
  ),

  // ---- service-specific ----
  {
    id: 'rsl-23',
    name: 'Create a CodeStar project from a template (undocumented API) with its own privileged role',
    category: 'service-specific',
    actions: ['codestar:CreateProjectFromTemplate'],
    sources: [rhino(23)],
  },
  {
    id: 'rsl-25',
    name: 'Create a CodeStar project and make oneself its owner',
    category: 'service-specific',
    actions: ['codestar:CreateProject', 'codestar:AssociateTeamMember'],
    sources: [rhino(25)],
  },
];

/**
 * Services that run what a caller hands them (code, commands, templates, API calls) with a role:
 * those of the methods that pass a role to a service or take over compute already running as one.
 */
export const SERVICES_RUNNING_AS_ROLE: readonly string[] = [
  ...new Set(
    ESCALATION_METHODS.flatMap((method) =>
      method.service &&
      (method.category === 'passrole-to-service' || method.category === 'existing-resource-takeover')
        ? [method.service]
        : [],
    ),
  ),
].sort();
