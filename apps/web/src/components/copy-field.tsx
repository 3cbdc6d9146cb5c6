import { Button } from '@codegouvfr/react-dsfr/Button';
import { useId, useRef, useState } from 'react';

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
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={id}>
          {label}
          {hint && <span className="fr-hint-text">{hint}</span>}
        </label>
        <input ref={input} id={id} className="fr-input" readOnly value={value} onFocus={(event) => event.target.select()} />
      </div>
      <Button type="button" priority="secondary" iconId="fr-icon-clipboard-line" onClick={copy}>
        Copier
      </Button>
      <p role="status" className="fr-text--sm fr-mb-0">
        {copied === 'yes' ? 'Copié dans le presse-papiers.' : copied === 'no' ? 'Le texte est sélectionné : copiez-le avec Ctrl+C.' : ''}
      </p>
    </div>
  );
}
