/** A store file this version cannot use, said in one line. */
export class StoreUnusable extends Error {
  override readonly name = 'StoreUnusable';
}
