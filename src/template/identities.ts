// Names and ARNs of the IAM resources a template declares, as Ref and GetAtt return them once the
// stack exists. A template is not deployed anywhere, so ARNs use a documented placeholder account
// (TEMPLATE_ACCOUNT_ID) and the `aws` partition. A resource without an explicit name gets one that
// CloudFormation generates from the stack name; iamspect uses the logical id in its place, which
// keeps ARNs stable from one scan to the next.
import type { Resolved, ResourceIdentity, Resolver } from './intrinsics.js';
import { Symbolic, concat, isFullyKnown, textOf } from './intrinsics.js';
import type { ResourceDefinition } from './template.js';
import { field } from './tree.js';

/** The account template resources are placed in: no real account has this id. */
export const TEMPLATE_ACCOUNT_ID = '000000000000';
export const TEMPLATE_PARTITION = 'aws';

interface IamNaming {
  /** The property that names the resource. */
  nameProperty: string;
  /** The resource part of the ARN: `user`, `group`, `role`, `policy`, `instance-profile`. */
  arnType: string;
  /** What Ref returns: the name (users, groups, roles, instance profiles) or the ARN (managed policies). */
  ref: 'name' | 'arn';
  /** The GetAtt attribute that returns the ARN. */
  arnAttribute: string;
}

const IAM_NAMING: Readonly<Record<string, IamNaming>> = {
  'AWS::IAM::User': { nameProperty: 'UserName', arnType: 'user', ref: 'name', arnAttribute: 'Arn' },
  'AWS::IAM::Group': { nameProperty: 'GroupName', arnType: 'group', ref: 'name', arnAttribute: 'Arn' },
  'AWS::IAM::Role': { nameProperty: 'RoleName', arnType: 'role', ref: 'name', arnAttribute: 'Arn' },
  'AWS::IAM::ManagedPolicy': {
    nameProperty: 'ManagedPolicyName',
    arnType: 'policy',
    ref: 'arn',
    arnAttribute: 'PolicyArn',
  },
  'AWS::IAM::InstanceProfile': {
    nameProperty: 'InstanceProfileName',
    arnType: 'instance-profile',
    ref: 'name',
    arnAttribute: 'Arn',
  },
};

export interface IamIdentity {
  name: Resolved;
  path: Resolved;
  arn: Resolved;
  /** The name as written in the template (undefined when CloudFormation would generate one). */
  physicalName?: string;
}

/** `arn:aws:iam::000000000000:user/path/name` for a principal or policy named outside the template. */
export function iamArnFor(
  arnType: string,
  name: Resolved,
  path: Resolved = '/',
  accountId = TEMPLATE_ACCOUNT_ID,
): Resolved {
  return concat([`arn:${TEMPLATE_PARTITION}:iam::${accountId}:${arnType}`, path, name]);
}

/**
 * Lazily computes and caches each IAM resource's identity. Names may come from parameters, other
 * resources or Sub, so they are resolved with the template's resolver; a name that refers back to
 * its own resource is left symbolic instead of looping.
 */
export class IamIdentities {
  private readonly cache = new Map<string, IamIdentity | undefined>();
  private readonly computing = new Set<string>();
  private resolver: Resolver | undefined;

  constructor(
    private readonly resources: ReadonlyMap<string, ResourceDefinition>,
    private readonly accountId = TEMPLATE_ACCOUNT_ID,
  ) {}

  /** The resolver that resolves names (it calls back into this object for Ref and GetAtt). */
  useResolver(resolver: Resolver): void {
    this.resolver = resolver;
  }

  identity(logicalId: string): IamIdentity | undefined {
    if (this.cache.has(logicalId)) return this.cache.get(logicalId);
    const resource = this.resources.get(logicalId);
    const naming = resource && IAM_NAMING[resource.type];
    if (!resource || !naming || !this.resolver) return undefined;
    if (this.computing.has(logicalId)) {
      return { name: Symbolic.of(logicalId), path: '/', arn: Symbolic.of(`${logicalId}.Arn`) };
    }
    this.computing.add(logicalId);
    try {
      const written = this.resolver.value(field(resource.properties, naming.nameProperty));
      // An empty name is no name: CloudFormation generates one, as when the property is absent.
      const name = written === undefined || written === null || written === '' ? logicalId : written;
      const path = this.resolver.value(field(resource.properties, 'Path')) ?? '/';
      const identity: IamIdentity = {
        name,
        path,
        arn: iamArnFor(naming.arnType, name, path, this.accountId),
      };
      if (name !== logicalId && isFullyKnown(name)) identity.physicalName = textOf(name);
      this.cache.set(logicalId, identity);
      return identity;
    } finally {
      this.computing.delete(logicalId);
    }
  }

  /**
   * Resources of one type that share a physical name cannot all be created; they are never merged
   * into one either. Each gets its own ARN, qualified with its logical id
   * (`arn:aws:iam::000000000000:policy/app#AdminPolicy`; `#` cannot occur in an IAM name), so
   * every one of them is judged, and found, on its own. Call once the resolver is set.
   */
  separateDuplicates(): void {
    const byName = new Map<string, string[]>();
    for (const [logicalId, resource] of this.resources) {
      const physicalName = this.identity(logicalId)?.physicalName;
      if (physicalName === undefined) continue;
      const key = `${resource.type} ${physicalName}`;
      byName.set(key, [...(byName.get(key) ?? []), logicalId]);
    }
    for (const logicalIds of byName.values()) {
      if (logicalIds.length < 2) continue;
      for (const logicalId of logicalIds) {
        const identity = this.cache.get(logicalId)!;
        identity.arn = concat([identity.arn, `#${logicalId}`]);
      }
    }
  }

  /** What Ref and GetAtt give for the resource, for the resolver. */
  refAndAttributes(logicalId: string): ResourceIdentity | undefined {
    const identity = this.identity(logicalId);
    const naming = IAM_NAMING[this.resources.get(logicalId)?.type ?? ''];
    if (!identity || !naming) return undefined;
    return {
      ref: naming.ref === 'arn' ? identity.arn : identity.name,
      attributes: { [naming.arnAttribute]: identity.arn },
    };
  }
}
