import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { sqlOne } from '#serapan/database';
import { ScrapeReading } from '../scrape-reading.js';

/** Seconds one relay round's produce call took, from send to the broker's acknowledgement of every event (acks=all). */
export const relayPublishDuration = new Histogram({
  name: 'serapan_outbox_relay_publish_duration_seconds',
  help: 'Time one outbox relay round took to publish its events to Kafka, until every broker acknowledged them',
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

/** Events the relay published, by topic. */
export const relayPublishedEvents = new Counter({
  name: 'serapan_outbox_published_events_total',
  help: 'Events the outbox relay published to Kafka, by topic',
  labelNames: ['topic'],
});

/** The service's database whose outbox is reported (one per process; a test harness may add more, the first is read). */
const outboxes = new Set<DataSource>();

/**
 * Depth of the outbox and age of its oldest row, both read in one statement at
 * scrape time: a count over a table that is nearly empty when all is well,
 * and the oldest row by its primary key.
 */
const DEPTH = `SELECT count(*)::int AS depth,
  coalesce(extract(epoch FROM clock_timestamp() - (SELECT created_at FROM outbox ORDER BY seq LIMIT 1)), 0)::float8 AS age FROM outbox`;

interface OutboxFigures {
  depth: number;
  age: number;
}

/** Both gauges share one statement, read at most once a second and never holding a scrape up. */
const figures = new ScrapeReading<OutboxFigures>(async () => {
  const [dataSource] = outboxes;
  return dataSource ? sqlOne<OutboxFigures>(dataSource, DEPTH) : undefined;
}, 1000);

/** A gauge of one outbox figure, read at scrape time. */
function outboxGauge(name: string, help: string, figure: keyof OutboxFigures): Gauge {
  return new Gauge({
    name,
    help,
    async collect() {
      this.reset();
      const latest = await figures.latest();
      if (latest) this.set(latest[figure]);
    },
  });
}

outboxGauge(
  'serapan_outbox_events',
  'Outbox rows waiting to be published (of the whole database: every replica of a service reports the same figure)',
  'depth',
);
outboxGauge('serapan_outbox_oldest_event_age_seconds', 'Age of the oldest outbox row not yet published (0 when the outbox is empty)', 'age');

/** Reports the outbox of the service's database while the application runs. */
@Injectable()
export class OutboxMetrics implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    outboxes.add(this.dataSource);
  }

  onModuleDestroy(): void {
    outboxes.delete(this.dataSource);
  }
}
