import { Button, Spinner, type ButtonProps } from "@fluentui/react-components";

type BusyButtonProps = ButtonProps & { busy: boolean };

/** A button that shows a spinner and cannot be pressed again while its action runs. */
export function BusyButton({ busy, disabled, icon, children, ...props }: BusyButtonProps) {
  return (
    <Button
      {...props}
      disabled={busy || disabled}
      aria-busy={busy || undefined}
      icon={busy ? <Spinner size="tiny" aria-hidden /> : icon}
    >
      {children}
    </Button>
  );
}
