/** @jest-environment jsdom */
import { act, screen } from "@testing-library/react";
import { Root } from "../../src/taskpane/Root";
import { loadApp } from "../../src/taskpane/loadApp";
import { FakePlanService, samplePlan } from "./fakePlanService";
import { renderPane } from "./renderPane";

/*
 * index.tsx reads the workbook while App's chunk arrives, then renders App with that first read: the pane opens on
 * its view in one render, without a Suspense spinner or a "Reading the workbook" step first.
 */

test("with App's chunk arrived and the first read made, the pane opens on its view in one render", async () => {
  await loadApp();
  const service = new FakePlanService([samplePlan()]);
  service.activeId = "sheet-acme";
  const overview = await service.overview();
  renderPane(<Root pane={{ stage: "excel", service, overview }} theme="light" />);
  // Synchronously there: no spinner in between.
  expect(screen.getByRole("tab", { name: "At a glance" })).toHaveAttribute("aria-selected", "true");
  expect(screen.queryByText("Reading the workbook…")).not.toBeInTheDocument();
  expect(screen.queryByText("Starting Client Service Plan…")).not.toBeInTheDocument();
  expect(await screen.findByRole("heading", { name: "Acme Manufacturing at a glance" })).toBeInTheDocument();
});

test("an empty workbook read at start-up opens on the New plan form at once", async () => {
  await loadApp();
  const service = new FakePlanService();
  const overview = await service.overview();
  renderPane(<Root pane={{ stage: "excel", service, overview }} theme="light" />);
  expect(screen.getByRole("textbox", { name: "Client name" })).toBeEnabled();
  expect(screen.getByRole("tab", { name: "New plan" })).toHaveAttribute("aria-selected", "true");
  // App still reads the workbook itself and follows it; that read changes nothing here.
  await act(() => new Promise((done) => setTimeout(done, 0)));
  expect(service.callsTo("overview").length).toBeGreaterThanOrEqual(2);
  expect(screen.getByRole("textbox", { name: "Client name" })).toBeEnabled();
});
