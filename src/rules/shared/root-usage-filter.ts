// Whether a CloudWatch Logs metric filter pattern catches the use of the root user, judged by what
// it matches rather than by its spelling: the CIS monitoring control's pattern is
//   { $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }
// and the same terms in another order, with other spacing, quotes or parentheses match the same
// events. A pattern passes when it matches every event that one matches (so no root use goes
// unnoticed) and only events of the root user (so its alarm means root was used). A pattern
// iamspect cannot read is "unknown", never a pass.

export type PatternVerdict =
  { verdict: 'matches' } | { verdict: 'other' } | { verdict: 'unknown'; why: string };

type Node =
  | { kind: 'and' | 'or'; children: Node[] }
  | { kind: 'term'; selector: string; operator: string; value: string | null };

/** What one part of a pattern matches, measured against the root-use events the CIS pattern matches. */
interface Reach {
  /** Matches every root-use event the CIS pattern matches. */
  everyRootUse: boolean;
  /** Matches events of the root user only. */
  rootOnly: boolean;
}

const ROOT = 'Root';
/** The other values of userIdentity.type in CloudTrail events: a value matching one of them is not root only. */
const OTHER_IDENTITY_TYPES = [
  'IAMUser',
  'AssumedRole',
  'FederatedUser',
  'AWSAccount',
  'AWSService',
  'Directory',
  'IdentityCenterUser',
  'SAMLUser',
  'WebIdentityUser',
  'Unknown',
];

const NOT_JSON = 'not a JSON pattern ({ ... }): iamspect judges JSON patterns only';

const TOKEN =
  /\s*(\{|\}|\(|\)|&&|\|\||\$\.[\w.[\]*-]+|!=|>=|<=|=|>|<|NOT\s+EXISTS|IS\s+NULL|IS\s+TRUE|IS\s+FALSE|"(?:[^"\\]|\\.)*"|[^\s(){}&|"=!<>]+)/y;

interface Token {
  text: string;
  at: number;
}

class Unreadable extends Error {}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (pattern.slice(position).trim() !== '') {
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(pattern);
    if (!match) throw new Unreadable(unreadableAt(pattern, position + leadingSpace(pattern, position)));
    tokens.push({ text: match[1]!, at: position + match[0].length - match[1]!.length });
    position = TOKEN.lastIndex;
  }
  return tokens;
}

function leadingSpace(text: string, from: number): number {
  return text.slice(from).length - text.slice(from).trimStart().length;
}

function unreadableAt(pattern: string, at: number): string {
  return `unreadable at ${JSON.stringify(pattern.slice(at, at + 40))}`;
}

/** A recursive-descent reader of `{ term (&& | ||) term ... }` with parentheses. */
function parse(pattern: string): Node {
  const tokens = tokenize(pattern);
  let index = 0;
  const peek = () => tokens[index]?.text;
  const fail = (): never => {
    const token = tokens[index];
    throw new Unreadable(token ? unreadableAt(pattern, token.at) : 'unreadable: the pattern ends too soon');
  };
  const expect = (text: string) => (peek() === text ? (index += 1) : fail());

  const list = (kind: 'and' | 'or', operator: string, next: () => Node): Node => {
    const children = [next()];
    while (peek() === operator) {
      index += 1;
      children.push(next());
    }
    return children.length === 1 ? children[0]! : { kind, children };
  };
  const either = (): Node => list('or', '||', both);
  const both = (): Node => list('and', '&&', primary);
  function primary(): Node {
    if (peek() === '(') {
      index += 1;
      const inner = either();
      expect(')');
      return inner;
    }
    const selector = peek();
    if (selector === undefined || !selector.startsWith('$.')) return fail();
    index += 1;
    const operator = peek() ?? fail();
    index += 1;
    if (/^(NOT|IS)\s/.test(operator))
      return { kind: 'term', selector, operator: operator.replace(/\s+/, ' '), value: null };
    if (!['=', '!=', '>', '<', '>=', '<='].includes(operator)) {
      index -= 1;
      return fail();
    }
    const value = peek();
    if (value === undefined || /^[{}()]$|^(&&|\|\|)$/.test(value)) return fail();
    index += 1;
    return { kind: 'term', selector, operator, value: unquote(value) };
  }

  expect('{');
  const tree = either();
  expect('}');
  if (index !== tokens.length) fail();
  return tree;
}

function unquote(value: string): string {
  return value.startsWith('"') ? (JSON.parse(value) as string) : value;
}

/** CloudWatch compares strings exactly, with `*` standing for any run of characters. */
function globMatches(glob: string, value: string): boolean {
  const source = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${source.join('.*')}$`).test(value);
}

function reach(node: Node): Reach {
  if (node.kind === 'term') return termReach(node);
  const parts = node.children.map(reach);
  // All of an && must hold: it reaches every root use only if each part does, and is root only if
  // any part is. Any of an || may hold: the reverse.
  return node.kind === 'and'
    ? {
        everyRootUse: parts.every((part) => part.everyRootUse),
        rootOnly: parts.some((part) => part.rootOnly),
      }
    : {
        everyRootUse: parts.some((part) => part.everyRootUse),
        rootOnly: parts.every((part) => part.rootOnly),
      };
}

function termReach({ selector, operator, value }: Extract<Node, { kind: 'term' }>): Reach {
  if (selector === '$.userIdentity.type' && operator === '=' && value !== null && globMatches(value, ROOT)) {
    return { everyRootUse: true, rootOnly: !OTHER_IDENTITY_TYPES.some((type) => globMatches(value, type)) };
  }
  // The two exclusions of the CIS pattern hold for every event it matches.
  const cisExclusion =
    (selector === '$.userIdentity.invokedBy' && operator === 'NOT EXISTS') ||
    (selector === '$.eventType' && operator === '!=' && value === 'AwsServiceEvent');
  // Any other term may leave out some root use (a ConsoleLogin-only filter misses API calls).
  return { everyRootUse: cisExclusion, rootOnly: false };
}

/** Whether `pattern` catches root use and only root use; `unknown` (with why) when it cannot be read. */
export function judgeRootUsagePattern(pattern: string): PatternVerdict {
  const text = pattern.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return { verdict: 'unknown', why: NOT_JSON };
  let tree: Node;
  try {
    tree = parse(text);
  } catch (error) {
    if (error instanceof Unreadable) return { verdict: 'unknown', why: error.message };
    throw error;
  }
  const { everyRootUse, rootOnly } = reach(tree);
  return everyRootUse && rootOnly ? { verdict: 'matches' } : { verdict: 'other' };
}
