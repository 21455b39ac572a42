/**
 * Where the fake gets HyperFormula, the engine that holds and computes every cell. Here it is loaded with the fake,
 * as the Node tests need; the browser host (test/e2e/fake-host.ts) is built with formula-engine.lazy.ts in this
 * module's place (webpack.e2e.config.js), so that the stand-in for office.js starts without it.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";

export interface FormulaEngine {
  HyperFormula: typeof HyperFormula;
  DetailedCellError: typeof DetailedCellError;
}

const engine: FormulaEngine = { HyperFormula, DetailedCellError };

/** The engine if it is loaded; always, here. */
export function loadedFormulaEngine(): FormulaEngine | null {
  return engine;
}

export function loadFormulaEngine(): Promise<FormulaEngine> {
  return Promise.resolve(engine);
}
