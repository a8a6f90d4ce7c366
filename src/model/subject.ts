// What a finding is about, as data: the principal or policy by kind and name, and, inside it, the
// inline policy and statement. Template location and evidence read these fields; nothing parses a
// discriminator or message to find them. (The fingerprint stays on resource and discriminator.)

export type SubjectKind = 'user' | 'group' | 'role' | 'policy' | 'account';

export interface Subject {
  kind: SubjectKind;
  /** The principal's or policy's name (`app-deployer`, `AdministratorAccess`); the account id. */
  name: string;
  /** The inline policy of the principal the finding is about. */
  policy?: string;
  /** The statement (Sid or position) the finding is about. */
  statement?: string;
}
