import { EventRegistry } from '../registry.js';
import { schemaOf, type Schema } from '../json-schema.js';
import { Topic, TopicOwners, Topics } from '../topics.js';

export { schemaOf };

const TOPICS: Record<Topic, { consumers: string[]; key: string }> = {
  [Topics.product]: { consumers: ['order'], key: 'product id' },
  [Topics.order]: { consumers: ['budget', 'catalog'], key: 'order id' },
  [Topics.reservation]: { consumers: ['order'], key: 'order id' },
  [Topics.absorption]: { consumers: ['budget live streams', 'external dashboards'], key: 'satker code' },
  [Topics.report]: { consumers: ['external'], key: 'satker code' },
};
const PRODUCERS = Object.fromEntries(Object.entries(TOPICS).map(([topic, t]) => [topic, { ...t, service: TopicOwners[topic as Topic] }]));

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
      headers: {
        type: 'object',
        properties: {
          ce_type: { const: type, description: 'The event type, so a consumer can skip types it does not handle without parsing the value' },
          ce_traceparent: {
            type: 'string',
            pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
            description:
              'W3C trace context of the span that caused the event (CloudEvents distributed-tracing extension); a consumer processes the event in a child span. Absent when nothing traced caused it',
          },
          'content-type': { const: 'application/cloudevents+json; charset=UTF-8' },
        },
      },
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
          data: schemaOf(entry.data),
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
      description:
        'Generated from libs/contracts by `npm run asyncapi`; a unit test fails when this document and the contracts differ. Money is whole rupiah as a decimal string.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages },
  };
}
