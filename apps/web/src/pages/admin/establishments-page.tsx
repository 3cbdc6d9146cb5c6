import type { EstablishmentView } from '@salle/contracts';
import { useState } from 'react';
import { bookingApi } from '../../api/booking-api';
import { navigate, useLocation } from '../../app/router';
import { TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { ESTABLISHMENT_STATUS } from '../../lib/labels';
import { Badge, Button, Pagination } from '../../ui';
import { EstablishmentManagers } from './establishment-managers';

const PAGE_SIZE = 20;

export function AdminEstablishmentsPage() {
  const location = useLocation();
  const q = location.search.get('q') ?? '';
  const page = Math.max(1, Number(location.search.get('page') ?? 1) || 1);
  const [text, setText] = useState(q);
  const list = useAsync(
    (signal) => bookingApi.establishments({ q: q || undefined, page, pageSize: PAGE_SIZE }, { signal }),
    [q, page],
  );
  const go = (next: { q?: string; page?: number }) =>
    navigate(
      `/admin/etablissements?${new URLSearchParams({ q: next.q ?? q, page: String(next.page ?? 1) }).toString()}`,
    );
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <h1>Établissements</h1>
      <form
        role="search"
        className="salle-mb-3w"
        onSubmit={(event) => {
          event.preventDefault();
          go({ q: text.trim() });
        }}
      >
        <div className="salle-grid-row salle-grid-row--gutters salle-grid-row--bottom">
          <div className="salle-col-12 salle-col-md-8">
            <TextField
              formId="filtre"
              name="q"
              label="Rechercher un collège"
              hint="Nom, commune ou code UAI"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="salle-col-12 salle-col-md-4">
            <Button type="submit">Rechercher</Button>
          </div>
        </div>
      </form>
      {list.loading && <Loading label="Chargement des établissements…" />}
      <ProblemAlert error={list.error} />
      {list.data && (
        <>
          <p role="status">
            {list.data.total} établissement{list.data.total > 1 ? 's' : ''}
            {q ? ` pour «\u00a0${q}\u00a0»` : ''}.
          </p>
          {list.data.items.map((establishment) => (
            <EstablishmentRow key={establishment.id} establishment={establishment} onChanged={list.reload} />
          ))}
          <Pagination
            page={page}
            pages={pages}
            hrefOf={(n) => `/admin/etablissements?${new URLSearchParams({ q, page: String(n) }).toString()}`}
          />
        </>
      )}
    </>
  );
}

function EstablishmentRow({ establishment, onChanged }: { establishment: EstablishmentView; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const status = ESTABLISHMENT_STATUS[establishment.status] ?? {
    label: establishment.status,
    severity: 'info' as const,
  };
  const { busy, error, run } = useAction();
  const setStatus = (next: 'active' | 'suspended') =>
    run(async () => {
      await bookingApi.updateEstablishment(establishment.id, { status: next });
      onChanged();
    });
  return (
    <article className="salle-panel" aria-labelledby={`etab-${establishment.id}`}>
      <h2 id={`etab-${establishment.id}`} className="salle-h5 salle-mb-1w">
        {establishment.name}
      </h2>
      <p className="salle-mb-1w">
        {establishment.uai} · {establishment.communeName} ·{' '}
        <Badge small as="span" severity={status.severity}>
          {status.label}
        </Badge>{' '}
        <Badge small as="span" severity={establishment.payoutReady ? 'success' : 'warning'}>
          {establishment.payoutReady ? 'Versements prêts' : 'Versements à configurer'}
        </Badge>
      </p>
      <ProblemAlert error={error} focus={false} />
      <ul className="salle-btns-group salle-btns-group--inline-sm">
        <li>
          <Button size="small" linkProps={{ href: `/gestion/${establishment.id}` }}>
            Gérer<span className="salle-sr-only"> {establishment.name}</span>
          </Button>
        </li>
        <li>
          <Button
            size="small"
            priority="secondary"
            onClick={() => setOpen(!open)}
            nativeButtonProps={{ 'aria-expanded': open }}
          >
            Gestionnaires<span className="salle-sr-only"> de {establishment.name}</span>
          </Button>
        </li>
        <li>
          {establishment.status === 'active' ? (
            <Button size="small" priority="tertiary" disabled={busy} onClick={() => void setStatus('suspended')}>
              Suspendre<span className="salle-sr-only"> {establishment.name}</span>
            </Button>
          ) : (
            <Button size="small" priority="tertiary" disabled={busy} onClick={() => void setStatus('active')}>
              Ouvrir aux réservations<span className="salle-sr-only">&nbsp;: {establishment.name}</span>
            </Button>
          )}
        </li>
      </ul>
      {open && <EstablishmentManagers establishmentId={establishment.id} />}
    </article>
  );
}
