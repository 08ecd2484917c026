/**
 * Splits CSV text into records (RFC 4180 subset): comma-separated fields, double-quoted fields
 * with `""` for a quote, `\n` or `\r\n` line ends, a leading UTF-8 byte-order mark ignored, blank
 * lines skipped. Quoted fields may not span lines (no market data file needs it).
 */
export type CsvRecord = {
  /** 1-based line number in the text, for error messages. */
  line: number;
  fields: string[];
  /** Set when the line is malformed (an unterminated quote). */
  error?: string;
};

export function parseCsvRecords(text: string): CsvRecord[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const lines = body.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    if (line.trim() === "") continue;
    records.push(splitLine(line, i + 1));
  }
  return records;
}

function splitLine(line: string, lineNumber: number): CsvRecord {
  if (!line.includes('"')) return { line: lineNumber, fields: line.split(",") };
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else field += char;
  }
  fields.push(field);
  return quoted ? { line: lineNumber, fields, error: "unterminated quoted field" } : { line: lineNumber, fields };
}
