// The statements of SAM's policy templates, as the SAM documentation lists them:
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html
// `${Name}` is a parameter of the template (`S3CrudPolicy: {BucketName: !Ref Bucket}`); the
// pseudo parameters are CloudFormation's. A policy template not listed here is reported as not
// analysed, never dropped.

export interface PolicyTemplateStatement {
  actions: readonly string[];
  resources: readonly string[];
}

const REGIONAL = 'arn:${AWS::Partition}:SERVICE:${AWS::Region}:${AWS::AccountId}:';

/** `arn:${AWS::Partition}:service:${AWS::Region}:${AWS::AccountId}:rest` */
function regional(service: string, rest: string): string {
  return `${REGIONAL.replace('SERVICE', service)}${rest}`;
}

function allow(actions: readonly string[], ...resources: string[]): PolicyTemplateStatement {
  return { actions, resources };
}

const TABLE = regional('dynamodb', 'table/${TableName}');
const TABLE_INDEXES = regional('dynamodb', 'table/${TableName}/index/*');
const BUCKET = 'arn:${AWS::Partition}:s3:::${BucketName}';
const BUCKET_OBJECTS = 'arn:${AWS::Partition}:s3:::${BucketName}/*';

export const SAM_POLICY_TEMPLATES: Readonly<Record<string, readonly PolicyTemplateStatement[]>> = {
  AMIDescribePolicy: [allow(['ec2:DescribeImages'], regional('ec2', 'image/*'))],
  AWSSecretsManagerGetSecretValuePolicy: [allow(['secretsmanager:GetSecretValue'], '${SecretArn}')],
  CloudFormationDescribeStacksPolicy: [
    allow(['cloudformation:DescribeStacks'], regional('cloudformation', 'stack/*')),
  ],
  CloudWatchPutMetricPolicy: [allow(['cloudwatch:PutMetricData'], '*')],
  DynamoDBCrudPolicy: [
    allow(
      [
        'dynamodb:GetItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:Scan',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:BatchGetItem',
        'dynamodb:DescribeTable',
        'dynamodb:ConditionCheckItem',
      ],
      TABLE,
      TABLE_INDEXES,
    ),
  ],
  DynamoDBReadPolicy: [
    allow(
      [
        'dynamodb:GetItem',
        'dynamodb:Scan',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:DescribeTable',
      ],
      TABLE,
      TABLE_INDEXES,
    ),
  ],
  DynamoDBStreamReadPolicy: [
    allow(
      ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      regional('dynamodb', 'table/${TableName}/stream/${StreamName}'),
    ),
    allow(['dynamodb:ListStreams'], regional('dynamodb', 'table/${TableName}/stream/*')),
  ],
  DynamoDBWritePolicy: [
    allow(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], TABLE, TABLE_INDEXES),
  ],
  EC2DescribePolicy: [allow(['ec2:DescribeRegions', 'ec2:DescribeInstances'], '*')],
  EventBridgePutEventsPolicy: [allow(['events:PutEvents'], regional('events', 'event-bus/${EventBusName}'))],
  KinesisStreamReadPolicy: [
    allow(['kinesis:ListStreams', 'kinesis:DescribeLimits'], regional('kinesis', 'stream/*')),
    allow(
      [
        'kinesis:DescribeStream',
        'kinesis:DescribeStreamSummary',
        'kinesis:GetRecords',
        'kinesis:GetShardIterator',
      ],
      regional('kinesis', 'stream/${StreamName}'),
    ),
  ],
  KMSDecryptPolicy: [allow(['kms:Decrypt'], regional('kms', 'key/${KeyId}'))],
  KMSEncryptPolicy: [allow(['kms:Encrypt'], regional('kms', 'key/${KeyId}'))],
  LambdaInvokePolicy: [allow(['lambda:InvokeFunction'], regional('lambda', 'function:${FunctionName}*'))],
  S3CrudPolicy: [
    allow(
      [
        's3:GetObject',
        's3:ListBucket',
        's3:GetBucketLocation',
        's3:GetObjectVersion',
        's3:PutObject',
        's3:PutObjectAcl',
        's3:GetLifecycleConfiguration',
        's3:PutLifecycleConfiguration',
        's3:DeleteObject',
      ],
      BUCKET,
      BUCKET_OBJECTS,
    ),
  ],
  S3FullAccessPolicy: [
    allow(
      [
        's3:GetObject',
        's3:GetObjectAcl',
        's3:GetObjectVersion',
        's3:PutObject',
        's3:PutObjectAcl',
        's3:DeleteObject',
        's3:DeleteObjectTagging',
        's3:DeleteObjectVersionTagging',
        's3:GetObjectTagging',
        's3:GetObjectVersionTagging',
        's3:PutObjectTagging',
        's3:PutObjectVersionTagging',
      ],
      BUCKET_OBJECTS,
    ),
    allow(
      [
        's3:ListBucket',
        's3:GetBucketLocation',
        's3:GetLifecycleConfiguration',
        's3:PutLifecycleConfiguration',
      ],
      BUCKET,
    ),
  ],
  S3ReadPolicy: [
    allow(
      [
        's3:GetObject',
        's3:ListBucket',
        's3:GetBucketLocation',
        's3:GetObjectVersion',
        's3:GetLifecycleConfiguration',
      ],
      BUCKET,
      BUCKET_OBJECTS,
    ),
  ],
  S3WritePolicy: [
    allow(['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], BUCKET, BUCKET_OBJECTS),
  ],
  SESCrudPolicy: [
    allow(
      [
        'ses:GetIdentityVerificationAttributes',
        'ses:SendEmail',
        'ses:SendRawEmail',
        'ses:VerifyEmailIdentity',
      ],
      regional('ses', 'identity/${IdentityName}'),
    ),
  ],
  SNSCrudPolicy: [
    allow(
      [
        'sns:ListSubscriptionsByTopic',
        'sns:CreateTopic',
        'sns:SetTopicAttributes',
        'sns:Subscribe',
        'sns:Publish',
      ],
      regional('sns', '${TopicName}*'),
    ),
  ],
  SNSPublishMessagePolicy: [allow(['sns:Publish'], regional('sns', '${TopicName}'))],
  SQSPollerPolicy: [
    allow(
      [
        'sqs:ChangeMessageVisibility',
        'sqs:ChangeMessageVisibilityBatch',
        'sqs:DeleteMessage',
        'sqs:DeleteMessageBatch',
        'sqs:GetQueueAttributes',
        'sqs:ReceiveMessage',
      ],
      regional('sqs', '${QueueName}'),
    ),
  ],
  SQSSendMessagePolicy: [allow(['sqs:SendMessage*'], regional('sqs', '${QueueName}'))],
  SSMParameterReadPolicy: [
    allow(['ssm:DescribeParameters'], '*'),
    allow(
      ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
      regional('ssm', 'parameter/${ParameterName}'),
    ),
  ],
  StepFunctionsExecutionPolicy: [
    allow(['states:StartExecution'], regional('states', 'stateMachine:${StateMachineName}')),
  ],
  VPCAccessPolicy: [
    allow(
      [
        'ec2:CreateNetworkInterface',
        'ec2:DeleteNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DetachNetworkInterface',
      ],
      '*',
    ),
  ],
};
