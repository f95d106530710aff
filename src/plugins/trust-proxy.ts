import { isIP } from 'node:net';

/**
 * Which proxies may tell us the client's address and protocol (X-Forwarded-For / -Proto / -Host).
 * `false`: none (the socket's peer is the client). A number: that many hops in front of us are
 * trusted. A list: only these addresses or CIDR ranges (or proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`). The client address is then the right-most address in
 * X-Forwarded-For that is not a trusted proxy (docs/adr/0015).
 */
export type TrustProxy = false | number | string[];

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validEntry(entry: string): boolean {
  if (NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Parses TRUST_PROXY: empty, `nee` or `0` is off; a whole number 1–10 is a hop count; otherwise a
 * comma list of addresses/CIDRs. Throws a Dutch message naming the wrong entry.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'nee' || text === '0' || text === 'false') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) {
      throw new Error(
        `TRUST_PROXY "${text}": een aantal proxy's is 1 tot en met 10; of geef de adressen van de proxy's.`,
      );
    }
    return hops;
  }
  const entries = text.split(',').map((e) => e.trim());
  entries.forEach((entry, index) => {
    if (!validEntry(entry)) {
      throw new Error(
        `TRUST_PROXY, item ${index + 1} ("${entry}"): geen IP-adres of CIDR-bereik (zoals 10.0.0.5 of 10.0.0.0/24).`,
      );
    }
  });
  return entries;
}

/**
 * The form Fastify's `trustProxy` option takes: a hop count becomes a function (as proxy-addr
 * reads a number: the first `hops` addresses from the socket inwards are proxies).
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}
