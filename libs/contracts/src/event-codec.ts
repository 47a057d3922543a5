import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { CloudEvent } from './cloud-event.js';
import { schemaOf, type Schema } from './json-schema.js';
import { ContractViolationError, EventRegistry, ForgedSourceError, isKnownEventType, sourceOf } from './registry.js';
import type { EventType } from './topics.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('uuid', UUID);
ajv.addFormat('date-time', { validate: (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) });

const nonEmpty = { type: 'string', minLength: 1 };

/** What every consumed envelope must be before its data is looked at. */
const checkEnvelope = ajv.compile({
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: nonEmpty,
    source: nonEmpty,
    type: nonEmpty,
    subject: nonEmpty,
    time: { type: 'string', format: 'date-time' },
    data: { type: 'object' },
  },
});

/**
 * A consumer reads what it knows and ignores fields it does not (a tolerant
 * reader), so a producer may add a field without breaking older consumers.
 */
function tolerant(schema: Schema): Schema {
  const copy: Schema = { ...schema };
  delete copy.additionalProperties;
  if (copy.properties) copy.properties = Object.fromEntries(Object.entries(copy.properties as Record<string, Schema>).map(([k, v]) => [k, tolerant(v)]));
  if (copy.items) copy.items = tolerant(copy.items as Schema);
  return copy;
}

const dataCheckers = new Map<EventType, ValidateFunction>();

/** The compiled validator of a type's data, made on first use from the class-validator contract. */
function dataChecker(type: EventType): ValidateFunction {
  let check = dataCheckers.get(type);
  if (!check) {
    check = ajv.compile(tolerant(schemaOf(EventRegistry[type].data)));
    dataCheckers.set(type, check);
  }
  return check;
}

/**
 * Checks an envelope and its data against the contract (compiled JSON Schema
 * validators), that the type travels on `expectedTopic` when given, and that
 * its `source` is the service that owns the type (ForgedSourceError if not).
 * Throws ContractViolationError naming the fields.
 */
export function validateEvent<T = unknown>(envelope: unknown, expectedTopic?: string): CloudEvent<T> {
  if (!checkEnvelope(envelope)) throw new ContractViolationError(`invalid envelope: ${describe(checkEnvelope.errors)}`);
  const event = envelope as CloudEvent<T>;
  if (!isKnownEventType(event.type)) throw new ContractViolationError(`unknown event type "${event.type}"`);
  if (expectedTopic && EventRegistry[event.type].topic !== expectedTopic) {
    throw new ContractViolationError(`event type "${event.type}" does not belong on topic ${expectedTopic}`);
  }
  const check = dataChecker(event.type);
  if (!check(event.data)) throw new ContractViolationError(`invalid data of ${event.type}: ${describe(check.errors)}`);
  const expected = sourceOf(event.type);
  if (event.source !== expected) throw new ForgedSourceError(event.type, event.source, expected);
  return event;
}

/** Parses a Kafka message value as a CloudEvents JSON envelope and validates it. */
export function decodeEvent<T = unknown>(value: Buffer | null | undefined, expectedTopic?: string): CloudEvent<T> {
  if (!value || value.length === 0) throw new ContractViolationError('empty message value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    throw new ContractViolationError('message value is not JSON');
  }
  return validateEvent<T>(parsed, expectedTopic);
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => {
      const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const missing = error.keyword === 'required' ? String(error.params.missingProperty) : '';
      const field = [path, missing].filter(Boolean).join('.');
      return `${field || '(value)'}: ${error.message}`;
    })
    .join('; ');
}
