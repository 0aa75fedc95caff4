import ipaddr from 'ipaddr.js';
import { type AllowList, emptyAllowList, type IpAddress, isAllowListed } from './allow-list.ts';

export { type AllowList, emptyAllowList, parseAllowList } from './allow-list.ts';

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

interface Problem {
  readonly text: string;
  readonly metadata: boolean;
}

// Instance metadata services: AWS/GCP/Azure/OpenStack, AWS over IPv6, Azure
// WireServer, Alibaba Cloud, Oracle Cloud. Keys are in addressKey() form.
const metadataAddresses = new Set([
  '169.254.169.254',
  'fd00:ec2:0:0:0:0:0:254',
  '168.63.129.16',
  '100.100.100.200',
  '192.0.0.192',
]);

const rangeLabels: Record<string, string> = {
  unspecified: 'an unspecified address (it reaches the local host on Linux)',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address (RFC 6598)',
  private: 'a private address',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  uniqueLocal: 'a unique-local address',
  deprecatedSiteLocal: 'a site-local address',
  discard: 'a discard-only address (RFC 6666)',
  rfc6145: 'an IPv4-translated address (RFC 6145)',
};

const nat64WellKnown = ipaddr.IPv6.parseCIDR('64:ff9b::/96'); // RFC 6052
const nat64LocalUse = ipaddr.IPv6.parseCIDR('64:ff9b:1::/48'); // RFC 8215
const sixToFour = ipaddr.IPv6.parseCIDR('2002::/16'); // RFC 3056
const teredo = ipaddr.IPv6.parseCIDR('2001::/32'); // RFC 4380
const ipv4Compatible = ipaddr.IPv6.parseCIDR('::/96'); // RFC 4291 §2.5.5.1, deprecated
const globalUnicast = ipaddr.IPv6.parseCIDR('2000::/3'); // RFC 4291 §2.5.4

/**
 * Decides whether Parley may open a connection to `ip` on `port`. Only public
 * unicast addresses pass, unless an entry of the operator's allow list opens
 * the address; anything that does not parse as a plain IP address is refused.
 *
 * @example classifyAddress('10.0.0.5', 80, emptyAllowList)
 * // → { allowed: false, reason: '10.0.0.5 is a private address' }
 */
export function classifyAddress(
  ip: string,
  port: number,
  allow: AllowList = emptyAllowList,
  hostname?: string,
): AddressVerdict {
  const address = parseStrict(ip);
  if (address === null) return { allowed: false, reason: `${ip} is not a valid IP address` };
  const problem =
    address.kind() === 'ipv4' ? ipv4Problem(address as ipaddr.IPv4) : ipv6Problem(address as ipaddr.IPv6);
  if (problem === null || isAllowListed(address, port, allow, hostname, problem.metadata))
    return { allowed: true };
  return { allowed: false, reason: `${ip} ${problem.text}` };
}

// Only the canonical forms Node hands out (lookup answers, socket addresses,
// WHATWG-normalised hosts): `127.1` or `0x7f.1` here means something went wrong.
function parseStrict(ip: string): IpAddress | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(ip)) return ipaddr.IPv4.parse(ip);
  if (ip.includes(':') && ipaddr.IPv6.isValid(ip)) return ipaddr.IPv6.parse(ip);
  return null;
}

function ipv4Problem(address: ipaddr.IPv4): Problem | null {
  if (metadataAddresses.has(address.toString()))
    return { text: 'is a cloud metadata address', metadata: true };
  const range = address.range();
  return range === 'unicast' ? null : labelled(range);
}

function ipv6Problem(address: ipaddr.IPv6): Problem | null {
  if (metadataAddresses.has(address.toNormalizedString())) {
    return { text: 'is a cloud metadata address', metadata: true };
  }
  const parts = address.parts;
  // The packet really goes to the embedded IPv4 address (RFC 4291 §2.5.5.2, RFC 6052 §2.1): judge that one.
  if (address.isIPv4MappedAddress() || address.match(nat64WellKnown)) {
    const embedded = ipv4From(parts[6], parts[7]);
    const inner = ipv4Problem(embedded);
    return (
      inner && { text: `carries the IPv4 address ${embedded}, which ${inner.text}`, metadata: inner.metadata }
    );
  }
  // Tunnelling and translation forms whose reach depends on local relays: refuse them outright.
  if (address.match(nat64LocalUse)) return plain('is a local-use NAT64 address (RFC 8215)');
  if (address.match(sixToFour))
    return plain(`is a 6to4 address carrying the IPv4 address ${ipv4From(parts[1], parts[2])}`);
  if (address.match(teredo)) return plain('is a Teredo tunnel address (RFC 4380)');
  const range = address.range();
  if (range !== 'unicast') return labelled(range);
  if (address.match(ipv4Compatible)) {
    return plain(`is an IPv4-compatible address carrying the IPv4 address ${ipv4From(parts[6], parts[7])}`);
  }
  // ipaddr.js calls everything it has no name for "unicast"; public IPv6 space is 2000::/3.
  if (!address.match(globalUnicast)) return plain('is outside the global unicast range 2000::/3');
  return null;
}

function ipv4From(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function labelled(range: string): Problem {
  return plain(`is ${rangeLabels[range] ?? `a special-purpose address (${range})`}`);
}

function plain(text: string): Problem {
  return { text, metadata: false };
}
