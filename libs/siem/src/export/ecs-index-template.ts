const keyword = { type: 'keyword' } as const;
const keywords = (...names: string[]) => Object.fromEntries(names.map((n) => [n, keyword]));

/**
 * The composable index template (`PUT _index_template/<name>`, Elasticsearch 7.8+ and OpenSearch)
 * for tokentrail's ECS documents: ids, names and actions as keywords so they aggregate and match
 * exactly, not as analysed text that dynamic mapping would make of them.
 */
export function ecsIndexTemplate(index: string) {
  return {
    index_patterns: [`${index}*`],
    // Above the built-in templates (priority 100), so an overlapping pattern is not an error.
    priority: 200,
    template: {
      mappings: {
        properties: {
          '@timestamp': { type: 'date' },
          message: { type: 'text' },
          ecs: { properties: keywords('version') },
          event: {
            properties: {
              ...keywords(
                'kind',
                'category',
                'type',
                'action',
                'id',
                'code',
                'provider',
                'outcome',
              ),
              severity: { type: 'long' },
              sequence: { type: 'long' },
              created: { type: 'date' },
            },
          },
          user: { properties: keywords('name', 'id') },
          group: { properties: keywords('name', 'id') },
          host: { properties: keywords('name') },
          tokentrail: {
            type: 'object',
            properties: {
              ...keywords('simulation', 'type', 'finding', 'causation_id', 'lingering', 'missing'),
              position: { type: 'long' },
              // A 64-bit log position: a long would overflow past 2^63, a keyword keeps it exact.
              global_position: keyword,
              artifact: { properties: keywords('kind', 'id') },
              // Each event type's own shape (kept in _source, not indexed): one event's string
              // where another has an object would otherwise reject documents. `flattened` would
              // index it but OpenSearch lacks it.
              data: { type: 'object', enabled: false },
            },
          },
        },
      },
    },
  };
}
