import type { SearchResultItem } from '@salle/contracts';
import { lazy, Suspense } from 'react';
import { useSiteConfig } from '../../app/site-context';
import { Loading } from '../../components/loading';

// Leaflet is about 40 kB gzipped: its chunk loads only when a map is configured and there are results.
const ResultsMap = lazy(() => import('./results-map'));

/** The map beside the results when the site configuration names a tile server; nothing otherwise. */
export function ResultsMapSection({ items }: { items: readonly SearchResultItem[] }) {
  const { map } = useSiteConfig();
  if (!map || items.length === 0) return null;
  return (
    <section aria-labelledby="carte-titre" className="salle-mb-2w">
      <h3 id="carte-titre" className="salle-h6">
        Carte des collèges
      </h3>
      <p className="salle-text--sm">
        Chaque repère donne le nombre de créneaux libres du collège et mène à ses résultats. La liste ci-dessous donne
        les mêmes informations, au clavier comme avec un lecteur d’écran.
      </p>
      <Suspense fallback={<Loading label="Chargement de la carte…" />}>
        <ResultsMap items={items} settings={map} />
      </Suspense>
    </section>
  );
}
