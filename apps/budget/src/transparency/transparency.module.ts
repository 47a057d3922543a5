import { Module } from '@nestjs/common';
import { AbsorptionModule } from '../absorption/absorption.module.js';
import { AbsorptionWeeklyController } from './absorption-weekly.controller.js';
import { TransparencyController } from './transparency.controller.js';
import { TransparencyService } from './transparency.service.js';

/** Open data on absorption for the public transparency page, and its weekly series for the finance dashboard. */
@Module({
  imports: [AbsorptionModule],
  controllers: [TransparencyController, AbsorptionWeeklyController],
  providers: [TransparencyService],
})
export class TransparencyModule {}
