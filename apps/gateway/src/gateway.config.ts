import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsIP, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { booleanVariable, OTLP_MESSAGE, OTLP_URL } from '#serapan/config';

const upstream = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
/** The gateway's environment: login, token signing, upstream services, the web app. */
export class GatewayConfig {
  @Matches(/^postgres(ql)?:\/\/.+\/[a-z_][a-z0-9_]*$/, { message: 'DATABASE_URL must be a postgres:// URL naming the database' })
  DATABASE_URL: string;
  @IsInt() @Min(2) @Max(100) DATABASE_POOL_SIZE: number = 5;

  @IsInt() @Min(1) @Max(65535) PORT: number = 3000;
  @IsIP() HOST: string = '127.0.0.1';

  @Matches(/BEGIN (RSA )?PRIVATE KEY/, { message: 'JWT_PRIVATE_KEY must be a PEM private key' })
  JWT_PRIVATE_KEY: string;
  @Matches(/BEGIN PUBLIC KEY/, { message: 'JWT_PUBLIC_KEY must be a PEM public key' })
  JWT_PUBLIC_KEY: string;
  @IsString() JWT_ISSUER: string = 'serapan-login';
  @IsString() JWT_AUDIENCE: string = 'serapan';
  @IsInt() @Min(60) @Max(86_400) ACCESS_TOKEN_TTL_SECONDS: number = 8 * 3600;

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

  /** Create the demo users of docs/demo-users.md at start (local runs and tests only). */
  @Transform(booleanVariable) @IsBoolean({ message: 'SEED_DEMO_USERS must be true or false' }) SEED_DEMO_USERS: boolean = false;

  /** OTLP/HTTP receiver spans are exported to (the standard OpenTelemetry variable); unset, nothing is exported. */
  @IsOptional() @IsUrl(OTLP_URL, { message: OTLP_MESSAGE }) OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}
