/** The tool's name and version, as bundles and `--version` state them. */
export const TOOL = { name: 'tokentrail', version: '0.1.0' } as const;
