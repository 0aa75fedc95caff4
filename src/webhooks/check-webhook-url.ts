import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { type AllowList, classifyAddress } from '../http/guarded-fetch/index.ts';

export type UrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

/** Resolves a host name to every address it has; injectable so tests need no DNS. */
export type ResolveHost = (hostname: string) => Promise<Array<{ address: string }>>;

const defaultResolve: ResolveHost = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });
const RESOLVE_TIMEOUT_MS = 2000;

/**
 * Checks a webhook URL when it is saved, so a tenant learns at once that an address is off limits
 * (the guarded fetch checks again where it connects, which is what actually protects: DNS can change).
 * A name that does not resolve now is accepted; deliveries will fail and say why.
 */
export async function checkWebhookUrl(
  raw: string,
  allow: AllowList,
  resolve: ResolveHost = defaultResolve,
): Promise<UrlVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'url is not a valid absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `url must use http: or https:, not ${url.protocol}` };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      reason: 'url must not contain credentials; verify deliveries with the signing secret',
    };
  }
  url.hash = '';
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  // WHATWG parsing already normalised 0x7f.1, 2130706433 and friends to dotted decimal.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) {
    const verdict = classifyAddress(host, port, allow);
    return verdict.allowed ? { ok: true, url: url.href } : blocked(verdict.reason);
  }
  const answers = await resolveWithin(resolve, host);
  for (const { address } of answers) {
    const verdict = classifyAddress(address, port, allow, host);
    if (!verdict.allowed) return blocked(`${verdict.reason} (resolved from ${host})`);
  }
  return { ok: true, url: url.href };
}

function blocked(reason: string): UrlVerdict {
  return {
    ok: false,
    reason: `url is blocked: ${reason}; an operator can allow it with PARLEY_OUTBOUND_ALLOW`,
  };
}

async function resolveWithin(resolve: ResolveHost, host: string): Promise<Array<{ address: string }>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<[]>((done) => {
    timer = setTimeout(() => done([]), RESOLVE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([resolve(host).catch(() => []), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
