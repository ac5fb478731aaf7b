// Every handler runs behind a guard: an exception logs one line and the server keeps serving.
export type LogLine = (line: string) => void;

/** The error's kind and first message line only: never a stack, never a value the message might quote at length. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split("\n", 1)[0]}`;
  return "non-Error exception";
}

export function guard<A extends unknown[]>(log: LogLine, what: string, handler: (...args: A) => unknown): (...args: A) => void {
  const report = (error: unknown) => log(`${what} failed: ${describeError(error)}`);
  return (...args: A) => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) result.catch(report);
    } catch (error) {
      report(error);
    }
  };
}
