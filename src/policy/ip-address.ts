// IP addresses and CIDR blocks for the IpAddress / NotIpAddress condition operators. IAM compares an
// address with a block of the same family only: an IPv4 request never falls in an IPv6 block (not
// even ::/0 or an IPv4-mapped one) and the reverse, so each family is parsed on its own.
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress)
import { isIPv4, isIPv6 } from 'node:net';

interface Address {
  bits: 32 | 128;
  value: bigint;
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Value(text: string): bigint {
  // An IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
  const tail = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  const hex = tail ? `${tail[1]}${ipv4Groups(tail[2]!)}` : text;
  const [head, rest] = hex.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(rest).length;
  const all =
    rest === undefined
      ? groups(head)
      : [...groups(head), ...Array<string>(missing).fill('0'), ...groups(rest)];
  return all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function ipv4Groups(text: string): string {
  const value = Number(ipv4Value(text));
  return `${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
}

function parseAddress(text: string): Address | null {
  if (isIPv4(text)) return { bits: 32, value: ipv4Value(text) };
  if (isIPv6(text)) return { bits: 128, value: ipv6Value(text) };
  return null;
}

/**
 * Is `address` inside `block` (CIDR, or a bare address meaning that one address)? Null when either
 * is not an IP address or block IAM would read.
 */
export function ipInBlock(address: string, block: string): boolean | null {
  const slash = block.indexOf('/');
  const network = parseAddress(slash < 0 ? block.trim() : block.slice(0, slash).trim());
  const request = parseAddress(address.trim());
  if (!network || !request) return null;
  const prefixText = slash < 0 ? String(network.bits) : block.slice(slash + 1).trim();
  const prefix = /^\d+$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= network.bits)) return null;
  if (request.bits !== network.bits) return false;
  const shift = BigInt(network.bits - prefix);
  return request.value >> shift === network.value >> shift;
}
