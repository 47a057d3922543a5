import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Hands a consumer's error back to the transport unchanged, so the server can
 * tell a permanent error (dead-letter) from a transient one (retry).
 */
@Catch()
export class KafkaErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
