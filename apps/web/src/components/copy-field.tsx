import { useId, useRef, useState } from 'react';
import { Button } from '../ui';

/** A read-only value with a copy button (account ids, calendar feed links). */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard permission (http, old browser): select the text so Ctrl+C works.
      input.current?.select();
      setCopied('no');
    }
  };
  return (
    <div className="salle-copy">
      <div className="salle-input-group">
        <label className="salle-label" htmlFor={id}>
          {label}
          {hint && <span className="salle-hint-text">{hint}</span>}
        </label>
        <input
          ref={input}
          id={id}
          className="salle-input"
          readOnly
          value={value}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <Button type="button" priority="secondary" onClick={copy}>
        Copier
      </Button>
      <p role="status" className="salle-text--sm salle-mb-0">
        {copied === 'yes'
          ? 'Copié dans le presse-papiers.'
          : copied === 'no'
            ? 'Le texte est sélectionné\u00a0: copiez-le avec Ctrl+C.'
            : ''}
      </p>
    </div>
  );
}
