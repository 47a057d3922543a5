/**
 * An error that retrying cannot fix (a rule the event breaks, a reference that
 * will never exist). The consumer dead-letters the message at once.
 */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}
