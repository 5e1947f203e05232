import { StringDecoder } from 'node:string_decoder';
import { parseEventXml } from './parse-evtx-xml';
import { type Progress, type RecordItem, recordItem } from './read-item';

const START = /<Event[\s>]/;
const END = '</Event>';
/** What may stand between events: the XML declaration, an `<Events>` wrapper, white space. */
const BETWEEN = /<\?xml[^>]*\?>|<\/?Events\b[^>]*>|\s+/g;

/**
 * `<Event>` elements (wevtutil `/f:xml`, Get-WinEvent `ToXml()`, an `<Events>` export): one per
 * line, several on one line, or one over many lines. Read as a stream, never whole.
 */
export async function* readXmlEvents(
  file: string,
  chunks: AsyncIterable<Buffer>,
  progress: Progress,
  stopped: () => boolean,
): AsyncIterable<RecordItem[]> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  progress.line = 1;
  /** Drop what was read up to `to`, counting its lines. */
  const drop = (to: number) => {
    for (let nl = text.indexOf('\n'); nl !== -1 && nl < to; nl = text.indexOf('\n', nl + 1))
      progress.line += 1;
    text = text.slice(to);
  };
  const stray = (to: number): RecordItem | null =>
    text.slice(0, to).replace(BETWEEN, '')
      ? {
          malformed: { file, line: progress.line, reason: 'text outside an <Event> element' },
        }
      : null;
  /** The events complete in the text so far (all of them at the end). */
  function events(final: boolean): RecordItem[] {
    const items: RecordItem[] = [];
    for (;;) {
      const start = text.search(START);
      // Without a start, keep what may begin a tag (`<Eve`, `</Events`) for the next chunk.
      const tail = text.lastIndexOf('<');
      const upTo = start !== -1 ? start : final || tail === -1 ? text.length : tail;
      const bad = stray(upTo);
      if (bad) items.push(bad);
      drop(upTo);
      if (start === -1) return items;
      const end = text.indexOf(END);
      if (end === -1) {
        // Bytes that stopped early end inside an element: the stop says so.
        if (final && !stopped())
          items.push({
            malformed: { file, line: progress.line, reason: 'an <Event> element is not closed' },
          });
        return items;
      }
      const at = { file, line: progress.line };
      const xml = text.slice(0, end + END.length);
      items.push(recordItem(() => parseEventXml(xml, at), at));
      drop(xml.length);
    }
  }
  for await (const chunk of chunks) {
    text += decoder.write(chunk);
    yield events(false);
  }
  text += decoder.end();
  yield events(true);
}
