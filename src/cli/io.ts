/** What a command may touch: stdout for results (clean for pipes), stderr for progress and notes. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress bars redraw in place). */
  isTty: boolean;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
}

export const nodeIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTty: !!process.stderr.isTTY,
  fetch: (u, i) => fetch(u, i),
});

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  /** The source failed (unreachable, HTTP error, not published) or data could not be computed. */
  failure: 1,
  /** The command was called wrongly (unknown option, bad date, missing argument). */
  usage: 2,
  /** Data was fetched but failed validation (sync). */
  invalid: 3,
} as const;

export interface Command {
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}
