/** A broken business rule. Knows nothing of HTTP; each transport maps it. */
export abstract class DomainError extends Error {
  abstract readonly kind: 'not-found' | 'conflict' | 'forbidden' | 'invalid' | 'unprocessable' | 'too-many';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
}
/** The request clashes with the current state (a duplicate, an illegal transition). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}
/** The caller is signed in but outside the scope of what they touch. */
export class ScopeError extends DomainError {
  readonly kind = 'forbidden';
}
/** The request is malformed or breaks a rule about its own content. */
export class InvalidRequestError extends DomainError {
  readonly kind = 'invalid';
}
/** Well-formed, but it contradicts an earlier request (e.g. a reused idempotency key). */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
}
/** The caller holds as many of something (open streams) as one caller may. */
export class TooManyError extends DomainError {
  readonly kind = 'too-many';
}
