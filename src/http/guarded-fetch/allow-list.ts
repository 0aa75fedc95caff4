import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

interface AllowedRange {
  readonly network: IpAddress;
  readonly prefix: number;
}
interface AllowedEndpoint {
  readonly address: string;
  readonly port: number;
}
interface AllowedHost {
  readonly hostname: string;
  readonly port: number;
}

/** Operator-set exceptions to the address policy (PARLEY_OUTBOUND_ALLOW). */
export interface AllowList {
  readonly ranges: readonly AllowedRange[];
  readonly endpoints: readonly AllowedEndpoint[];
  readonly hosts: readonly AllowedHost[];
}

export const emptyAllowList: AllowList = { ranges: [], endpoints: [], hosts: [] };

const hostPortPattern = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/;
const hostnamePattern = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/**
 * Parses PARLEY_OUTBOUND_ALLOW: comma-separated `host:port` entries
 * (`127.0.0.1:4010`, `[::1]:8080`, `localhost:4010`, `shop-api:8080`) or CIDR
 * ranges (`10.0.0.0/8`, `fd00::/8`). Throws on the first invalid entry.
 *
 * @example parseAllowList('127.0.0.1:4010, 10.0.0.0/8')
 */
export function parseAllowList(raw: string): AllowList {
  const ranges: AllowedRange[] = [];
  const endpoints: AllowedEndpoint[] = [];
  const hosts: AllowedHost[] = [];
  for (const part of raw.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    if (entry.includes('/')) {
      ranges.push(parseRange(entry));
      continue;
    }
    const match = hostPortPattern.exec(entry);
    if (!match)
      fail(
        entry,
        'is neither host:port (e.g. 127.0.0.1:4010, [::1]:8080) nor a CIDR range (e.g. 10.0.0.0/8)',
      );
    const port = Number(match[3]);
    if (port < 1 || port > 65535) fail(entry, 'has a port outside 1-65535');
    if (match[1] !== undefined) {
      if (!ipaddr.IPv6.isValid(match[1]))
        fail(entry, 'does not hold a valid IPv6 address between the brackets');
      endpoints.push({ address: addressKey(ipaddr.IPv6.parse(match[1])), port });
      continue;
    }
    const host = match[2].toLowerCase().replace(/\.$/, '');
    if (host === 'localhost') {
      // localhost answers on both loopback families; allow both so the entry works whichever one DNS returns first.
      endpoints.push({ address: '127.0.0.1', port }, { address: addressKey(ipaddr.IPv6.parse('::1')), port });
    } else if (/^[0-9.]+$|^0x/i.test(host)) {
      // Only the four-part decimal form: `127.1` or `0x7f.1` in an allow list is almost certainly a mistake.
      if (!ipaddr.IPv4.isValidFourPartDecimal(host)) fail(entry, 'is not a four-part decimal IPv4 address');
      endpoints.push({ address: ipaddr.IPv4.parse(host).toString(), port });
    } else if (hostnamePattern.test(host)) {
      hosts.push({ hostname: host, port });
    } else {
      fail(entry, 'does not name a valid IP address or host name');
    }
  }
  return { ranges, endpoints, hosts };
}

function parseRange(entry: string): AllowedRange {
  const valid = ipaddr.IPv4.isValidCIDRFourPartDecimal(entry) || ipaddr.IPv6.isValidCIDR(entry);
  if (!valid) fail(entry, 'is not a valid CIDR range (e.g. 10.0.0.0/8 or fd00::/8)');
  const [network, prefix] = ipaddr.parseCIDR(entry);
  return { network, prefix };
}

function fail(entry: string, why: string): never {
  throw new Error(`PARLEY_OUTBOUND_ALLOW entry "${entry}" ${why}.`);
}

/** A canonical string for comparing addresses; IPv4-mapped IPv6 compares as its IPv4. */
export function addressKey(address: IpAddress): string {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address().toString();
  }
  return address.toNormalizedString();
}

/**
 * Whether an entry opens `address` on `port`. With `exactOnly`, a CIDR range
 * counts only when it names a single address (used for cloud metadata hosts,
 * which a broad range such as 0.0.0.0/0 should not open by accident).
 */
export function isAllowListed(
  address: IpAddress,
  port: number,
  allow: AllowList,
  hostname: string | undefined,
  exactOnly: boolean,
): boolean {
  const key = addressKey(address);
  if (allow.endpoints.some((e) => e.port === port && e.address === key)) return true;
  if (hostname !== undefined) {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    if (allow.hosts.some((h) => h.port === port && h.hostname === host)) return true;
  }
  const unmapped = ipaddr.parse(key);
  const bits = unmapped.kind() === 'ipv4' ? 32 : 128;
  return allow.ranges.some(
    (r) =>
      r.network.kind() === unmapped.kind() &&
      unmapped.match(r.network, r.prefix) &&
      (!exactOnly || r.prefix === bits),
  );
}
