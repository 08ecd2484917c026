/**
 * A Solidity file's text with the position conversions the checker needs. solc's AST counts UTF-8
 * bytes while EDR's coverage metadata counts UTF-16 code units (JavaScript string indices): every
 * position below is a UTF-16 index unless the name says bytes.
 */
export type SourceText = {
  readonly content: string;
  /** UTF-16 index of a UTF-8 byte offset (solc `src` offsets). */
  utf16AtByte(byteOffset: number): number;
  /** 1-based line of an index. */
  lineOf(index: number): number;
  /** 1-based column of an index. */
  columnOf(index: number): number;
  /** A line's text without its line break, 1-based. */
  lineText(line: number): string;
  /** First index at or after `index` that is neither whitespace nor inside a comment. */
  skipTrivia(index: number): number;
  /** First index of `token` in [from, to) outside comments and string literals. */
  findToken(from: number, to: number, token: string): number | undefined;
};

export function createSourceText(content: string): SourceText {
  const utf16ByByte = utf16IndexByByte(content);
  const lineStarts = [0];
  for (let i = 0; i < content.length; i++) if (content[i] === "\n") lineStarts.push(i + 1);

  const lineOf = (index: number): number => {
    // Binary search for the last line start <= index.
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= index) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };

  const skipTrivia = (index: number): number => {
    let i = index;
    while (i < content.length) {
      const char = content[i] as string;
      if (/\s/.test(char)) i++;
      else if (content.startsWith("//", i)) i = endOfLine(content, i);
      else if (content.startsWith("/*", i)) i = endOfBlockComment(content, i);
      else break;
    }
    return i;
  };

  return {
    content,
    utf16AtByte(byteOffset) {
      const index = utf16ByByte[byteOffset];
      if (index === undefined) throw new RangeError(`byte offset ${byteOffset} is outside the source`);
      return index;
    },
    lineOf,
    columnOf: (index) => index - (lineStarts[lineOf(index) - 1] ?? 0) + 1,
    lineText(line) {
      const start = lineStarts[line - 1] ?? content.length;
      const next = lineStarts[line];
      return content.slice(start, next === undefined ? content.length : next - 1).replace(/\r$/, "");
    },
    skipTrivia,
    findToken(from, to, token) {
      let i = from;
      while (i < to) {
        if (content.startsWith("//", i)) i = endOfLine(content, i);
        else if (content.startsWith("/*", i)) i = endOfBlockComment(content, i);
        else if (content[i] === '"' || content[i] === "'") i = endOfString(content, i);
        else if (content.startsWith(token, i)) return i;
        else i++;
      }
      return undefined;
    },
  };
}

function utf16IndexByByte(content: string): Int32Array {
  const bytes = Buffer.byteLength(content, "utf8");
  const map = new Int32Array(bytes + 1);
  let byte = 0;
  let index = 0;
  for (const char of content) {
    const codePoint = char.codePointAt(0) ?? 0;
    const width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    // A byte inside a multi-byte character maps to the character's start.
    for (let k = 0; k < width; k++) map[byte + k] = index;
    byte += width;
    index += char.length;
  }
  map[bytes] = index;
  return map;
}

function endOfLine(content: string, from: number): number {
  const newline = content.indexOf("\n", from);
  return newline === -1 ? content.length : newline + 1;
}

function endOfBlockComment(content: string, from: number): number {
  const close = content.indexOf("*/", from + 2);
  return close === -1 ? content.length : close + 2;
}

function endOfString(content: string, from: number): number {
  const quote = content[from];
  let i = from + 1;
  while (i < content.length && content[i] !== quote) i += content[i] === "\\" ? 2 : 1;
  return i + 1;
}
