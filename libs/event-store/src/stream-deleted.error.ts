/** A stream was deleted: its name is not used again (a deletion is part of the record). */
export class StreamDeleted extends Error {
  override readonly name = 'StreamDeleted';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} was deleted; its name cannot be used again`);
  }
}
