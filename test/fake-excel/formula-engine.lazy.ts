/**
 * formula-engine.ts for the browser host: HyperFormula is a separate chunk, fetched the first time the workbook is
 * written to. Until then every cell is empty, and the fake answers reads without it.
 */
import type { FormulaEngine } from "./formula-engine";

let engine: FormulaEngine | null = null;
let loading: Promise<FormulaEngine> | null = null;

export function loadedFormulaEngine(): FormulaEngine | null {
  return engine;
}

export function loadFormulaEngine(): Promise<FormulaEngine> {
  loading ??= import(/* webpackChunkName: "hyperformula" */ "hyperformula").then(
    ({ HyperFormula, DetailedCellError }) => (engine = { HyperFormula, DetailedCellError }),
  );
  return loading;
}
