/** The first thing keyboard users reach: links to the main landmarks, visible when focused. */
export function SkipLinks({ links }: { links: { label: string; anchor: string }[] }) {
  return (
    <nav className="salle-skiplinks" aria-label="Accès rapide">
      <ul>
        {links.map((link) => (
          <li key={link.anchor}>
            <a href={link.anchor}>{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
