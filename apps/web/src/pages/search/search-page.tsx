import type { SearchResultItem } from '@salle/contracts';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, toApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import { navigate, useLocation } from '../../app/router';
import { useSiteConfig } from '../../app/site-context';
import { CheckboxGroup, fieldId, SelectField, SingleCheckbox, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { mapFieldErrors } from '../../lib/form-errors';
import { RENTER_CATEGORY_LABELS, SPACE_KIND_LABELS, WEEKDAYS } from '../../lib/labels';
import { formatDuration } from '../../lib/paris-time';
import { CommuneField } from './commune-field';
import { loadCommunes } from './communes';
import { resultAnchor } from './result-anchor';
import { SearchResultCard } from './search-result-card';
import {
  defaultSearchForm,
  formFromQuery,
  formToQueryString,
  searchParamsOf,
  validateSearchForm,
  type CommuneOption,
  type SearchFormState,
} from './search-form-state';
import { Button } from '../../ui';
import { DateField, TimeField } from '../../ui/date-time-fields';

const FORM_ID = 'recherche';
const FIELDS: Record<string, string> = {
  from: 'Du',
  to: 'Au',
  timeFrom: 'À partir de',
  timeTo: 'Jusqu’à',
  durationMinutes: 'Durée',
  minCapacity: 'Nombre de personnes',
  kinds: 'Type d’espace',
  communeInsee: 'Commune',
  weekdays: 'Jours',
  category: 'Vous êtes',
};
const DURATIONS = [60, 90, 120, 180, 240, 300, 480].map((minutes) => ({
  value: String(minutes),
  label: formatDuration(minutes),
}));

interface Results {
  items: SearchResultItem[];
  nextCursor: string | null;
}

// The map's section, and the map itself, load only when the site configuration names a tile server.
const ResultsMapSection = lazy(() =>
  import('./results-map-section').then((module) => ({ default: module.ResultsMapSection })),
);

export function SearchPage() {
  const { map } = useSiteConfig();
  const location = useLocation();
  const queryString = location.search.toString();
  const submitted = useMemo(() => formFromQuery(new URLSearchParams(queryString)), [queryString]);
  const [form, setForm] = useState<SearchFormState>(() => submitted ?? defaultSearchForm());
  const [communes, setCommunes] = useState<CommuneOption[]>([]);
  const [results, setResults] = useState<Results | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);

  useEffect(() => {
    loadCommunes().then(setCommunes, () => setCommunes([]));
  }, []);

  // The address is the source of truth: a submit, the back button or a shared link all run the search from it.
  useEffect(() => {
    if (!submitted) {
      setResults(null);
      return;
    }
    setForm(submitted);
    const problems = validateSearchForm(submitted);
    if (problems.length) {
      setError(
        new ApiError({
          title: 'Certaines informations de la recherche sont manquantes ou incorrectes.',
          status: 400,
          code: 'validation_failed',
          errors: problems,
        }),
      );
      return;
    }
    if (submitted.nearby && submitted.communeInsee && communes.length === 0) return; // waits for the commune's position
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    bookingApi.search(searchParamsOf(submitted, communes), { signal: controller.signal }).then(
      (page) => {
        setResults(page);
        setLoading(false);
        if (focusResults.current) {
          focusResults.current = false;
          resultsHeading.current?.focus();
        }
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(toApiError(failure));
        setResults(null);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [submitted, communes]);

  const update = <K extends keyof SearchFormState>(field: K, value: SearchFormState[K]) =>
    setForm((current) => ({ ...current, [field]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateSearchForm(form);
    if (problems.length) {
      setError(
        new ApiError({
          title: 'Certaines informations de la recherche sont manquantes ou incorrectes.',
          status: 400,
          code: 'validation_failed',
          errors: problems,
        }),
      );
      return;
    }
    focusResults.current = true;
    navigate(`/?${formToQueryString(form)}`, { keepScroll: true });
  };

  const loadMore = async () => {
    if (!submitted || !results?.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await bookingApi.search({ ...searchParamsOf(submitted, communes), cursor: results.nextCursor });
      setResults({ items: [...results.items, ...page.items], nextCursor: page.nextCursor });
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setLoadingMore(false);
    }
  };

  const fieldErrors = mapFieldErrors(error?.fieldErrors, Object.keys(FIELDS), {
    kinds: 'kinds',
    radiusKm: 'communeInsee',
    latitude: 'communeInsee',
    longitude: 'communeInsee',
  }).byField;
  const durationMinutes = Number(submitted?.durationMinutes ?? form.durationMinutes) || 120;
  const durationLabel = formatDuration(durationMinutes);

  return (
    <>
      <h1>Trouver une salle dans un collège</h1>
      <p className="salle-text--lead">
        Gymnases, salles polyvalentes, salles de classe&nbsp;: les espaces des collèges sont ouverts aux associations en
        soirée, le week-end et pendant les vacances scolaires.
      </p>
      <form
        id={FORM_ID}
        className="salle-search-form salle-p-3w salle-mb-4w"
        onSubmit={onSubmit}
        noValidate
        aria-labelledby="search-title"
      >
        <h2 id="search-title" className="salle-h4">
          Vos critères
        </h2>
        <ProblemAlert error={error && error.status === 400 ? error : null} form={{ id: FORM_ID, fields: FIELDS }} />
        <div className="salle-grid-row salle-grid-row--gutters">
          <div className="salle-col-12 salle-col-sm-6 salle-col-lg-3">
            <DateField
              id={fieldId(FORM_ID, 'from')}
              name="from"
              label="Du"
              value={form.from}
              onChange={(value) => update('from', value)}
              error={fieldErrors['from']}
              required
            />
          </div>
          <div className="salle-col-12 salle-col-sm-6 salle-col-lg-3">
            <DateField
              id={fieldId(FORM_ID, 'to')}
              name="to"
              label="Au"
              value={form.to}
              onChange={(value) => update('to', value)}
              error={fieldErrors['to']}
              hint="62 jours au plus"
              required
            />
          </div>
          <div className="salle-col-6 salle-col-lg-3">
            <TimeField
              id={fieldId(FORM_ID, 'timeFrom')}
              name="timeFrom"
              label="À partir de"
              hint="Heure, facultatif"
              value={form.timeFrom}
              onChange={(value) => update('timeFrom', value)}
              error={fieldErrors['timeFrom']}
            />
          </div>
          <div className="salle-col-6 salle-col-lg-3">
            <TimeField
              id={fieldId(FORM_ID, 'timeTo')}
              name="timeTo"
              label="Jusqu’à"
              hint="Heure, facultatif"
              value={form.timeTo}
              onChange={(value) => update('timeTo', value)}
              error={fieldErrors['timeTo']}
            />
          </div>
          <div className="salle-col-12 salle-col-sm-6 salle-col-lg-3">
            <SelectField
              formId={FORM_ID}
              name="durationMinutes"
              label="Durée"
              options={DURATIONS}
              value={form.durationMinutes}
              onChange={(e) => update('durationMinutes', e.target.value)}
              error={fieldErrors['durationMinutes']}
            />
          </div>
          <div className="salle-col-12 salle-col-sm-6 salle-col-lg-3">
            <TextField
              formId={FORM_ID}
              name="minCapacity"
              label="Nombre de personnes"
              hint="Facultatif"
              type="number"
              inputMode="numeric"
              min={1}
              value={form.minCapacity}
              onChange={(e) => update('minCapacity', e.target.value)}
              error={fieldErrors['minCapacity']}
            />
          </div>
          <div className="salle-col-12 salle-col-sm-6 salle-col-lg-3">
            <SelectField
              formId={FORM_ID}
              name="kinds"
              label="Type d’espace"
              placeholder="Tous les types"
              options={Object.entries(SPACE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              value={form.kind}
              onChange={(e) => update('kind', e.target.value)}
              error={fieldErrors['kinds']}
            />
          </div>
          <div className="salle-col-12 salle-col-sm-6 salle-col-lg-3">
            <SelectField
              formId={FORM_ID}
              name="category"
              label="Vous êtes"
              hint="Le tarif en dépend"
              options={Object.entries(RENTER_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
              value={form.category}
              onChange={(e) => update('category', e.target.value)}
              error={fieldErrors['category']}
            />
          </div>
          <div className="salle-col-12 salle-col-sm-6">
            <CommuneField
              formId={FORM_ID}
              name="communeInsee"
              label="Commune"
              communes={communes}
              value={form.communeInsee}
              onChange={(insee) => update('communeInsee', insee)}
              error={fieldErrors['communeInsee']}
            />
          </div>
          <div className="salle-col-12 salle-col-sm-6">
            <SingleCheckbox
              formId={FORM_ID}
              name="nearby"
              label="Inclure les collèges des communes voisines"
              checked={form.nearby}
              onChange={(checked) => update('nearby', checked)}
            />
            {form.nearby && (
              <SelectField
                formId={FORM_ID}
                name="radiusKm"
                label="Dans un rayon de"
                className="salle-mt-2w"
                options={['5', '10', '20', '40'].map((km) => ({ value: km, label: `${km} km` }))}
                value={form.radiusKm}
                onChange={(e) => update('radiusKm', e.target.value)}
              />
            )}
          </div>
          <div className="salle-col-12">
            <CheckboxGroup
              formId={FORM_ID}
              name="weekdays"
              legend="Jours de la semaine"
              hint={'Aucun coché\u00a0: tous les jours'}
              inline
              options={WEEKDAYS.map((day) => ({ value: String(day.iso), label: day.label }))}
              values={form.weekdays}
              onChange={(values) => update('weekdays', values)}
              error={fieldErrors['weekdays']}
            />
            <SingleCheckbox
              formId={FORM_ID}
              name="stepFree"
              label="Accessible de plain-pied (sans marche)"
              checked={form.stepFree}
              onChange={(checked) => update('stepFree', checked)}
            />
          </div>
        </div>
        <Button type="submit" className="salle-mt-3w">
          Rechercher
        </Button>
      </form>

      <section aria-labelledby="results-title">
        <h2 id="results-title" ref={resultsHeading} tabIndex={-1} className="salle-focus-target">
          {results ? resultsTitle(results) : 'Résultats'}
        </h2>
        {loading && <Loading label="Recherche des créneaux libres…" />}
        {error && error.status !== 400 && <ProblemAlert error={error} />}
        {!loading && !results && !error && <p>Indiquez vos dates puis lancez la recherche.</p>}
        {!loading && results && results.items.length === 0 && (
          <p>
            Aucun espace n’est libre avec ces critères. Essayez d’élargir les dates, la plage horaire ou la commune.
          </p>
        )}
        {!loading && results && (
          <>
            {map && results.items.length > 0 ? (
              <Suspense fallback={null}>
                <ResultsMapSection items={results.items} />
              </Suspense>
            ) : null}
            <ol className="salle-results">
              {results.items.map((item) => (
                <li key={item.space.id} id={resultAnchor(item.space.id)}>
                  <SearchResultCard item={item} durationMinutes={durationMinutes} durationLabel={durationLabel} />
                </li>
              ))}
            </ol>
            {results.nextCursor && (
              <Button priority="secondary" onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? 'Chargement…' : 'Afficher plus d’espaces'}
              </Button>
            )}
          </>
        )}
      </section>
    </>
  );
}

function resultsTitle(results: Results): string {
  const count = results.items.length;
  if (count === 0) return 'Aucun espace trouvé';
  return `${count}${results.nextCursor ? ' premiers' : ''} espace${count > 1 ? 's' : ''} avec des créneaux libres`;
}
