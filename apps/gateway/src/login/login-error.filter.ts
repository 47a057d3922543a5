import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { LoginBusyError, LoginRefusedError, TooManyLoginsError } from './login-errors.js';

/** 401 for a refused login, 429 with Retry-After when the client or account must wait, 503 with Retry-After when too many logins wait. */
@Catch(LoginRefusedError, TooManyLoginsError, LoginBusyError)
export class LoginErrorFilter implements ExceptionFilter<LoginRefusedError | TooManyLoginsError | LoginBusyError> {
  catch(error: LoginRefusedError | TooManyLoginsError | LoginBusyError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof LoginBusyError) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ statusCode: 503, error: 'Service Unavailable', message: error.message });
      return;
    }
    if (error instanceof TooManyLoginsError) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
      response.status(HttpStatus.TOO_MANY_REQUESTS).json({ statusCode: 429, error: 'Too Many Requests', message: error.message });
      return;
    }
    response.status(HttpStatus.UNAUTHORIZED).json({ statusCode: 401, error: 'Unauthorized', message: error.message });
  }
}
