/**
 * A file the user named beside the store (an evidence bundle, a signing or public key) that cannot
 * be used, said in one line: the user's input, where StoreUnusable is the store itself.
 */
export class UnusableFile extends Error {
  override readonly name = 'UnusableFile';
}
