import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { scenarioJsonSchema } from '@tokentrail/scenarios';
import { Public } from './requires.decorator';

const JSON_SCHEMA_DOCUMENT = {
  type: 'object',
  description: 'A JSON Schema (2020-12) document',
  additionalProperties: true,
} as const;

/** The JSON Schema of scenario files, for editors (a scenario's `$schema` may name this URL). */
@ApiTags('schemas')
@Public()
@Controller('schemas')
export class SchemasController {
  @Get('scenario.json')
  @ApiOperation({ summary: 'The JSON Schema (2020-12) of scenario files' })
  @ApiOkResponse({ description: 'the schema', schema: JSON_SCHEMA_DOCUMENT })
  scenario() {
    return scenarioJsonSchema();
  }
}
