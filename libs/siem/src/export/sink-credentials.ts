/**
 * Where each sink's secrets come from: the environment only, so they never appear in a command
 * line (`ps`, shell history) or in anything tokentrail prints.
 */
export const SECRET_VARIABLES = {
  splunk: { token: 'TOKENTRAIL_SPLUNK_TOKEN' },
  elasticsearch: {
    apiKey: 'TOKENTRAIL_ELASTIC_API_KEY',
    username: 'TOKENTRAIL_ELASTIC_USERNAME',
    password: 'TOKENTRAIL_ELASTIC_PASSWORD',
  },
  syslog: {},
  webhook: { secret: 'TOKENTRAIL_WEBHOOK_SECRET' },
} as const satisfies Record<string, Record<string, string>>;

/** The secret options of a sink, as the environment sets them. */
export function secretsFromEnv(
  kind: string,
  env: Record<string, string | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [option, variable] of Object.entries(
    SECRET_VARIABLES[kind as keyof typeof SECRET_VARIABLES] ?? {},
  ) as [string, string][]) {
    const value = env[variable];
    if (value) out[option] = value;
  }
  return out;
}
