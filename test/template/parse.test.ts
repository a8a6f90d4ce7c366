import fc from 'fast-check';
import { TemplateSyntaxError, parseTemplateText } from '../../src/template/parse.js';
import type { TemplateNode } from '../../src/template/tree.js';
import { entry, field } from '../../src/template/tree.js';
import { MAX_NESTING_DEPTH } from '../../src/util/input-limits.js';

/** The tree without positions, to compare shapes. */
function plain(node: TemplateNode | undefined): unknown {
  if (node === undefined) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'list') return node.items.map(plain);
  return Object.fromEntries([...node.entries.values()].map((e) => [e.key, plain(e.value)]));
}

function valueOf(yaml: string): unknown {
  return plain(field(parseTemplateText(yaml), 'Value'));
}

function syntaxError(text: string): TemplateSyntaxError {
  try {
    parseTemplateText(text);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a syntax error');
}

describe('CloudFormation short-form tags become their long form', () => {
  test.each<[string, string, unknown]>([
    ['!Ref', 'Value: !Ref Bucket', { Ref: 'Bucket' }],
    ['!GetAtt scalar', 'Value: !GetAtt Role.Arn', { 'Fn::GetAtt': ['Role', 'Arn'] }],
    [
      '!GetAtt scalar, dotted attribute',
      'Value: !GetAtt Stack.Outputs.Name',
      { 'Fn::GetAtt': ['Stack', 'Outputs.Name'] },
    ],
    ['!GetAtt sequence', 'Value: !GetAtt [Role, Arn]', { 'Fn::GetAtt': ['Role', 'Arn'] }],
    [
      '!Sub string',
      'Value: !Sub "arn:${AWS::Partition}:s3:::b"',
      { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' },
    ],
    [
      '!Sub with variables',
      'Value: !Sub ["${A}", {A: !Ref B}]',
      { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] },
    ],
    ['!Join', 'Value: !Join ["-", [a, !Ref B]]', { 'Fn::Join': ['-', ['a', { Ref: 'B' }]] }],
    ['!If', 'Value: !If [IsProd, a, b]', { 'Fn::If': ['IsProd', 'a', 'b'] }],
    ['!Select', 'Value: !Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!FindInMap', 'Value: !FindInMap [M, k1, k2]', { 'Fn::FindInMap': ['M', 'k1', 'k2'] }],
    ['!ImportValue', 'Value: !ImportValue shared-bucket', { 'Fn::ImportValue': 'shared-bucket' }],
    ['!Base64', 'Value: !Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!Split', 'Value: !Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!Equals', 'Value: !Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!Not', 'Value: !Not [!Condition IsProd]', { 'Fn::Not': [{ Condition: 'IsProd' }] }],
    [
      '!And',
      'Value: !And [!Condition A, !Condition B]',
      { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] },
    ],
    [
      '!Or',
      'Value: !Or [!Condition A, !Condition B]',
      { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] },
    ],
    ['!Condition', 'Value: !Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAZs', 'Value: !GetAZs us-east-1', { 'Fn::GetAZs': 'us-east-1' }],
    ['!Cidr', 'Value: !Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ['block sequence argument', 'Value: !Join\n  - ""\n  - - a\n    - b', { 'Fn::Join': ['', ['a', 'b']] }],
    ['YAML core tags are not short forms', 'Value: !!str 123', '123'],
  ])('%s', (_name, yaml, expected) => {
    expect(valueOf(yaml)).toEqual(expected);
  });

  test('YAML forbids two tags on one node: !ImportValue !Sub is a syntax error, as CloudFormation documents', () => {
    expect(syntaxError('Value: !ImportValue !Sub "${Env}-bucket"\n').position).toEqual({
      line: 1,
      column: 21,
    });
  });
});

describe('positions', () => {
  const yaml = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  Admin:',
    '    Type: AWS::IAM::User',
    '    Properties:',
    '      LoginProfile:',
    '        Password: !Ref Pw',
  ].join('\n');

  test('YAML: keys and values keep their 1-based line and column', () => {
    const root = parseTemplateText(yaml);
    const admin = entry(field(root, 'Resources'), 'Admin')!;
    expect(admin.keyPosition).toEqual({ line: 3, column: 3 });
    const password = entry(field(field(admin.value, 'Properties'), 'LoginProfile'), 'Password')!;
    expect(password.keyPosition).toEqual({ line: 7, column: 9 });
    expect(password.value.position).toEqual({ line: 7, column: 19 });
  });

  test('JSON: the same positions, read by the YAML 1.2 parser', () => {
    const json = [
      '{',
      '\t"Resources": {',
      '\t\t"Admin": {',
      '\t\t\t"Type": "AWS::IAM::User",',
      '\t\t\t"Properties": {"LoginProfile": {"Password": {"Ref": "Pw"}}}',
      '\t\t}',
      '\t}',
      '}',
    ].join('\n');
    const root = parseTemplateText(json);
    const admin = entry(field(root, 'Resources'), 'Admin')!;
    expect(admin.keyPosition).toEqual({ line: 3, column: 3 });
    const password = entry(field(field(admin.value, 'Properties'), 'LoginProfile'), 'Password')!;
    expect(password.keyPosition).toEqual({ line: 5, column: 36 });
    expect(plain(password.value)).toEqual({ Ref: 'Pw' });
  });

  test('a one-line document is on line 1', () => {
    expect(entry(parseTemplateText('{"A": 1}'), 'A')!.keyPosition).toEqual({ line: 1, column: 2 });
  });

  test('an alias expands to its anchor, with the anchor position', () => {
    const root = parseTemplateText('A: &doc {Version: "2012-10-17"}\nB: *doc\n');
    expect(plain(field(root, 'B'))).toEqual({ Version: '2012-10-17' });
    expect(field(root, 'B')!.position).toEqual({ line: 1, column: 9 });
  });
});

describe('syntax errors name the line and column and never quote the source', () => {
  test.each<[string, string, { line: number; column: number }, RegExp]>([
    // The parser notices a missing quote where the input ends.
    ['unterminated quote', 'A: 1\nPassword: "hunter2-secret\n', { line: 3, column: 1 }, /quote/i],
    ['duplicate key (YAML)', 'Resources:\n  A: 1\n  A: 2\n', { line: 3, column: 3 }, /unique/i],
    ['duplicate key (JSON)', '{\n  "A": 1,\n  "A": 2\n}', { line: 3, column: 3 }, /unique/i],
    ['unclosed JSON object', '{\n  "A": "hunter2-secret"\n', { line: 3, column: 1 }, /./],
    ['tab indentation in block YAML', 'A:\n\tB: hunter2-secret\n', { line: 2, column: 1 }, /tab/i],
  ])('%s', (_name, text, position, message) => {
    const error = syntaxError(text);
    expect(error.position).toEqual(position);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('\n');
  });

  test.each<[string, string, { line: number; column: number }, string]>([
    [
      'a second document',
      'Resources: {}\n---\nOther: 1\n',
      { line: 2, column: 1 },
      'a template holds one YAML document, but a second one starts at line 2; remove the --- separator',
    ],
    [
      'items of one map at different columns',
      'Resources:\n    A: 1\n  B: 2\n',
      { line: 3, column: 1 },
      'wrong indentation: the items of one map or list must start in the same column',
    ],
  ])('the YAML library speaks in our words: %s', (_name, text, position, message) => {
    const error = syntaxError(text);
    expect(error.position).toEqual(position);
    expect(error.message).toBe(message);
  });

  test.each([
    ['JSON', (depth: number) => `{"A": ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`],
    ['YAML flow', (depth: number) => `A: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}\n`],
    [
      'YAML block',
      (depth: number) => Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}k:`).join('\n'),
    ],
  ])(
    `%s nested ${MAX_NESTING_DEPTH} levels reads; one level more is refused with the limit`,
    (_format, nested) => {
      expect(() => parseTemplateText(nested(MAX_NESTING_DEPTH))).not.toThrow();
      expect(syntaxError(nested(MAX_NESTING_DEPTH + 1)).message).toBe(
        `nested more than ${MAX_NESTING_DEPTH} levels deep, the most iamspect reads`,
      );
    },
  );

  test('an alias loop is an error, not a hang', () => {
    expect(syntaxError('A: &a [*a]\n').message).toMatch(/alias/);
  });
});

describe('JSON templates', () => {
  test('any JSON document reads as JSON.parse reads it (JSON.stringify of random values)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify({ Value: value }, null, pretty ? 2 : undefined);
        // JSON.parse turns -0 into 0 when stringified; compare as JSON text.
        expect(JSON.stringify(plain(field(parseTemplateText(text), 'Value')))).toBe(JSON.stringify(value));
      }),
    );
  });

  test.each<[string, string, unknown]>([
    ['escapes', '{"Value": "a\\"b\\\\c\\/d\\n\\u00e9"}', 'a"b\\c/d\né'],
    ['numbers', '{"Value": [0, -1.5, 2e3, 1E-2]}', [0, -1.5, 2000, 0.01]],
    ['a byte order mark', '\uFEFF{"Value": true}', true],
    ['not strict JSON but YAML flow style: read as YAML', '{Value: !Ref Bucket, }', { Ref: 'Bucket' }],
    ['a line break inside a string: not JSON, but YAML folds it', '{"Value": "a\n  b"}', 'a b'],
  ])('%s', (_name, text, expected) => {
    expect(plain(field(parseTemplateText(text), 'Value'))).toEqual(expected);
  });

  test.each<[string, string, { line: number; column: number }, RegExp]>([
    ['text after the document', '{"A": 1}\n{"B": 2}', { line: 2, column: 1 }, /after the JSON value/],
    ['a missing colon', '{\n  "Password" "hunter2"\n}', { line: 2, column: 14 }, /expected ":"/],
    ['an unclosed list', '{"A": [1, 2\n', { line: 2, column: 1 }, /expected "," or "]"/],
  ])(
    'error (JSON and YAML both refuse it, the JSON error is reported): %s',
    (_name, text, position, message) => {
      const error = syntaxError(text);
      expect(error.position).toEqual(position);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('hunter2');
    },
  );
});

describe('the environment while YAML is parsed', () => {
  /** How often `name` is read from process.env while `run` runs. */
  function environmentReads(name: string, run: () => void): number {
    const environment = process.env;
    let reads = 0;
    process.env = new Proxy(environment, {
      get(target, key, receiver) {
        if (key === name) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    try {
      run();
    } finally {
      process.env = environment;
    }
    return reads;
  }

  // The yaml package reads process.env.LOG_TOKENS for every token, and each read is a call into the
  // C++ environment: about a tenth of the parse time of a large template.
  test('is not read once per token: a 2,000-line template reads LOG_TOKENS at most once', () => {
    const lines = ['Resources:'];
    for (let i = 0; i < 500; i++)
      lines.push(
        `  R${i}:`,
        '    Type: AWS::SNS::Topic',
        '    Properties:',
        `      TopicName: !Sub "t-${i}"`,
      );
    expect(environmentReads('LOG_TOKENS', () => parseTemplateText(lines.join('\n')))).toBeLessThanOrEqual(1);
  });

  test.each([
    ['a valid template', 'Resources: {A: {Type: AWS::SNS::Topic}}\n'],
    ['a broken template', 'Resources: [\n'],
    ['flow-style YAML that is not JSON', '{Resources: {A: {Type: !Ref T}}, }'],
  ])('is the process environment again after %s', (_name, text) => {
    const environment = process.env;
    try {
      parseTemplateText(text);
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
    }
    expect(process.env).toBe(environment);
  });
});

describe('scalars read as CloudFormation reads them', () => {
  test('a map key is the text as written: an account id keeps its leading zero', () => {
    const root = parseTemplateText('Mappings:\n  Accounts:\n    012345678901: {Role: audit}\n    1.0: x\n');
    const accounts = field(field(root, 'Mappings'), 'Accounts');
    expect(plain(accounts)).toEqual({ '012345678901': { Role: 'audit' }, '1.0': 'x' });
    // The key keeps its position.
    expect(entry(accounts, '012345678901')?.keyPosition).toEqual({ line: 3, column: 5 });
  });

  test('a key of octal digits after a leading zero is its YAML 1.1 octal value, as CloudFormation reads it', () => {
    const root = parseTemplateText('Mappings:\n  Accounts:\n    012345670123: {Role: audit}\n');
    expect(plain(field(field(root, 'Mappings'), 'Accounts'))).toEqual({ '1402433619': { Role: 'audit' } });
  });

  test.each<[string, string, unknown]>([
    // CloudFormation's YAML 1.1 reader takes a leading zero followed only by the digits 0-7 for
    // an octal number: an unquoted account id 012345670123 deploys as 1402433619.
    ['octal digits after a leading zero', '{AWS: 012345670123}', { AWS: 1402433619 }],
    // YAML 1.2 reads 012345678901 as the number 12345678901; CloudFormation's YAML 1.1 reader does
    // not (a leading zero is no decimal), and an account id must keep all 12 digits.
    ['an account id with a leading zero', '{AWS: 012345678901}', { AWS: '012345678901' }],
    ['an account id without one stays a number (mapped as its digits)', '123456789012', 123456789012],
    // CloudFormation supports no YAML timestamps: an unquoted policy version is its text.
    ['an unquoted policy version', '{Version: 2012-10-17}', { Version: '2012-10-17' }],
    ['an unquoted template format version', '2010-09-09', '2010-09-09'],
    ['a plain number', '8080', 8080],
    ['zero', '0', 0],
  ])('%s', (_name, yaml, expected) => {
    expect(valueOf(`Value: ${yaml}\n`)).toEqual(expected);
  });
});
