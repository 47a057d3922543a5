import { Module } from '@nestjs/common';
import { LinesModule } from '../lines/lines.module.js';
import { DipaController } from './dipa.controller.js';
import { DipaService } from './dipa.service.js';

/** DIPA import: the budget document's lines, uploaded by K/L finance as CSV. */
@Module({
  imports: [LinesModule],
  controllers: [DipaController],
  providers: [DipaService],
})
export class DipaModule {}
