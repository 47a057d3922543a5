import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import type { Principal } from '#serapan/auth';
import type { OrderViewDto } from '../dto/order-view.dto.js';
import { vendorOrderView } from '../order-view.js';

const isOrderView = (value: unknown): value is OrderViewDto =>
  typeof value === 'object' && value !== null && 'timeline' in value && 'addenda' in value && 'status' in value;

/**
 * Every order a vendor is answered with (one, or a page of them) goes out
 * without the figures of the buyer's budget line, whichever endpoint made it.
 */
@Injectable()
export class VendorViewInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (principal?.role !== 'vendor') return next.handle();
    return next.handle().pipe(map(forVendor));
  }
}

function forVendor(body: unknown): unknown {
  if (isOrderView(body)) return vendorOrderView(body);
  if (typeof body === 'object' && body !== null && 'items' in body && Array.isArray(body.items))
    return { ...body, items: body.items.map((item: unknown) => (isOrderView(item) ? vendorOrderView(item) : item)) };
  return body;
}
