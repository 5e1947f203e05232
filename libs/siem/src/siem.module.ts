import { Module } from '@nestjs/common';
import { SimulationModule } from '@tokentrail/simulation';
import { ExportService } from './export/export.service';
import { ImportService } from './import.service';

/** SIEM import (and export). Needs EventStoreModule. */
@Module({
  imports: [SimulationModule],
  providers: [ImportService, ExportService],
  exports: [ImportService, ExportService],
})
export class SiemModule {}
