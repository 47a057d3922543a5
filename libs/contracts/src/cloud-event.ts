import { v7 as timeOrderedUuid } from 'uuid';

/** A CloudEvents 1.0 structured-mode JSON envelope. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: T;
}

/**
 * Wraps event data in a new envelope with a fresh id: a time-ordered UUID
 * (version 7), so the inboxes' and outboxes' indexes grow at their end.
 */
export function cloudEvent<T>(source: string, type: string, subject: string, data: T, time = new Date()): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: timeOrderedUuid(),
    source,
    type,
    subject,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}
