import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { EXCEL_API_FEATURES, MIN_EXCEL_API } from "../../src/excel/requirements";

/**
 * Every Excel member the adapter uses is in the manifest's ExcelApi minimum, or used only where Excel said it has
 * the newer set (inside an `isSetSupported` check, or as a feature requirements.ts marks detected: read where the
 * code also copes with its absence). The sets come from the JSDoc `[Api set: ExcelApi 1.x]` of @types/office-js,
 * read now from node_modules; the members from the TypeScript compiler's own reading of src/excel.
 */

const root = join(__dirname, "..", "..");
const adapterDir = join(root, "src", "excel");
const files = readdirSync(adapterDir)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => join(adapterDir, file));

const program = ts.createProgram(files, {
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: ["office-js"],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

const compareSets = (a: string, b: string) => {
  const [aMajor, aMinor] = a.split(".").map(Number);
  const [bMajor, bMinor] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
};

/** The ExcelApi set a declaration of @types/office-js names in its JSDoc, or null when it names none. */
function excelApiSet(declaration: ts.Declaration): string | null {
  const source = declaration.getSourceFile();
  const comments = ts.getLeadingCommentRanges(source.text, declaration.getFullStart()) ?? [];
  for (const range of comments) {
    const set = /\[Api set: ExcelApi (\d+\.\d+)\s*\]/.exec(source.text.slice(range.pos, range.end))?.[1];
    if (set) return set;
  }
  return null;
}

/** `Excel.Range.values`: the qualified name of an Excel member, from its declaration. */
function memberName(declaration: ts.Declaration): string | null {
  const parts: string[] = [];
  let node: ts.Node | undefined = declaration;
  while (node && !ts.isSourceFile(node)) {
    const name = (node as ts.NamedDeclaration).name;
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) parts.unshift(name.text);
    node = node.parent;
  }
  return parts[0] === "Excel" ? parts.join(".") : null;
}

interface Use {
  member: string;
  set: string | null;
  at: string;
  line: string;
  guarded: boolean;
}

/** Inside the branch of an `if` (or `?:`, `&&`) whose condition asks `isSetSupported`, or a function's early return on it. */
function guardedBySetCheck(node: ts.Node): boolean {
  const asks = (condition: ts.Node) => /isSetSupported|triggerSourceSupported\(\)/.test(condition.getText());
  for (let at: ts.Node = node; at.parent; at = at.parent) {
    const parent = at.parent;
    if (ts.isIfStatement(parent) && parent.thenStatement === at && asks(parent.expression)) return true;
    if (ts.isConditionalExpression(parent) && parent.whenTrue === at && asks(parent.condition)) return true;
    if (ts.isBinaryExpression(parent) && parent.right === at && asks(parent.left)) return true;
  }
  return false;
}

function usesIn(file: string): Use[] {
  const source = program.getSourceFile(file)!;
  const found: Use[] = [];
  const record = (node: ts.Node, symbol: ts.Symbol | undefined) => {
    for (const declaration of symbol?.declarations ?? []) {
      if (!declaration.getSourceFile().fileName.includes("@types/office-js")) continue;
      const member = memberName(declaration);
      if (!member) continue;
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push({
        member,
        set: excelApiSet(declaration),
        at: `src/excel/${file.split("/").pop()}:${line + 1}`,
        line: source.text.split("\n")[line].trim(),
        guarded: guardedBySetCheck(node),
      });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) record(node.name, checker.getSymbolAtLocation(node.name));
    // Members named in object literals given to Excel (a rule, run options, an error alert).
    if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      const contextual = checker.getContextualType(node.parent);
      const name = node.name.getText();
      const property = contextual?.getNonNullableType().getProperty(name);
      if (property) record(node.name, property);
    }
    // Names loaded as text: load("values, formulas") or load("items/name").
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === "load" &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      const target = checker.getTypeAtLocation(node.expression.expression);
      for (const path of node.arguments[0].text.split(",").map((part) => part.trim())) {
        let type: ts.Type | undefined = target;
        for (const step of path.split("/")) {
          const property: ts.Symbol | undefined = type?.getNonNullableType().getProperty(step);
          if (!property) break;
          record(node.arguments[0], property);
          type = checker.getTypeOfSymbolAtLocation(property, node);
          const items = type.getNonNullableType().getProperty("items");
          if (step === "items" || !items) continue;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const uses = files.flatMap(usesIn);
/** The newer members the adapter uses today, each behind a check (update with a reason when this changes). */
const BEYOND_MINIMUM = [
  "Excel.WorksheetChangedEventArgs.triggerSource 1.14", // read where events may lack it (commit.ts switches them off)
  "Excel.WorksheetCollection.onNameChanged 1.17", // registered only after isSetSupported (watch.ts)
];
const detected = EXCEL_API_FEATURES.filter((feature) => feature.detected);

describe("the Excel members the adapter uses", () => {
  it("are found in every adapter module, each with its requirement set where the typings name one", () => {
    expect(uses.length).toBeGreaterThan(200);
    const named = (member: string) => uses.find((use) => use.member === member);
    // Spot checks of the table read from @types/office-js against the published requirement sets.
    expect(named("Excel.Range.values")?.set).toBe("1.1");
    expect(named("Excel.DataValidation.rule")?.set).toBe("1.8");
    expect(named("Excel.Range.copyFrom")?.set).toBe("1.9");
    expect(named("Excel.WorksheetCustomPropertyCollection.add")?.set).toBe("1.12");
    expect(named("Excel.WorksheetChangedEventArgs.triggerSource")?.set).toBe("1.14");
  });

  it(`are in ExcelApi ${MIN_EXCEL_API} (the manifest's minimum) or used only where Excel has said it has their set`, () => {
    const beyond = uses.filter((use) => use.set !== null && compareSets(use.set, MIN_EXCEL_API) > 0);
    const unguarded = beyond.filter(
      (use) => !use.guarded && !detected.some((feature) => feature.set === use.set && feature.usedAs.test(use.line)),
    );
    expect(unguarded.map((use) => `${use.member} (ExcelApi ${use.set}) at ${use.at}: ${use.line}`)).toEqual([]);
    // The feature-detected ones are really there, so the check above is not vacuous.
    expect([...new Set(beyond.map((use) => `${use.member} ${use.set}`))].sort()).toEqual(BEYOND_MINIMUM);
  });

  it("fail this check when a newer member is used without asking Excel first", () => {
    const probe = ts.createSourceFile(
      "probe.ts",
      "if (Office.context.requirements.isSetSupported('ExcelApi', '1.17')) a.b;\nc.d;",
      ts.ScriptTarget.ES2020,
      true,
    );
    const accesses: ts.Node[] = [];
    const collect = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node) && /^[ac]$/.test(node.expression.getText())) accesses.push(node);
      ts.forEachChild(node, collect);
    };
    collect(probe);
    expect(accesses.map(guardedBySetCheck)).toEqual([true, false]);
  });
});
