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
