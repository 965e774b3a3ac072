import buttons from '../ui/button.module.css';
import { useHydrated } from '../ui/hydration';
import { Spinner } from '../ui/icons';
import fields from './form-field.module.css';

// A form's main button: full width; while its request runs, disabled with a spinner and what it is doing.
// Disabled too until React has the form (ui/hydration.ts): a click before that would send the bare HTML form.
export function SubmitButton({
  busy,
  label,
  busyLabel,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
}) {
  const hydrated = useHydrated();
  return (
    <button
      type="submit"
      className={`${buttons.button} ${buttons.primary} ${fields.submit}`}
      disabled={busy || !hydrated}
    >
      {busy ? (
        <>
          <Spinner /> {busyLabel}
        </>
      ) : (
        label
      )}
    </button>
  );
}
