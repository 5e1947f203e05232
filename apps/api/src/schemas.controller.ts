import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { scenarioJsonSchema } from '@tokentrail/scenarios';
import { Public } from './requires.decorator';

/** The JSON Schema of scenario files, for editors (a scenario's `$schema` may name this URL). */
@ApiTags('schemas')
@Public()
@Controller('schemas')
export class SchemasController {
  @Get('scenario.json')
  @ApiOperation({ summary: 'The JSON Schema (2020-12) of scenario files' })
  scenario() {
    return scenarioJsonSchema();
  }
}
