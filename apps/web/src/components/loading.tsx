/** A polite status message while something loads; screen readers hear it once. */
export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p role="status" className="salle-loading salle-my-3w">
      <span className="salle-spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
