/** The process edges a command touches, injectable so commands run in-process in tests. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** stderr is a terminal: progress and colour are welcome. */
  isTty: boolean;
}

export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTty: Boolean(process.stderr.isTTY) && process.env.CI !== 'true',
  };
}
