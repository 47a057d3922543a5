import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsBoolean, IsIn, IsInt, IsIP, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import { RetentionDays } from '#serapan/contracts';
import { commaList } from './comma-list.js';
import { IsPemFiles } from './key-files.js';

/**
 * "true"/"false" (also 1/0, yes/no) as a boolean, empty as unset; anything else is left for
 * validation to refuse. Read from the variable as written: implicit conversion
 * has already turned every non-empty string, "false" too, into `true`.
 */
export const booleanVariable = ({ value, obj, key }: { value: unknown; obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  if (raw === undefined || raw === '') return value;
  if (typeof raw !== 'string') return raw;
  const text = raw.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(text)) return true;
  if (['false', '0', 'no'].includes(text)) return false;
  return raw;
};

/** How OTEL_EXPORTER_OTLP_ENDPOINT is checked, by every service and the gateway. */
export const OTLP_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
export const OTLP_MESSAGE = 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL';

/** A postgres:// URL that names its database. */
export const DATABASE_URL_PATTERN = /^postgres(ql)?:\/\/.+\/[a-z_][a-z0-9_]*$/;

/** Variables every service reads. Each app extends it with its own. */
export class ServiceConfig {
  /** The service's database as its runtime role (deploy/lib/database-roles.mjs): what the service reads and writes with. */
  @Matches(DATABASE_URL_PATTERN, { message: 'DATABASE_URL must be a postgres:// URL naming the database' })
  DATABASE_URL: string;
  /**
   * The same database as the role that owns it, used only to run the migrations and grant the runtime role its
   * rights (docs/architecture.md, "Database roles"). Unset, DATABASE_URL's role migrates and owns the tables.
   */
  @IsOptional()
  @Matches(DATABASE_URL_PATTERN, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL naming the database' })
  DATABASE_MIGRATION_URL?: string;

  @Transform(commaList)
  @ArrayNotEmpty({ message: 'KAFKA_BROKERS must list at least one host:port' })
  @Matches(/^[^:,\s]+:[0-9]+$/, { each: true, message: 'KAFKA_BROKERS entries must be host:port' })
  KAFKA_BROKERS: string[];

  @IsInt() @Min(1) @Max(64) KAFKA_PARTITIONS: number = 6;
  /** Replicas per partition of the topics the service creates; unset, the cluster's size capped at 3. */
  @IsOptional() @IsInt() @Min(1) @Max(16) KAFKA_REPLICATION_FACTOR?: number;
  /** Days the order and budget topics keep their events: a fiscal year at least (docs/architecture.md, "Topics as a durable log"). */
  @IsInt() @Min(RetentionDays.least) TOPIC_RETENTION_DAYS: number = RetentionDays.default;

  @IsInt() @Min(1) @Max(65535) PORT: number;
  /** The address HTTP listens on: the loopback on a developer's machine, 0.0.0.0 in a container. */
  @IsIP() HOST: string = '127.0.0.1';

  /** SASL/SCRAM user on a broker that authenticates clients (a cluster's KafkaUser); unset, clients connect without. */
  @IsOptional() @IsString() @IsNotEmpty() KAFKA_SASL_USERNAME?: string;
  @ValidateIf((config: ServiceConfig) => config.KAFKA_SASL_USERNAME !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_SASL_PASSWORD must be set with KAFKA_SASL_USERNAME' })
  KAFKA_SASL_PASSWORD?: string;
  @IsIn(['scram-sha-256', 'scram-sha-512']) KAFKA_SASL_MECHANISM: 'scram-sha-256' | 'scram-sha-512' = 'scram-sha-512';
  /** Connect to the brokers over TLS (the system's trusted CAs, plus NODE_EXTRA_CA_CERTS). */
  @Transform(booleanVariable) @IsBoolean({ message: 'KAFKA_TLS must be true or false' }) KAFKA_TLS: boolean = false;
  /**
   * Whether the service creates its topics and brings their configuration up to date at start. Off where the topics
   * are managed outside (Strimzi KafkaTopic resources) and the service's Kafka user may not describe or alter configs.
   */
  @Transform(booleanVariable) @IsBoolean({ message: 'PROVISION_TOPICS must be true or false' }) PROVISION_TOPICS: boolean = true;

  /**
   * Files with the PEM public keys access tokens may be signed with (comma-separated; a file may hold several),
   * each known by its key id: two keys are live at once while the signing key is rotated.
   */
  @Transform(commaList) @IsPemFiles('public') JWT_PUBLIC_KEY_FILES: string[];

  @IsString() JWT_ISSUER: string = 'serapan-login';
  @IsString() JWT_AUDIENCE: string = 'serapan';

  /** Partitions a consumer instance works on at once. */
  @IsInt() @Min(1) @Max(64) CONSUMER_CONCURRENCY: number = 6;
  @IsInt() @Min(1) @Max(20) CONSUMER_MAX_ATTEMPTS: number = 5;
  @IsInt() @Min(1) CONSUMER_RETRY_DELAY_MS: number = 200;

  /** How long the broker may gather messages for this service's consumers (0: deliver at once). */
  @IsInt() @Min(0) @Max(10_000) CONSUMER_FETCH_LINGER_MS: number = 0;
  /** Most events a consumer applies in one transaction. */
  @IsInt() @Min(1) @Max(5000) CONSUMER_MAX_BATCH: number = 500;
  /** Connections for the consumers, apart from the HTTP pool (DATABASE_POOL_SIZE). */
  @IsInt() @Min(2) @Max(100) CONSUMER_POOL_SIZE: number = 8;
  /**
   * Check every outgoing event against its contract before it enters the
   * outbox: it catches a bug in development and tests (the launcher turns it
   * on), and costs every send in production, where it is off.
   */
  @Transform(booleanVariable) @IsBoolean({ message: 'VALIDATE_OUTGOING_EVENTS must be true or false' }) VALIDATE_OUTGOING_EVENTS: boolean = false;
  @IsInt() @Min(1) @Max(5000) RELAY_BATCH_SIZE: number = 1000;
  @IsInt() @Min(0) @Max(1000) RELAY_LINGER_MS: number = 50;
  @IsInt() @Min(10) RELAY_POLL_INTERVAL_MS: number = 250;
  @IsInt() @Min(2) @Max(100) DATABASE_POOL_SIZE: number = 12;

  /** OTLP/HTTP receiver spans are exported to (the standard OpenTelemetry variable); unset, nothing is exported. */
  @IsOptional() @IsUrl(OTLP_URL, { message: OTLP_MESSAGE }) OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}
