// Expected failures carry their exit code; main prints the message without a stack trace.
export class UsageError extends Error {
  readonly exitCode = 2;
}
/** Bad input data or file (exit 2, as bad usage). */
export class InputError extends Error {
  readonly exitCode = 2;
}
/** The device or the link failed (exit 1). */
export class DeviceError extends Error {
  readonly exitCode = 1;
  constructor(message: string, readonly disconnected = false) {
    super(message);
  }
}
export function exitCodeOf(e: unknown): number | undefined {
  if (e instanceof UsageError || e instanceof InputError || e instanceof DeviceError) return e.exitCode;
  return undefined;
}

/** A file system error in words, for "cannot read X: ..." or "cannot write X: ..." (no raw ENOENT for a user). */
export function fileProblem(e: unknown, writing = false): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return writing ? 'its folder does not exist' : 'no such file (check the path)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'ENOTDIR') return 'part of the path is not a folder';
  return code ?? (e as Error).message;
}
