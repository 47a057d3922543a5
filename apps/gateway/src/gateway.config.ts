import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsIP, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateBy } from 'class-validator';
import { booleanVariable, DATABASE_URL_PATTERN, commaList, IsPemFiles, OTLP_MESSAGE, OTLP_URL } from '#serapan/config';

const upstream = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** Addresses only this machine reaches: 127.0.0.0/8 and ::1. */
export const isLoopback = (host: string): boolean => host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/** The demo users share a published password: they may exist only where no other machine can sign in. */
const OnlyOnLoopback = () =>
  ValidateBy({
    name: 'onlyOnLoopback',
    validator: {
      validate: (seed: unknown, args) => seed !== true || isLoopback((args?.object as GatewayConfig).HOST),
      defaultMessage: (args) =>
        `SEED_DEMO_USERS must be false when HOST (${(args?.object as GatewayConfig).HOST}) is not a loopback address (127.0.0.1, ::1): ` +
        'the demo users share a published password; create real users with "npm run users -- create"',
    },
  });
/** The gateway's environment: login, token signing, upstream services, the web app. */
export class GatewayConfig {
  @Matches(DATABASE_URL_PATTERN, { message: 'DATABASE_URL must be a postgres:// URL naming the database' })
  DATABASE_URL: string;
  /** The gateway's database as its owner, for the migrations and grants only; unset, DATABASE_URL's role migrates. */
  @IsOptional()
  @Matches(DATABASE_URL_PATTERN, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL naming the database' })
  DATABASE_MIGRATION_URL?: string;
  @IsInt() @Min(2) @Max(100) DATABASE_POOL_SIZE: number = 5;

  @IsInt() @Min(1) @Max(65535) PORT: number = 3000;
  @IsIP() HOST: string = '127.0.0.1';

  /** File with the PEM private key access tokens are signed with (the current key of a rotation). */
  @IsPemFiles('private', { single: true }) JWT_PRIVATE_KEY_FILE: string;
  /** Files with the PEM public keys tokens are accepted from (comma-separated): the current key's, and the previous one's while it rotates out. */
  @Transform(commaList) @IsPemFiles('public') JWT_PUBLIC_KEY_FILES: string[];
  @IsString() JWT_ISSUER: string = 'serapan-login';
  @IsString() JWT_AUDIENCE: string = 'serapan';
  /** Life of an access token; the web app renews it with its refresh token. */
  @IsInt() @Min(30) @Max(3600) ACCESS_TOKEN_TTL_SECONDS: number = 300;
  /** A session ends when its refresh token has not been used this long… */
  @IsInt() @Min(60) REFRESH_TOKEN_IDLE_SECONDS: number = 2 * 3600;
  /** …and this long after sign-in whatever happens. */
  @IsInt() @Min(60) REFRESH_TOKEN_ABSOLUTE_SECONDS: number = 12 * 3600;
  /** Life of a stream ticket, and so of a live stream it opens (the web app opens it again with a new one). */
  @IsInt() @Min(5) @Max(600) STREAM_TICKET_TTL_SECONDS: number = 60;
  /** How often revoked sessions and disabled or re-scoped users are read again (they count within this time). */
  @IsInt() @Min(100) @Max(60_000) SESSION_CHECK_INTERVAL_MS: number = 30_000;

  /** Failed logins allowed per user name and client address within the window. */
  @IsInt() @Min(1) LOGIN_MAX_FAILURES: number = 5;
  /** Failed logins allowed per client address within the window, whatever the user name. */
  @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_CLIENT: number = 50;
  /** Failed logins allowed per user name from all clients together within the window; then the account is locked. */
  @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_ACCOUNT: number = 10;
  @IsInt() @Min(1) LOGIN_WINDOW_SECONDS: number = 15 * 60;
  /** Password hashes computed at once (each takes 128 MiB); more logins wait in a queue of LOGIN_HASH_QUEUE, then get 503. */
  @IsInt() @Min(1) @Max(64) LOGIN_CONCURRENT_HASHES: number = 2;
  @IsInt() @Min(0) LOGIN_HASH_QUEUE: number = 32;
  /**
   * Reverse proxies in front of the gateway whose X-Forwarded-For and X-Forwarded-Proto are believed;
   * 0: the client is the socket's address.
   */
  @IsInt() @Min(0) @Max(10) TRUSTED_PROXY_HOPS: number = 0;

  @IsUrl(upstream, { message: 'CATALOG_URL must be an http(s) URL' }) CATALOG_URL: string = 'http://127.0.0.1:3001';
  @IsUrl(upstream, { message: 'ORDER_URL must be an http(s) URL' }) ORDER_URL: string = 'http://127.0.0.1:3002';
  @IsUrl(upstream, { message: 'BUDGET_URL must be an http(s) URL' }) BUDGET_URL: string = 'http://127.0.0.1:3003';
  /** How long to wait for an upstream's response headers (a live stream may then stay open). */
  @IsInt() @Min(100) UPSTREAM_TIMEOUT_MS: number = 30_000;

  /** Create the demo users of docs/demo-users.md at start (local runs and tests only; refused with a HOST beyond the loopback). */
  @Transform(booleanVariable)
  @IsBoolean({ message: 'SEED_DEMO_USERS must be true or false' })
  @OnlyOnLoopback()
  SEED_DEMO_USERS: boolean = false;

  /** OTLP/HTTP receiver spans are exported to (the standard OpenTelemetry variable); unset, nothing is exported. */
  @IsOptional() @IsUrl(OTLP_URL, { message: OTLP_MESSAGE }) OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}
