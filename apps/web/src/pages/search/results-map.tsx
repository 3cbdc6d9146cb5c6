import type { SearchResultItem, SiteConfig } from '@salle/contracts';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { collegeMarkers, markerLabel } from './map-markers';

type MapSettings = NonNullable<SiteConfig['map']>;

/**
 * The results' collèges on a map (Leaflet, in its own chunk: only loaded when a tile server is configured and
 * there are results). Each marker shows its collège's free-slot count, is reached with Tab (Leaflet makes marker
 * icons focusable; Enter opens it) under an accessible name, and its popup links to the collège's first result
 * in the list, which stays the accessible equivalent.
 */
export default function ResultsMap({ items, settings }: { items: readonly SearchResultItem[]; settings: MapSettings }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    const markers = collegeMarkers(items);
    if (!element || markers.length === 0) return undefined;
    const map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 18 }).addTo(map);
    for (const marker of markers) {
      const label = markerLabel(marker);
      const icon = L.divIcon({
        className: 'salle-map-marker',
        html: `<span aria-hidden="true">${marker.freeSlots}</span>`,
        iconSize: [32, 32],
      });
      const placed = L.marker([marker.latitude, marker.longitude], { icon, keyboard: true, title: label }).addTo(map);
      placed.getElement()?.setAttribute('aria-label', label);
      placed.getElement()?.setAttribute('role', 'button');
      const link = document.createElement('a');
      link.href = `#${marker.firstResultId}`;
      link.textContent = `Voir ${marker.name} dans la liste`;
      placed.bindPopup(link);
    }
    map.fitBounds(L.latLngBounds(markers.map((marker) => [marker.latitude, marker.longitude] as [number, number])), {
      padding: [24, 24],
      maxZoom: 13,
    });
    return () => {
      map.remove();
    };
  }, [items, settings]);
  return <div ref={container} className="salle-results-map" data-testid="carte-resultats" />;
}
