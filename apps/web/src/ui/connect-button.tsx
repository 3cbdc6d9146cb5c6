const FEDERATIONS = {
  franceconnect: { brand: 'FranceConnect', about: 'https://franceconnect.gouv.fr/' },
  proconnect: { brand: 'ProConnect', about: 'https://www.proconnect.gouv.fr/' },
} as const;

/**
 * The federations' own login button, as their partner guidelines ask: a dark
 * blue block, the two-line white label « S’identifier avec / FranceConnect »,
 * never relabelled, then « Qu’est-ce que … ? » opening in a new window.
 */
export function ConnectButton({ federation, onClick }: { federation: keyof typeof FEDERATIONS; onClick: () => void }) {
  const { brand, about } = FEDERATIONS[federation];
  return (
    <div className="salle-connect-group">
      <button type="button" className={`salle-connect salle-connect--${federation}`} onClick={onClick}>
        <span className="salle-connect__login">S’identifier avec</span>
        <span className="salle-connect__brand">{brand}</span>
      </button>
      <p>
        <a href={about} target="_blank" rel="noopener" title={`Qu’est-ce que ${brand}\u00a0? - nouvelle fenêtre`}>
          Qu’est-ce que {brand}&nbsp;?
        </a>
      </p>
    </div>
  );
}
