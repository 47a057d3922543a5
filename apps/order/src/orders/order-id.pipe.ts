import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidRequestError } from '#serapan/service';

/** The `:id` of an order route: a UUID, or 400 naming the field. */
export const orderIdPipe = new ParseUUIDPipe({ version: undefined, exceptionFactory: () => new InvalidRequestError('id must be an order id (UUID)') });
