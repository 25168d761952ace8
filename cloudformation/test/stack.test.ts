// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} is CloudFormation Fn::Sub and Dockerfile syntax here.
import { describe, expect, it } from 'vitest';
import { type Json, loadTemplate, parseTemplate, references } from './cfn-yaml.ts';

const { source, template } = loadTemplate(new URL('../sendops-stack.yaml', import.meta.url));
const { Resources: resources, Parameters: parameters, Outputs: outputs } = template;

type Obj = { [key: string]: Json };
const props = (logicalId: string): Obj => resources[logicalId]!.Properties as Obj;

/**
 * The inline policy `SendOpsSESAccess`, group by group, as listed in the spec
 * (aws-setup/connecting-aws.md "Creating the IAM role manually"; the same actions are explained one by
 * one in aws-setup/iam-permissions.md). Changing the role's permissions means changing the spec first.
 */
const SPEC_PERMISSION_GROUPS: Record<string, string[]> = {
  AccountAndIdentities: [
    'ses:GetAccount',
    'ses:GetSendQuota',
    'ses:GetSendStatistics',
    'ses:ListEmailIdentities',
    'ses:GetEmailIdentity',
    'ses:CreateEmailIdentity',
    'ses:DeleteEmailIdentity',
    'ses:SendEmail',
  ],
  ConfigurationSets: [
    'ses:ListConfigurationSets',
    'ses:GetConfigurationSet',
    'ses:CreateConfigurationSet',
    'ses:DeleteConfigurationSet',
    'ses:PutConfigurationSetTrackingOptions',
    'ses:PutConfigurationSetReputationOptions',
    'ses:PutConfigurationSetSendingOptions',
    'ses:PutConfigurationSetDeliveryOptions',
    'ses:PutConfigurationSetSuppressionOptions',
    'ses:PutEmailIdentityConfigurationSetAttributes',
    'ses:CreateConfigurationSetEventDestination',
    'ses:UpdateConfigurationSetEventDestination',
    'ses:DeleteConfigurationSetEventDestination',
  ],
  EmailTemplates: [
    'ses:CreateEmailTemplate',
    'ses:UpdateEmailTemplate',
    'ses:DeleteEmailTemplate',
    'ses:GetEmailTemplate',
    'ses:ListEmailTemplates',
  ],
  SuppressionList: ['ses:ListSuppressedDestinations', 'ses:DeleteSuppressedDestination'],
  ResourceTagging: ['ses:TagResource', 'ses:UntagResource'],
  EventBridge: ['events:DescribeRule', 'events:ListTargetsByRule'],
};

/** The ten SES event types the spec lists (CloudFormation's spelling of SESv2's SEND ... SUBSCRIPTION). */
const SPEC_EVENT_TYPES = [
  'send',
  'reject',
  'bounce',
  'complaint',
  'delivery',
  'open',
  'click',
  'renderingFailure',
  'deliveryDelay',
  'subscription',
];

const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

function statements(policyDocument: Json): Obj[] {
  const statement = (policyDocument as Obj).Statement;
  return (Array.isArray(statement) ? statement : [statement]) as Obj[];
}

function asList(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

describe('customer CloudFormation stack', () => {
  it('parses the short-form intrinsics into CloudFormation JSON', () => {
    expect(parseTemplate('a: !Ref X\nb: !GetAtt R.Arn\nc: !Sub [ "${A}", { A: !Ref Y } ]')).toEqual({
      a: { Ref: 'X' },
      b: { 'Fn::GetAtt': ['R', 'Arn'] },
      c: { 'Fn::Sub': ['${A}', { A: { Ref: 'Y' } }] },
    });
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
  });

  it('creates exactly the seven resources of the spec, with their logical ids, types and names', () => {
    const shape = Object.fromEntries(
      Object.entries(resources).map(([id, resource]) => {
        const p = resource.Properties as Obj;
        const name = p.RoleName ?? p.Name ?? (p.EventDestination as Obj | undefined)?.Name;
        return [id, [resource.Type, name]];
      }),
    );
    expect(shape).toEqual({
      SendOpsRole: ['AWS::IAM::Role', 'SendOpsRole'],
      SendOpsConfigSet: ['AWS::SES::ConfigurationSet', 'sendops-events'],
      SendOpsEventDestination: ['AWS::SES::ConfigurationSetEventDestination', 'sendops-eventbridge'],
      SendOpsConnection: ['AWS::Events::Connection', 'sendops-webhook'],
      SendOpsApiDestination: ['AWS::Events::ApiDestination', 'sendops-ingest'],
      SendOpsEventBridgeRole: ['AWS::IAM::Role', 'SendOpsEventBridgeRole'],
      SendOpsEventRule: ['AWS::Events::Rule', 'sendops-ses-events'],
    });
  });

  it('takes exactly the four parameters of the spec', () => {
    expect(Object.keys(parameters).sort()).toEqual([
      'ExternalId',
      'SendOpsAccountId',
      'WebhookApiKey',
      'WebhookUrl',
    ]);
    for (const parameter of Object.values(parameters)) {
      expect(parameter.Type).toBe('String');
      expect(parameter).not.toHaveProperty('Default');
    }
    expect(parameters.WebhookApiKey!.NoEcho).toBe(true);
  });

  it('validates the parameters the way AWS will need them', () => {
    const pattern = (name: string) => new RegExp(parameters[name]!.AllowedPattern as string);
    const webhookUrl = pattern('WebhookUrl');
    expect(webhookUrl.test('https://ingest.sendops.dev/ingest/eventbridge')).toBe(true);
    expect(webhookUrl.test('https://ingest.example.com:8443/ingest/eventbridge')).toBe(true);
    expect(webhookUrl.test('http://ingest.sendops.dev/ingest/eventbridge')).toBe(false);
    expect(webhookUrl.test('https:///no-host')).toBe(false);
    expect(webhookUrl.test('ingest.sendops.dev')).toBe(false);

    const accountId = pattern('SendOpsAccountId');
    expect(accountId.test('123456789012')).toBe(true);
    expect(accountId.test('12345678901')).toBe(false);

    const externalId = pattern('ExternalId');
    expect(externalId.test('org_01JD3Z8Q-4f7b@sendops')).toBe(true);
    expect(externalId.test('has space')).toBe(false);

    expect(pattern('WebhookApiKey').test('sok_live_0123456789abcdef')).toBe(true);
    expect(pattern('WebhookApiKey').test('two words')).toBe(false);
  });

  it('outputs RoleARN, ConfigurationSetName and EventRuleName', () => {
    expect(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.Value]))).toEqual({
      RoleARN: { 'Fn::GetAtt': ['SendOpsRole', 'Arn'] },
      ConfigurationSetName: { Ref: 'SendOpsConfigSet' },
      EventRuleName: { Ref: 'SendOpsEventRule' },
    });
  });

  it('trusts only the SendOps account, and only with the organization External ID', () => {
    const trust = statements(props('SendOpsRole').AssumeRolePolicyDocument!);
    expect(trust).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${SendOpsAccountId}:root' } },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
      },
    ]);
  });

  it('grants exactly the six permission groups of the spec in the inline policy SendOpsSESAccess', () => {
    const policies = props('SendOpsRole').Policies as Obj[];
    expect(policies.map((p) => p.PolicyName)).toEqual(['SendOpsSESAccess']);
    expect(props('SendOpsRole')).not.toHaveProperty('ManagedPolicyArns');

    const granted = statements(policies[0]!.PolicyDocument!);
    for (const statement of granted) {
      expect(statement.Effect).toBe('Allow');
      expect(statement).not.toHaveProperty('NotAction');
      expect(statement).not.toHaveProperty('NotResource');
    }
    const groups = Object.fromEntries(granted.map((s) => [s.Sid, asList(s.Action)]));
    expect(Object.keys(groups).sort()).toEqual(Object.keys(SPEC_PERMISSION_GROUPS).sort());
    for (const [group, actions] of Object.entries(SPEC_PERMISSION_GROUPS)) {
      expect([...groups[group]!].sort(), group).toEqual([...actions].sort());
    }
    const all = granted.flatMap((s) => asList(s.Action));
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((a) => typeof a === 'string' && !a.includes('*'))).toBe(true);
    // The EventBridge reads are scoped to the rule this stack creates.
    expect(granted.find((s) => s.Sid === 'EventBridge')!.Resource).toEqual({
      'Fn::GetAtt': ['SendOpsEventRule', 'Arn'],
    });
  });

  it('publishes all ten SES event types from sendops-events to the default event bus', () => {
    const destination = props('SendOpsEventDestination');
    expect(destination.ConfigurationSetName).toEqual({ Ref: 'SendOpsConfigSet' });
    const eventDestination = destination.EventDestination as Obj;
    expect(eventDestination.Enabled).toBe(true);
    expect([...(eventDestination.MatchingEventTypes as string[])].sort()).toEqual(
      [...SPEC_EVENT_TYPES].sort(),
    );
    expect(eventDestination.EventBridgeDestination).toEqual({
      EventBusArn: {
        'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default',
      },
    });
    for (const other of ['CloudWatchDestination', 'KinesisFirehoseDestination', 'SnsDestination']) {
      expect(eventDestination).not.toHaveProperty(other);
    }
  });

  it('authenticates with the API key in the x-api-key header, taken from the NoEcho parameter', () => {
    const connection = props('SendOpsConnection');
    expect(connection.AuthorizationType).toBe('API_KEY');
    expect(connection.AuthParameters).toEqual({
      ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: { Ref: 'WebhookApiKey' } },
    });
  });

  it('POSTs to the webhook URL at 300 invocations per second', () => {
    const destination = props('SendOpsApiDestination');
    expect(destination.HttpMethod).toBe('POST');
    expect(destination.InvocationRateLimitPerSecond).toBe(300);
    expect(destination.InvocationEndpoint).toEqual({ Ref: 'WebhookUrl' });
    expect(destination.ConnectionArn).toEqual({ 'Fn::GetAtt': ['SendOpsConnection', 'Arn'] });
  });

  it('lets EventBridge invoke the API destination and nothing else', () => {
    const role = props('SendOpsEventBridgeRole');
    expect(statements(role.AssumeRolePolicyDocument!)).toEqual([
      { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const policies = role.Policies as Obj[];
    expect(policies).toHaveLength(1);
    expect(statements(policies[0]!.PolicyDocument!)).toEqual([
      {
        Effect: 'Allow',
        Action: 'events:InvokeApiDestination',
        Resource: { 'Fn::GetAtt': ['SendOpsApiDestination', 'Arn'] },
      },
    ]);
  });

  it('routes every aws.ses event on the default bus to the API destination with the longest retry', () => {
    const rule = props('SendOpsEventRule');
    expect(rule.EventBusName).toBe('default');
    expect(rule.State).toBe('ENABLED');
    expect(rule.EventPattern).toEqual({ source: ['aws.ses'] });
    const targets = rule.Targets as Obj[];
    expect(targets).toHaveLength(1);
    const [target] = targets;
    expect(target!.Arn).toEqual({ 'Fn::GetAtt': ['SendOpsApiDestination', 'Arn'] });
    expect(target!.RoleArn).toEqual({ 'Fn::GetAtt': ['SendOpsEventBridgeRole', 'Arn'] });
    // The EventBridge maxima: 24 hours, 185 attempts.
    expect(target!.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
    // Seven resources means no SQS queue, hence no dead-letter queue.
    expect(target).not.toHaveProperty('DeadLetterConfig');
  });

  it('carries one template version, readable by SendOps through events:DescribeRule', () => {
    const version = template.Metadata.SendOpsTemplateVersion;
    expect(version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(props('SendOpsEventRule').Description).toContain(`(template ${version})`);
    expect(template.Description).toContain(`(template ${version})`);
  });

  it('only references parameters, resources and pseudo parameters that exist', () => {
    const known = new Set([...Object.keys(parameters), ...Object.keys(resources), ...PSEUDO_PARAMETERS]);
    const { refs, getAtts, subVars } = references({
      Resources: resources,
      Outputs: outputs,
    } as unknown as Json);
    for (const name of [...refs, ...subVars.map((v) => v.split('.')[0]!)])
      expect(known, name).toContain(name);
    for (const [resource] of getAtts) expect(Object.keys(resources)).toContain(resource);
    // Every parameter is used.
    for (const name of Object.keys(parameters)) expect([...refs, ...subVars]).toContain(name);
  });

  it('contains no static credentials', () => {
    const types = Object.values(resources).map((r) => r.Type);
    expect(types).not.toContain('AWS::IAM::User');
    expect(types).not.toContain('AWS::IAM::AccessKey');
    expect(source).not.toMatch(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/);
    expect(source).not.toMatch(/aws_secret_access_key|SecretAccessKey|AccessKeyId|aws_access_key_id/i);
    // The API key reaches the connection only through the NoEcho parameter, never as a literal.
    expect(references(props('SendOpsConnection').AuthParameters!).refs).toEqual(['WebhookApiKey']);
    // No parameter (and so no secret) is echoed through an output.
    expect(references(Object.values(outputs).map((o) => o.Value)).refs).not.toContain('WebhookApiKey');
  });
});
