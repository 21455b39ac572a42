/**
 * The pane bench's anchor: what Microsoft's task-pane template (Office-Addin-TaskPane-React) does at its
 * simplest. office.js, Office.onReady, then a Fluent UI v9 page with one input, labelled "Client name" like the
 * pane's first field so that the same probe finds it, and one button.
 */
import { createRoot } from "react-dom/client";
import { Button, Field, FluentProvider, Input, webLightTheme } from "@fluentui/react-components";

function Anchor() {
  return (
    <FluentProvider theme={webLightTheme}>
      <main>
        <Field label="Client name">
          <Input />
        </Field>
        <Button appearance="primary">Create</Button>
      </main>
    </FluentProvider>
  );
}

const container = document.getElementById("container");
const root = container ? createRoot(container) : undefined;
Office.onReady(() => root?.render(<Anchor />));
