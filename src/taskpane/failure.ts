import { PlanError } from "../service/types";

/**
 * Turns a failure into a sentence for the pane. A PlanError already speaks in words; anything else (an Office
 * error code, a bug) is replaced by a plain message, so no code or stack ever reaches the user.
 */
export function describeFailure(error: unknown, whatFailed: string): string {
  if (error instanceof PlanError || (error instanceof Error && error.name === "PlanError")) return error.message;
  return `Could not ${whatFailed}. Try again; if it keeps failing, close the pane and open it again from the Home tab.`;
}
