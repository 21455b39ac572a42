import { useCallback, useState } from "react";
import { type Action, useAction } from "./useAction";

export interface PreviewFlow<P> {
  /** The preview waiting for the person's confirmation; null while none is (the dialog is closed). */
  pending: P | null;
  previewing: Action;
  applying: Action;
  /**
   * Runs `work` for a preview; when it succeeds and `confirm` says it needs confirming, it becomes `pending`.
   * Resolves to the preview (or undefined when it failed), so the caller can say something of its own.
   */
  preview(whatFailed: string, work: () => Promise<P>, confirm?: (preview: P) => boolean): Promise<P | undefined>;
  /** Applies the pending preview with `work`; on success it is no longer pending. Resolves to the result. */
  apply<R>(whatFailed: string, work: (pending: P) => Promise<R>): Promise<R | undefined>;
  cancel(): void;
  /** What a ConfirmDialog for this flow takes. */
  dialog: { open: boolean; busy: boolean; error: string | null; onCancel(): void };
}

/** Preview, then confirm, then apply: one change to a plan that the person sees in words before it is made. */
export function usePreviewFlow<P>(): PreviewFlow<P> {
  const previewing = useAction();
  const applying = useAction();
  const [pending, setPending] = useState<P | null>(null);
  const cancel = useCallback(() => setPending(null), []);

  const preview = async (whatFailed: string, work: () => Promise<P>, confirm: (preview: P) => boolean = () => true) => {
    const result = await previewing.run(whatFailed, work);
    if (result !== undefined && confirm(result)) {
      applying.clearError();
      setPending(result);
    }
    return result;
  };

  const apply = async <R>(whatFailed: string, work: (pending: P) => Promise<R>) => {
    if (pending === null) return undefined;
    const result = await applying.run(whatFailed, () => work(pending));
    if (result !== undefined) setPending(null);
    return result;
  };

  return {
    pending,
    previewing,
    applying,
    preview,
    apply,
    cancel,
    dialog: { open: pending !== null, busy: applying.busy, error: applying.error, onCancel: cancel },
  };
}
