/** Runtime values for the Excel.* string enums (Office.js accepts the string values as well). */

function en(...values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) out[v.charAt(0).toLowerCase() + v.slice(1)] = v;
  return out;
}

export const CF_TYPES = [
  "Custom",
  "DataBar",
  "ColorScale",
  "IconSet",
  "TopBottom",
  "PresetCriteria",
  "ContainsText",
  "CellValue",
] as const;
export const FILTER_ON = [
  "BottomItems",
  "BottomPercent",
  "CellColor",
  "Dynamic",
  "FontColor",
  "Values",
  "TopItems",
  "TopPercent",
  "Icon",
  "Custom",
] as const;
export const BORDER_INDEXES = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideVertical",
  "InsideHorizontal",
  "DiagonalDown",
  "DiagonalUp",
] as const;
export const H_ALIGN = [
  "General",
  "Left",
  "Center",
  "Right",
  "Fill",
  "Justify",
  "CenterAcrossSelection",
  "Distributed",
] as const;
export const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"] as const;
export const UNDERLINE = ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"] as const;
export const BORDER_STYLE = [
  "None",
  "Continuous",
  "Dash",
  "DashDot",
  "DashDotDot",
  "Dot",
  "Double",
  "SlantDashDot",
] as const;
export const BORDER_WEIGHT = ["Hairline", "Thin", "Medium", "Thick"] as const;
export const DV_OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
] as const;

export const EXCEL_ENUMS: Record<string, Record<string, string>> = {
  ConditionalFormatType: en(...CF_TYPES),
  GroupOption: en("ByRows", "ByColumns"),
  FilterOn: en(...FILTER_ON),
  FilterOperator: en("And", "Or"),
  DataValidationType: en(
    "None",
    "WholeNumber",
    "Decimal",
    "List",
    "Date",
    "Time",
    "TextLength",
    "Custom",
    "Inconsistent",
    "MixedCriteria",
  ),
  DataValidationAlertStyle: en("Stop", "Warning", "Information"),
  DataValidationOperator: en(...DV_OPERATORS),
  PageOrientation: en("Portrait", "Landscape"),
  EventSource: en("Local", "Remote"),
  EventTriggerSource: en("Unknown", "ThisLocalAddin"),
  EventType: en(
    "WorksheetChanged",
    "WorksheetSelectionChanged",
    "WorksheetAdded",
    "WorksheetActivated",
    "WorksheetDeactivated",
    "WorksheetDeleted",
    "WorksheetFormatChanged",
    "WorksheetNameChanged",
  ),
  DataChangeType: en(
    "Unknown",
    "RangeEdited",
    "RowInserted",
    "RowDeleted",
    "ColumnInserted",
    "ColumnDeleted",
    "CellInserted",
    "CellDeleted",
  ),
  SheetVisibility: en("Visible", "Hidden", "VeryHidden"),
  DeleteShiftDirection: en("Up", "Left"),
  InsertShiftDirection: en("Down", "Right"),
  ClearApplyTo: en("All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks", "ResetContents"),
  HorizontalAlignment: en(...H_ALIGN),
  VerticalAlignment: en(...V_ALIGN),
  BorderIndex: en(...BORDER_INDEXES),
  BorderLineStyle: en(...BORDER_STYLE),
  BorderWeight: en(...BORDER_WEIGHT),
  RangeUnderlineStyle: en(...UNDERLINE),
  ConditionalRangeFontUnderlineStyle: en("None", "Single", "Double"),
  CalculationMode: en("Automatic", "AutomaticExceptTables", "Manual"),
  CalculationType: en("Recalculate", "Full", "FullRebuild"),
  RangeValueType: en("Unknown", "Empty", "String", "Integer", "Double", "Boolean", "Error", "RichValue"),
  HeaderFooterState: en("Default", "FirstAndDefault", "OddAndEven", "FirstOddAndEven"),
  PrintComments: en("NoComments", "EndSheet", "InPlace"),
  PrintErrorType: en("AsDisplayed", "Blank", "Dash", "NotAvailable"),
  PrintOrder: en("DownThenOver", "OverThenDown"),
  PrintMarginUnit: en("Points", "Inches", "Centimeters"),
  NamedItemType: en("String", "Integer", "Double", "Boolean", "Range", "Error", "Array"),
  NamedItemScope: en("Worksheet", "Workbook"),
  ErrorCodes: en(
    "AccessDenied",
    "ApiNotFound",
    "Conflict",
    "GeneralException",
    "InsertDeleteConflict",
    "InvalidArgument",
    "InvalidBinding",
    "InvalidOperation",
    "InvalidReference",
    "InvalidSelection",
    "ItemAlreadyExists",
    "ItemNotFound",
    "NotImplemented",
    "UnsupportedOperation",
  ),
};
