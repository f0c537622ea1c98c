/**
 * JSON exports, split into records without parsing them: NDJSON (one value per
 * line, or any sequence of top-level values) gives one record per value; a
 * top-level array gives one record per element. Each record is handed over as
 * its own text with the physical line it starts on; the source parses it, so a
 * broken record is one rejected row, not a failed file. Strings are tracked
 * (quotes, escapes) so braces inside them do not count.
 */

export interface JsonSink {
  record(text: string, line: number): void;
  error(message: string, line: number, raw: string): void;
}

const LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93, QUOTE = 34, BACKSLASH = 92, LF = 10, CR = 13;

export class JsonSplitter {
  private text = "";
  private pos = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Depth at which values are records: 0 for NDJSON, 1 inside a top-level array. */
  private recordDepth = -1;
  private start = -1;
  private startLine = 0;
  /**
   * NDJSON: once a first top-level value has fit on one line, every value must; a
   * broken line is then one rejected record instead of swallowing the lines after it.
   */
  private lineMode: boolean | null = null;

  constructor(private readonly sink: JsonSink) {}

  feed(chunk: string): void {
    this.text = this.start >= 0 ? this.text.slice(this.start) + chunk : chunk;
    this.pos = this.start >= 0 ? this.pos - this.start : 0;
    if (this.start >= 0) this.start = 0;
    this.scan();
    if (this.start < 0) {
      this.text = "";
      this.pos = 0;
    }
  }

  end(): void {
    if (this.crPending) {
      this.crPending = false;
      this.line++;
    }
    if (this.start >= 0) {
      const raw = this.text.slice(this.start);
      this.sink.error("the JSON value is never closed (the file ends inside it)", this.startLine, raw.slice(0, 200));
      this.start = -1;
    } else if (this.depth > 0 && this.recordDepth === 1) {
      this.sink.error("the top-level array is never closed", this.line, "");
    }
    this.text = "";
  }

  private crPending = false;

  private newLine(s: string, i: number): void {
    if (this.lineMode === true && this.start >= 0) {
      this.sink.error("this line is not a complete JSON value", this.startLine, s.slice(this.start, i));
      this.start = -1;
      this.depth = 0;
      this.inString = false;
      this.escaped = false;
    }
    this.line++;
  }

  private scan(): void {
    const s = this.text;
    for (let i = this.pos; i < s.length; i++) {
      const c = s.charCodeAt(i);
      // A CR ends a line unless an LF follows, which may only arrive with the next chunk.
      if (this.crPending) {
        this.crPending = false;
        if (c !== LF) this.newLine(s, i);
      }
      if (c === CR && i + 1 === s.length) {
        this.crPending = true;
        continue;
      }
      if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) this.newLine(s, i);
      if (c === LF || c === CR) continue;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        continue;
      }
      if (c === LBRACE || c === LBRACKET) {
        if (this.recordDepth < 0) this.recordDepth = c === LBRACKET && this.depth === 0 ? 1 : 0;
        if (this.depth === this.recordDepth && this.start < 0) {
          this.start = i;
          this.startLine = this.line;
        }
        this.depth++;
      } else if (c === RBRACE || c === RBRACKET) {
        this.depth--;
        if (this.depth === this.recordDepth && this.start >= 0) {
          if (this.lineMode === null) this.lineMode = this.recordDepth === 0 && this.startLine === this.line;
          this.sink.record(s.slice(this.start, i + 1), this.startLine);
          this.start = -1;
        }
        if (this.depth < 0) {
          this.sink.error("an unmatched closing bracket", this.line, "");
          this.depth = 0;
        }
      }
    }
    this.pos = s.length;
  }
}
