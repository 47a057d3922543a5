/** Wrong user name or password; deliberately does not say which. */
export class LoginRefusedError extends Error {
  constructor(message = 'username or password is wrong') {
    super(message);
    this.name = 'LoginRefusedError';
  }
}

/** Too many failed logins from this client; try again after `retryAfterSeconds`. */
export class TooManyLoginsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed logins; try again in ${retryAfterSeconds} s`);
    this.name = 'TooManyLoginsError';
  }
}

/** The account had too many failed logins from anywhere; it is locked for `retryAfterSeconds`. */
export class AccountLockedError extends TooManyLoginsError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds);
    this.message = `this account is locked after too many failed logins; try again in ${retryAfterSeconds} s`;
    this.name = 'AccountLockedError';
  }
}

/** Too many logins are waiting for a password check; try again after `retryAfterSeconds`. */
export class LoginBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many logins at once; try again in ${retryAfterSeconds} s`);
    this.name = 'LoginBusyError';
  }
}
