import { importSummarySchema } from '@tokentrail/siem';
import { named } from './openapi-schemas';

export const importSummaryBodySchema = named('ImportSummary', importSummarySchema);
