/**
 * One error class with stable codes. Tests assert on `code`; users read `message`
 * (what was found, what was expected, where) and `hint` (what to do).
 *
 * Exit codes follow CLI.md: 1 data, 2 usage, 3 input, 4 output, 130 interrupted.
 * Anything that is not a CckpiError is a bug and `main()` prints its stack.
 */

export const EXIT = {
  ok: 0,
  data: 1,
  usage: 2,
  input: 3,
  output: 4,
  interrupted: 130,
} as const;

export type ExitKind = keyof typeof EXIT;

/** Every stable error code, with the exit kind it maps to. */
export const ERROR_CODES = {
  USAGE: "usage",
  UNKNOWN_METRIC: "usage",
  UNKNOWN_FORMAT: "usage",
  UNKNOWN_DIMENSION: "usage",
  BAD_OPTION: "usage",
  BAD_CONFIG: "usage",
  BAD_TIME_ZONE: "usage",
  BAD_PLUGIN: "usage",
  NO_INPUT: "usage",
  INPUT_NOT_FOUND: "input",
  INPUT_UNREADABLE: "input",
  FORMAT_NOT_DETECTED: "data",
  TOO_MANY_ERRORS: "data",
  ROW_ERROR: "data",
  BAD_ENCODING: "data",
  MISSING_COLUMN: "data",
  MISSING_FACT: "data",
  OUTPUT_NOT_WRITABLE: "output",
} as const satisfies Record<string, ExitKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class CckpiError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = "CckpiError";
    this.code = code;
    this.hint = hint;
  }
  get exitCode(): number {
    return EXIT[ERROR_CODES[this.code]];
  }
}

export function isCckpiError(e: unknown): e is CckpiError {
  return e instanceof CckpiError;
}
