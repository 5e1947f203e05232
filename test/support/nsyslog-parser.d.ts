declare module 'nsyslog-parser' {
  interface Parsed {
    type: string;
    [key: string]: any;
  }
  function parse(line: string, options?: Record<string, unknown>): Parsed;
  export default parse;
}
