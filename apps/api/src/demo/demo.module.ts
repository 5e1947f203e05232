import { Module } from '@nestjs/common';
import { ScenariosModule } from '@tokentrail/scenarios';
import { DemoLoader } from './demo-loader';

/** The first start's demo simulations (TOKENTRAIL_DEMO). */
@Module({ imports: [ScenariosModule], providers: [DemoLoader], exports: [DemoLoader] })
export class DemoModule {}
