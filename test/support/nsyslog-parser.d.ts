declare module 'nsyslog-parser' {
  interface Parsed {
    type: string;
    // The parser's fields are asserted by the tests that read them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    [key: string]: any;
  }
  function parse(line: string, options?: Record<string, unknown>): Parsed;
  export default parse;
}
