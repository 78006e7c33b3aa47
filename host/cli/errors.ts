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
