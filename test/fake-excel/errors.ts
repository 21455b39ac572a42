/** Errors shaped like Office.js's OfficeExtension.Error ("RichApi.Error") plus the fake's own loud failures. */

export type RichApiErrorCode =
  | "ItemNotFound"
  | "InvalidArgument"
  | "GeneralException"
  | "InvalidOperation"
  | "ItemAlreadyExists"
  | "PropertyNotLoaded"
  | "ValueNotLoaded"
  | "InvalidObjectPath"
  | "InvalidReference"
  | "AccessDenied"
  | "Conflict"
  | "UnsupportedOperation"
  | "NotImplemented"
  | "InvalidOperationInCellEditMode"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded";

export interface RichApiDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
}

/** Mirrors OfficeExtension.Error: name "RichApi.Error", a string `code`, `message`, `debugInfo`. */
export class RichApiError extends Error {
  readonly code: string;
  debugInfo: RichApiDebugInfo;
  traceMessages: string[] = [];
  innerError: Error | null = null;

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export function richError(code: RichApiErrorCode, message: string, errorLocation?: string): RichApiError {
  return new RichApiError(code, message, errorLocation);
}

export function invalidArgument(message: string): RichApiError {
  return richError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. ${message}`);
}

export function itemNotFound(message: string): RichApiError {
  return richError("ItemNotFound", `The requested resource doesn't exist. ${message}`);
}

export function invalidOperation(message: string): RichApiError {
  return richError("InvalidOperation", `The operation is invalid for the object or its current state. ${message}`);
}

export function propertyNotLoaded(property: string, typeName: string): RichApiError {
  return richError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${typeName}.${property}`,
  );
}

/** Thrown synchronously when code touches an API member the fake does not implement. */
export function notImplemented(typeName: string, member: string): Error {
  return new Error(`FakeExcel: ${typeName}.${member} is not implemented`);
}

export function isRichApiError(e: unknown): e is RichApiError {
  return e instanceof RichApiError;
}
