import { PlanError } from "../service/types";

/**
 * Office errors, told in words. Office.js rejects with codes such as "InvalidArgument" or "ItemNotFound"; a
 * person needs to know what happened and what to do.
 */
const EXPLANATIONS: Record<string, string> = {
  ItemNotFound: "the sheet or cell it needed is no longer there (was it deleted or renamed by someone?)",
  ItemAlreadyExists: "a sheet with that name already exists",
  InvalidArgument: "Excel did not accept one of the values",
  InvalidOperation: "Excel did not allow the change right now",
  InvalidOperationInCellEditMode: "a cell is being edited: press Enter or Esc in the sheet, then try again",
  AccessDenied: "the workbook or sheet is protected or read-only",
  EditModeCellEditing: "a cell is being edited: press Enter or Esc in the sheet, then try again",
  Conflict: "someone else changed the same cells at the same moment",
  RequestPayloadSizeLimitExceeded: "the change was too large to send to Excel in one go",
  GeneralException: "Excel reported an unexpected problem",
  ApiNotFound: "this version of Excel does not support a feature the add-in needs",
};

function officeCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/** Wraps any failure as a PlanError whose message starts with what was being done. */
export function explain(doing: string, error: unknown, outcome = ""): PlanError {
  if (error instanceof PlanError) return error;
  const code = officeCode(error);
  const reason = (code && EXPLANATIONS[code]) ?? "Excel reported an unexpected problem";
  return new PlanError(`${doing} failed: ${reason}.${outcome ? ` ${outcome}` : ""}`);
}
