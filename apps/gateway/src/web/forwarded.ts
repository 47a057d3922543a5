import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The addresses a request came through that the gateway may believe, client
 * first: the socket's address and, behind `trustedHops` reverse proxies, that
 * many entries from the right of `X-Forwarded-For` (each proxy appends the
 * address it was called from). Entries further left were written by the
 * client and are ignored; a chain shorter than the hops keeps what it has.
 */
export function trustedChain(socketAddress: string, forwardedFor: string | string[] | undefined, trustedHops: number): string[] {
  if (trustedHops === 0) return [socketAddress];
  const listed = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const forwarded = listed.slice(-trustedHops);
  // a trusted proxy writes nothing but addresses; what is left of anything else is not to be believed
  const firstBad = forwarded.findLastIndex((entry) => isIP(entry) === 0);
  return [...forwarded.slice(firstBad + 1), socketAddress];
}

/** The client's address: the socket's, or the one the nearest trusted proxies name. */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  return trustedChain(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for'], trustedHops)[0];
}

/** Whether the client reached the gateway over TLS, directly or as the trusted proxy in front says. */
export function cameOverTls(req: IncomingMessage, trustedHops: number): boolean {
  if ('encrypted' in req.socket && req.socket.encrypted) return true;
  if (trustedHops === 0) return false;
  // as for X-Forwarded-For: the entry of the outermost trusted proxy, never one the client wrote further left
  const protos = String(req.headers['x-forwarded-proto'] ?? '').split(',');
  const proto = protos[Math.max(0, protos.length - trustedHops)];
  return proto.trim().toLowerCase() === 'https';
}
