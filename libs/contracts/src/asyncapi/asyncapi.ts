import { getMetadataStorage } from 'class-validator';
// class-transformer keeps @Type metadata in this store; its typings live under types/
// @ts-expect-error the cjs entry has no declaration file of its own
import { defaultMetadataStorage as typeStore } from 'class-transformer/cjs/storage.js';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

const defaultMetadataStorage = typeStore as MetadataStorage;
import { EventRegistry } from '../registry.js';
import { Topics } from '../topics.js';

type Schema = Record<string, unknown>;
type Constructor = new () => object;

const PRODUCERS: Record<string, { service: string; consumers: string[]; key: string }> = {
  [Topics.product]: { service: 'catalog', consumers: ['order'], key: 'product id' },
  [Topics.order]: { service: 'order', consumers: ['budget', 'catalog'], key: 'order id' },
  [Topics.reservation]: { service: 'budget', consumers: ['order'], key: 'order id' },
  [Topics.absorption]: { service: 'budget', consumers: ['budget live streams', 'external dashboards'], key: 'satker code' },
  [Topics.report]: { service: 'budget', consumers: ['external'], key: 'satker code' },
};

/** A JSON Schema of an event data class, read from its class-validator decorators. */
export function schemaOf(type: Constructor): Schema {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const properties: Record<string, Schema> = {};
  const optional = new Set<string>();
  for (const m of metadata) {
    const property = (properties[m.propertyName] ??= {});
    const name = m.name ?? m.type;
    const [first] = m.constraints ?? [];
    if (m.type === 'conditionalValidation') optional.add(m.propertyName);
    else if (m.type === 'nestedValidation') {
      const nested = defaultMetadataStorage.findTypeMetadata(type, m.propertyName)?.typeFunction() as Constructor | undefined;
      Object.assign(property, { type: 'array', items: nested ? schemaOf(nested) : {} });
    } else if (name === 'isUuid') Object.assign(property, { type: 'string', format: 'uuid' });
    else if (name === 'matches') Object.assign(property, { type: 'string', pattern: (first as RegExp).source });
    else if (name === 'isInt') Object.assign(property, { type: 'integer' });
    else if (name === 'min') property.minimum = first;
    else if (name === 'max') property.maximum = first;
    else if (name === 'isBoolean') property.type = 'boolean';
    else if (name === 'isIn') property.enum = first;
    else if (name === 'isString') property.type = 'string';
    else if (name === 'isIso8601') Object.assign(property, { type: 'string', format: 'date-time' });
    else if (name === 'arrayNotEmpty') Object.assign(property, { type: 'array', minItems: 1 });
  }
  const required = Object.keys(properties).filter((p) => !optional.has(p));
  return { type: 'object', additionalProperties: false, required, properties };
}

/** The AsyncAPI 3.0 document of every topic and event type, generated from the contracts. */
export function buildAsyncApi(): Schema {
  const channels: Record<string, Schema> = {};
  const operations: Record<string, Schema> = {};
  const messages: Record<string, Schema> = {};
  for (const [type, entry] of Object.entries(EventRegistry)) {
    const id = type.replace(/[^a-zA-Z0-9]+/g, '_');
    messages[id] = {
      name: type,
      title: type,
      contentType: 'application/cloudevents+json',
      summary: `CloudEvents 1.0 envelope (specversion, id, source, type "${type}", subject = Kafka key, time) whose data is ${entry.data.name}`,
      payload: {
        type: 'object',
        required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'data'],
        properties: {
          specversion: { const: '1.0' },
          id: { type: 'string', format: 'uuid' },
          source: { type: 'string' },
          type: { const: type },
          subject: { type: 'string' },
          time: { type: 'string', format: 'date-time' },
          datacontenttype: { const: 'application/json' },
          data: schemaOf(entry.data as Constructor),
        },
      },
    };
    const channel = (channels[entry.topic] ??= {
      address: entry.topic,
      description: `Key: ${PRODUCERS[entry.topic].key}. Produced by ${PRODUCERS[entry.topic].service}, consumed by ${PRODUCERS[entry.topic].consumers.join(', ')}. Unprocessable messages go to ${entry.topic}.dlq with a dlq-reason header.`,
      messages: {},
    });
    (channel.messages as Schema)[id] = { $ref: `#/components/messages/${id}` };
  }
  for (const topic of Object.keys(channels)) {
    operations[`publish_${topic.replace(/\./g, '_')}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${topic}` },
      summary: `${PRODUCERS[topic].service} publishes through its transactional outbox`,
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Serapan events',
      version: '1.0.0',
      description: 'Generated from libs/contracts by `npm run asyncapi`; a unit test fails when this document and the contracts differ. Money is whole rupiah as a decimal string.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages },
  };
}
