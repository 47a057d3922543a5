import { Module } from '@nestjs/common';
import { LinesController } from './lines.controller.js';
import { LinesService } from './lines.service.js';

/** Budget lines: allocating and revising a pagu, and reading lines and their revisions within the caller's scope. */
@Module({
  controllers: [LinesController],
  providers: [LinesService],
  exports: [LinesService],
})
export class LinesModule {}
