/**
 * The Excel JavaScript API requirement sets the adapter relies on. The manifest's <Requirements> names the
 * highest of the required ones; newer sets are only used after `isSetSupported` says they exist.
 */
export interface ApiFeature {
  feature: string;
  set: string;
  /** How the feature shows in the adapter's source. */
  usedAs: RegExp;
  /** Used only when Excel reports the set (feature-detected), so not required. */
  detected?: boolean;
}

export const EXCEL_API_FEATURES: readonly ApiFeature[] = [
  { feature: "custom conditional formats", set: "1.6", usedAs: /ConditionalFormatType\.custom/ },
  { feature: "freeze panes", set: "1.7", usedAs: /freezePanes\.freezeRows/ },
  { feature: "data validation", set: "1.8", usedAs: /dataValidation/ },
  { feature: "runtime.enableEvents", set: "1.8", usedAs: /runtime\.enableEvents/ },
  { feature: "page layout and print titles", set: "1.9", usedAs: /setPrintTitleRows/ },
  { feature: "AutoFilter", set: "1.9", usedAs: /autoFilter\.apply/ },
  { feature: "copying a range (an update's one-step swap)", set: "1.9", usedAs: /\.copyFrom\(/ },
  { feature: "workbook-level worksheet events", set: "1.9", usedAs: /worksheets\.onChanged|sheets\.onChanged/ },
  { feature: "row outline groups", set: "1.10", usedAs: /\.group\(Excel\.GroupOption\.byRows\)/ },
  { feature: "delayForCellEdit", set: "1.11", usedAs: /delayForCellEdit: true/ },
  { feature: "worksheet custom properties", set: "1.12", usedAs: /customProperties\.add/ },
  { feature: "change trigger source", set: "1.14", usedAs: /triggerSource/, detected: true },
  { feature: "worksheet renamed event", set: "1.17", usedAs: /sheets\.onNameChanged/, detected: true },
];

function compareSets(a: string, b: string): number {
  const [aMajor, aMinor] = a.split(".").map(Number);
  const [bMajor, bMinor] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

export const MIN_EXCEL_API = EXCEL_API_FEATURES.filter((f) => !f.detected)
  .map((f) => f.set)
  .reduce((highest, set) => (compareSets(set, highest) > 0 ? set : highest), "1.1");

export const TRIGGER_SOURCE_SET = EXCEL_API_FEATURES.find((f) => f.feature === "change trigger source")!.set;

export const RENAME_EVENT_SET = EXCEL_API_FEATURES.find((f) => f.feature === "worksheet renamed event")!.set;
