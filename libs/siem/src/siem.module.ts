import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@tokentrail/projections';
import { SimulationModule } from '@tokentrail/simulation';
import { ExportService } from './export/export.service';
import { ImportService } from './import.service';

/** SIEM import (and export). Needs EventStoreModule. */
@Module({
  imports: [SimulationModule, ProjectionsModule],
  providers: [ImportService, ExportService],
  exports: [ImportService, ExportService],
})
export class SiemModule {}
