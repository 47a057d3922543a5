/** A hostname (or IPv4 address), with a port when given: nothing a header could smuggle into a link. */
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::[0-9]{1,5})?$/;

/**
 * Where the public reached this service, for the links the packages carry:
 * the configured base URL (production sets it), else the host the gateway saw
 * (X-Forwarded-Host), else the request's own Host; a header that is no
 * hostname[:port] is not used.
 */
export function publicBaseUrl(configured: string | undefined, headers: Record<string, string | undefined>): string {
  if (configured) return configured.replace(/\/+$/, '');
  const proto = headers['x-forwarded-proto']?.split(',')[0].trim() === 'https' ? 'https' : 'http';
  const host = [headers['x-forwarded-host'], headers.host].map((value) => value?.split(',')[0].trim()).find((value) => value !== undefined && HOST.test(value));
  return `${proto}://${host ?? 'localhost'}`;
}
