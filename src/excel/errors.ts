import { PlanError } from "../service/types";

/**
 * Office errors, told in words. Office.js rejects with codes such as "InvalidArgument" or "ItemNotFound"; a
 * person needs to know what happened and what to do. Every key is a code Excel sends (`Excel.ErrorCodes`) or one
 * Office.js's request layer sets itself (`OfficeExtension.CoreErrorCodes`: a request or response over its size
 * limit, too many requests at once).
 */
const EXPLANATIONS: Record<string, string> = {
  ItemNotFound: "the sheet or cell it needed is no longer there (was it deleted or renamed by someone?)",
  ItemAlreadyExists: "a sheet with that name already exists",
  InvalidArgument: "Excel did not accept one of the values",
  InvalidOperation: "Excel did not allow the change right now",
  InvalidOperationInCellEditMode: "a cell is being edited: press Enter or Esc in the sheet, then try again",
  AccessDenied: "the workbook or sheet is protected or read-only",
  Conflict: "someone else changed the same cells at the same moment",
  FilteredRangeConflict: "a filter on the sheet hides some of the rows: clear the filter, then try again",
  RequestPayloadSizeLimitExceeded: "the change was too large to send to Excel in one go",
  ResponsePayloadSizeLimitExceeded: "what it had to read was too large for Excel to send in one go",
  ActivityLimitReached: "Excel is busy with many requests: try again in a moment",
  GeneralException: "Excel reported an unexpected problem",
  ApiNotFound: "this version of Excel does not support a feature the add-in needs",
};

/** The Office error codes told in words (for the test that holds them to Office.js's own lists). */
export const EXPLAINED_CODES: readonly string[] = Object.keys(EXPLANATIONS);

function officeCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/** Whether Excel refused because a person is typing in a cell (the batch can run once they press Enter or Esc). */
export function inCellEditMode(error: unknown): boolean {
  return officeCode(error) === "InvalidOperationInCellEditMode";
}

/** Wraps any failure as a PlanError whose message starts with what was being done. */
export function explain(doing: string, error: unknown, outcome = ""): PlanError {
  if (error instanceof PlanError) return error;
  const code = officeCode(error);
  const reason = (code && EXPLANATIONS[code]) ?? "Excel reported an unexpected problem";
  return new PlanError(`${doing} failed: ${reason}.${outcome ? ` ${outcome}` : ""}`);
}
