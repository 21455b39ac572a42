import { useCallback, useRef, useState } from "react";
import { describeFailure } from "../failure";

export interface Action {
  /** True while the action runs: show a Spinner and disable its button. */
  busy: boolean;
  /** The last failure, in words; null after a success. */
  error: string | null;
  clearError(): void;
  /**
   * Runs `work` unless this action is already running (a double click must not create two plans).
   * Resolves to its result, or to undefined when it failed or was skipped.
   */
  run<T>(whatFailed: string, work: () => Promise<T>): Promise<T | undefined>;
}

/** One async button's state: busy flag, failure message, no overlapping runs. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const clearError = useCallback(() => setError(null), []);
  const run = useCallback(async <T>(whatFailed: string, work: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (failure) {
      setError(describeFailure(failure, whatFailed));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, clearError, run };
}
