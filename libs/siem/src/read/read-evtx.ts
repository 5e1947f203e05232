import { errorText } from './error-text';
import { parseEventXml } from './parse-evtx-xml';
import { type Progress, type RecordItem, recordItem } from './read-item';

const BATCH = 256;

/** A binary .evtx file (in memory: its chunks are read by offset), a record at a time. */
export async function* readEvtx(
  file: string,
  bytes: Buffer,
  progress: Progress,
): AsyncIterable<RecordItem[]> {
  const { EvtxFile } = await import('@ts-evtx/core');
  // EvtxFile.open() wants a path and refuses files over 100 MB; the constructor takes the bytes.
  const evtx: InstanceType<typeof EvtxFile> = Reflect.construct(EvtxFile, [bytes]);
  let items: RecordItem[] = [];
  for (const record of evtx.records()) {
    if (items.length === BATCH) {
      yield items;
      items = [];
    }
    const at = { file, line: ++progress.line };
    let xml: string;
    try {
      xml = record.renderXml();
    } catch (error) {
      items.push({ malformed: { ...at, reason: `record not rendered: ${errorText(error)}` } });
      continue;
    }
    items.push(recordItem(() => parseEventXml(xml, at, 'evtx'), at));
  }
  if (items.length) yield items;
}
