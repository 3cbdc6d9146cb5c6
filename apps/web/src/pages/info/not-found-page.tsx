import { Button } from '../../ui';

export function NotFoundPage() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p className="salle-text--lead">La page que vous cherchez n’existe pas ou a été déplacée.</p>
      <p>Si vous avez tapé l’adresse, vérifiez qu’elle est correcte.</p>
      <Button linkProps={{ href: '/' }}>Rechercher une salle</Button>
    </>
  );
}
