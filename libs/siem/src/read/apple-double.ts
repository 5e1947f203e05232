/** macOS metadata that archivers add beside each file (`__MACOSX/…`, `._name`): never a log. */
export function isAppleDouble(path: string): boolean {
  return /(^|\/)__MACOSX\//.test(path) || /(^|\/)\._[^/]*$/.test(path);
}

export const APPLE_DOUBLE = 'AppleDouble metadata (macOS resource fork), not a log';
