import { Module } from '@nestjs/common';
import { AbsorptionFeed } from './absorption-feed.js';
import { AbsorptionController } from './absorption.controller.js';
import { AbsorptionService } from './absorption.service.js';

/** Absorption read models, judged against the fiscal year's targets, and their live stream. */
@Module({
  controllers: [AbsorptionController],
  providers: [AbsorptionService, AbsorptionFeed],
  exports: [AbsorptionService],
})
export class AbsorptionModule {}
