'use client';
// /join: type the class's code → /join/CODE, where the learner picks a name. Nothing is asked of the server
// here; the code is checked when they join (so a page load never tells a real code from a guessed one).
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import type { Lang } from '../i18n/lang';
import buttons from '../ui/button.module.css';
import { ArrowIcon } from '../ui/icons';
import { normalizeCode } from './access-code';
import { entryStringsFor } from './entry-strings';
import { FormError } from './form-error';
import fields from './form-field.module.css';

export function JoinCodeForm({ lang }: { lang: Lang }) {
  const t = entryStringsFor(lang);
  const router = useRouter();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = useId();

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
    <form className={fields.form} onSubmit={onSubmit} noValidate data-testid="join-code-form">
      <div className={fields.field}>
        <label htmlFor={`${id}-code`} className={fields.label}>
          {t.codeLabel}
        </label>
        <input
          id={`${id}-code`}
          name="code"
          className={`${fields.input} ${fields.code}`}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          placeholder={t.codePlaceholder}
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setError(undefined);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      <FormError id={`${id}-error`} message={error} />
      <button type="submit" className={`${buttons.button} ${buttons.primary} ${fields.submit}`}>
        {t.next} <ArrowIcon />
      </button>
    </form>
  );
}
