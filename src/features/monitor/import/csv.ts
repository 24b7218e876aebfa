// A streaming CSV reader after RFC 4180: fields separated by commas, quoted with double quotes (a
// doubled quote inside is one quote), quoted fields may hold commas and line breaks, rows end with LF
// or CRLF. A leading UTF-8 byte order mark is dropped. Hand-written so an import of 100,000 rows spends
// its time on sealing, not on a general parser.

/** One row: its fields, its line number in the file (1 is the first line, the header) and the bytes read so far. */
export interface CsvRow {
  fields: string[];
  line: number;
  bytes: number;
}

/** A quote opened and never closed before the end of the file. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(readonly line: number) {
    super(`a quoted field opened on line ${line} is never closed`);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Rows from text arriving in chunks (a file stream with encoding 'utf8', or an array of strings). Blank
 * lines are skipped. Chunk boundaries may fall anywhere, even between the two quotes of an escaped one.
 */
export async function* readCsv(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<CsvRow> {
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let afterQuote = false; // a quote just closed (or is the first of a doubled pair)
  let line = 1;
  let rowLine = 1;
  let bytes = 0;
  let first = true;
  let fieldStarted = false;
  const endRow = (): CsvRow | undefined => {
    fields.push(field);
    const row = fields;
    fields = [];
    field = '';
    fieldStarted = false;
    if (row.length === 1 && row[0] === '') return undefined;
    return { fields: row, line: rowLine, bytes };
  };
  let pendingCr = false; // the last chunk ended on CR: an LF starting this one belongs to it
  for await (let chunk of chunks) {
    bytes += Buffer.byteLength(chunk, 'utf8');
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    const rows: CsvRow[] = [];
    let start = 0; // start of the plain run being collected in this chunk
    const n = chunk.length;
    let i = 0;
    if (pendingCr && chunk.charCodeAt(0) === LF) start = i = 1;
    pendingCr = false;
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (quoted) {
        if (afterQuote) {
          afterQuote = false;
          if (c === QUOTE) {
            // A doubled quote: one quote in the field, still quoted.
            field += '"';
            start = i + 1;
            continue;
          }
          quoted = false; // the quote closed the field; fall through to the unquoted handling
        } else if (c === QUOTE) {
          field += chunk.slice(start, i);
          afterQuote = true;
          start = i + 1;
          continue;
        } else {
          if (c === LF) line++;
          continue;
        }
      }
      if (c === COMMA) {
        field += chunk.slice(start, i);
        fields.push(field);
        field = '';
        fieldStarted = false;
        start = i + 1;
      } else if (c === LF || c === CR) {
        field += chunk.slice(start, i);
        if (c === CR) {
          if (i + 1 === n) pendingCr = true;
          else if (chunk.charCodeAt(i + 1) === LF) i++;
        }
        line++;
        const row = endRow();
        if (row) rows.push(row);
        rowLine = line;
        start = i + 1;
      } else if (c === QUOTE && !fieldStarted) {
        quoted = true;
        fieldStarted = true;
        start = i + 1;
      } else {
        fieldStarted = true;
      }
    }
    field += chunk.slice(start);
    for (const row of rows) yield row;
  }
  if (quoted && !afterQuote) throw new CsvSyntaxError(rowLine);
  if (field !== '' || fields.length > 0) {
    const row = endRow();
    if (row) yield row;
  }
}

/** Parses a whole text at once (tests, small files). */
export async function parseCsv(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of readCsv([text])) rows.push(row.fields);
  return rows;
}
