import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { LoginRefusedError, TooManyLoginsError } from './login-errors.js';

/** 401 for a refused login, 429 with Retry-After when the client must wait. */
@Catch(LoginRefusedError, TooManyLoginsError)
export class LoginErrorFilter implements ExceptionFilter<LoginRefusedError | TooManyLoginsError> {
  catch(error: LoginRefusedError | TooManyLoginsError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof TooManyLoginsError) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
      response.status(HttpStatus.TOO_MANY_REQUESTS).json({ statusCode: 429, error: 'Too Many Requests', message: error.message });
      return;
    }
    response.status(HttpStatus.UNAUTHORIZED).json({ statusCode: 401, error: 'Unauthorized', message: error.message });
  }
}
