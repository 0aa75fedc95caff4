import { describe, expect, it } from 'vitest';
import { classifyAddress, emptyAllowList, parseAllowList } from './address-policy.ts';

const reasonFor = (ip: string, port = 80) => {
  const verdict = classifyAddress(ip, port, emptyAllowList);
  return verdict.allowed ? 'allowed' : verdict.reason;
};

describe('classifyAddress', () => {
  it.each([
    ['10.0.0.5', '10.0.0.5 is a private address'],
    ['172.16.0.1', '172.16.0.1 is a private address'],
    ['192.168.0.1', '192.168.0.1 is a private address'],
    ['127.0.0.1', '127.0.0.1 is a loopback address'],
    ['127.255.255.254', '127.255.255.254 is a loopback address'],
    ['0.0.0.0', '0.0.0.0 is an unspecified address (it reaches the local host on Linux)'],
    ['0.1.2.3', '0.1.2.3 is an unspecified address (it reaches the local host on Linux)'],
    ['169.254.1.1', '169.254.1.1 is a link-local address'],
    ['100.64.0.1', '100.64.0.1 is a carrier-grade NAT address (RFC 6598)'],
    ['100.127.255.254', '100.127.255.254 is a carrier-grade NAT address (RFC 6598)'],
    ['224.0.0.1', '224.0.0.1 is a multicast address'],
    ['255.255.255.255', '255.255.255.255 is a broadcast address'],
    ['198.18.0.1', '198.18.0.1 is a reserved address'],
    ['192.0.2.1', '192.0.2.1 is a reserved address'],
    ['240.0.0.1', '240.0.0.1 is a reserved address'],
    ['169.254.169.254', '169.254.169.254 is a cloud metadata address'],
    ['168.63.129.16', '168.63.129.16 is a cloud metadata address'],
    ['100.100.100.200', '100.100.100.200 is a cloud metadata address'],
    ['fd00:ec2::254', 'fd00:ec2::254 is a cloud metadata address'],
    ['::1', '::1 is a loopback address'],
    ['::', ':: is an unspecified address (it reaches the local host on Linux)'],
    ['fe80::1', 'fe80::1 is a link-local address'],
    ['fe80::1%eth0', 'fe80::1%eth0 is a link-local address'],
    ['fc00::1', 'fc00::1 is a unique-local address'],
    ['fd12:3456::1', 'fd12:3456::1 is a unique-local address'],
    ['ff02::1', 'ff02::1 is a multicast address'],
    ['::ffff:7f00:1', '::ffff:7f00:1 carries the IPv4 address 127.0.0.1, which is a loopback address'],
    ['::ffff:10.1.2.3', '::ffff:10.1.2.3 carries the IPv4 address 10.1.2.3, which is a private address'],
    [
      '::ffff:a9fe:a9fe',
      '::ffff:a9fe:a9fe carries the IPv4 address 169.254.169.254, which is a cloud metadata address',
    ],
    ['::7f00:1', '::7f00:1 is an IPv4-compatible address carrying the IPv4 address 127.0.0.1'],
    ['::808:808', '::808:808 is an IPv4-compatible address carrying the IPv4 address 8.8.8.8'],
    ['64:ff9b::7f00:1', '64:ff9b::7f00:1 carries the IPv4 address 127.0.0.1, which is a loopback address'],
    ['64:ff9b:1::7f00:1', '64:ff9b:1::7f00:1 is a local-use NAT64 address (RFC 8215)'],
    ['2002:7f00:1::', '2002:7f00:1:: is a 6to4 address carrying the IPv4 address 127.0.0.1'],
    ['2002:808:808::1', '2002:808:808::1 is a 6to4 address carrying the IPv4 address 8.8.8.8'],
    [
      '2001:0:4136:e378:8000:63bf:80ff:fffe',
      '2001:0:4136:e378:8000:63bf:80ff:fffe is a Teredo tunnel address (RFC 4380)',
    ],
    ['2001:db8::1', '2001:db8::1 is a reserved address'],
    ['100::1', '100::1 is a discard-only address (RFC 6666)'],
    ['fec0::1', 'fec0::1 is a site-local address'],
    ['4000::1', '4000::1 is outside the global unicast range 2000::/3'],
  ])('blocks %s', (ip, reason) => {
    expect(reasonFor(ip)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('allows the public address %s', (ip) => {
    expect(reasonFor(ip)).toBe('allowed');
  });

  it.each([
    '127.1',
    '0x7f000001',
    '2130706433',
    '[::1]',
    '',
    'localhost',
    ' 8.8.8.8',
    '1.2.3.4.5',
    '::ffff:',
  ])('fails closed on %j, which is not a canonical IP address', (ip) => {
    expect(reasonFor(ip)).toBe(`${ip} is not a valid IP address`);
  });
});

describe('classifyAddress with an allow list', () => {
  const allow = parseAllowList(
    '127.0.0.1:4010, [::1]:8080, localhost:9000, 10.0.0.0/8, fd00::/8, shop-api:8081',
  );

  it('opens host:port entries on that port only', () => {
    expect(classifyAddress('127.0.0.1', 4010, allow).allowed).toBe(true);
    expect(classifyAddress('::ffff:127.0.0.1', 4010, allow).allowed).toBe(true);
    expect(classifyAddress('::1', 8080, allow).allowed).toBe(true);
    expect(classifyAddress('::1', 4010, allow).allowed).toBe(false);
  });

  it('treats localhost:PORT as both loopback addresses on that port', () => {
    expect(classifyAddress('127.0.0.1', 9000, allow).allowed).toBe(true);
    expect(classifyAddress('::1', 9000, allow).allowed).toBe(true);
    expect(classifyAddress('::1', 9001, allow).allowed).toBe(false);
  });

  it('opens every address and port of a CIDR range', () => {
    expect(classifyAddress('10.20.30.40', 1, allow).allowed).toBe(true);
    expect(classifyAddress('fd12::1', 443, allow).allowed).toBe(true);
    expect(classifyAddress('fe80::1', 443, allow).allowed).toBe(false);
  });

  it('opens a host name entry for whatever that name resolves to, on its port', () => {
    expect(classifyAddress('172.18.0.2', 8081, allow, 'Shop-API.').allowed).toBe(true);
    expect(classifyAddress('172.18.0.2', 8081, allow, 'other').allowed).toBe(false);
    expect(classifyAddress('172.18.0.2', 8082, allow, 'shop-api').allowed).toBe(false);
  });

  it('does not open cloud metadata through a broad range, only through an entry naming it', () => {
    const everything = parseAllowList('0.0.0.0/0, ::/0');
    expect(classifyAddress('127.0.0.1', 1, everything).allowed).toBe(true);
    expect(classifyAddress('169.254.169.254', 80, everything).allowed).toBe(false);
    expect(classifyAddress('fd00:ec2::254', 80, everything).allowed).toBe(false);
    expect(classifyAddress('169.254.169.254', 80, parseAllowList('169.254.169.254/32')).allowed).toBe(true);
    expect(classifyAddress('169.254.169.254', 80, parseAllowList('169.254.169.254:80')).allowed).toBe(true);
  });

  it('still refuses what no entry covers', () => {
    const narrow = parseAllowList('127.0.0.1:4010');
    expect(classifyAddress('127.0.0.1', 4011, narrow)).toEqual({
      allowed: false,
      reason: '127.0.0.1 is a loopback address',
    });
    expect(classifyAddress('127.0.0.2', 4010, narrow).allowed).toBe(false);
  });
});

describe('parseAllowList', () => {
  it('reads an empty setting as no exceptions', () => {
    expect(parseAllowList('')).toEqual(emptyAllowList);
    expect(parseAllowList(' , ,')).toEqual(emptyAllowList);
  });

  it('accepts host:port, bracketed IPv6, localhost, host names and CIDR ranges', () => {
    const list = parseAllowList(
      ' 127.0.0.1:4010,[::1]:8080 , localhost:4011,api.internal:443,10.0.0.0/8,fd00::/8',
    );
    expect(list.endpoints).toHaveLength(4);
    expect(list.hosts).toEqual([{ hostname: 'api.internal', port: 443 }]);
    expect(list.ranges.map((r) => `${r.network.toString()}/${r.prefix}`)).toEqual(['10.0.0.0/8', 'fd00::/8']);
  });

  it.each([
    ['127.0.0.1', 'is neither host:port'],
    ['::1:8080', 'is neither host:port'],
    ['[::1]', 'is neither host:port'],
    ['127.0.0.1:', 'is neither host:port'],
    ['127.0.0.1:http', 'is neither host:port'],
    ['127.0.0.1:0', 'has a port outside 1-65535'],
    ['127.0.0.1:70000', 'has a port outside 1-65535'],
    ['127.1:4010', 'is not a four-part decimal IPv4 address'],
    ['0x7f000001:4010', 'is not a four-part decimal IPv4 address'],
    ['300.1.1.1:80', 'is not a four-part decimal IPv4 address'],
    ['[zz::1]:80', 'does not hold a valid IPv6 address'],
    ['bad_host:80', 'does not name a valid IP address or host name'],
    ['10.0.0.0/33', 'is not a valid CIDR range'],
    ['10.0.0/8', 'is not a valid CIDR range'],
    ['fd00::/129', 'is not a valid CIDR range'],
    ['http://127.0.0.1:4010', 'is not a valid CIDR range'],
  ])('rejects %j with a message naming the setting and the entry', (entry, why) => {
    expect(() => parseAllowList(`127.0.0.1:1, ${entry}`)).toThrow(
      `PARLEY_OUTBOUND_ALLOW entry "${entry}" ${why}`,
    );
  });
});
