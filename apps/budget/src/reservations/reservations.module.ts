import { Module } from '@nestjs/common';
import { ReservationsConsumer } from './reservations.consumer.js';
import { ReservationsService } from './reservations.service.js';

/** The budget side of the purchase saga: order events reserve, release and realise pagu. */
@Module({
  controllers: [ReservationsConsumer],
  providers: [ReservationsService],
})
export class ReservationsModule {}
