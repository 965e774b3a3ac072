'use client';
// /join: type the class's code → /join/CODE, where the learner picks a name. Nothing is asked of the server
// here; the code is checked when they join (so a page load never tells a real code from a guessed one).
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import type { Lang } from '../i18n/lang';
import buttons from '../ui/button.module.css';
import { useHydrated, useTypedBeforeHydration } from '../ui/hydration';
import { ArrowIcon } from '../ui/icons';
import { normalizeCode } from './access-code';
import { CodeField } from './code-field';
import { entryStringsFor } from './entry-strings';
import { FormError } from './form-error';
import fields from './form-field.module.css';

export function JoinCodeForm({ lang }: { lang: Lang }) {
  const t = entryStringsFor(lang);
  const router = useRouter();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  const formRef = useTypedBeforeHydration({ code: setCode });
  const hydrated = useHydrated();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const clean = normalizeCode(code);
    if (!clean) {
      setError(t.codeRequired);
      return;
    }
    router.push(`/join/${encodeURIComponent(clean)}`);
  }

  return (
    <form ref={formRef} className={fields.form} onSubmit={onSubmit} noValidate data-testid="join-code-form">
      <CodeField
        id={id}
        name="code"
        label={t.codeLabel}
        placeholder={t.codePlaceholder}
        value={code}
        error={error}
        onChange={(value) => {
          setCode(value);
          setError(undefined);
        }}
      />
      <FormError id={`${id}-error`} message={error} />
      <button
        type="submit"
        className={`${buttons.button} ${buttons.primary} ${fields.submit}`}
        disabled={!hydrated}
      >
        {t.next} <ArrowIcon />
      </button>
    </form>
  );
}
