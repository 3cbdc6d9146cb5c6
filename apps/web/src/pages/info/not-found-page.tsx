import { Button } from '@codegouvfr/react-dsfr/Button';

export function NotFoundPage() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p className="fr-text--lead">La page que vous cherchez n’existe pas ou a été déplacée.</p>
      <p>Si vous avez tapé l’adresse, vérifiez qu’elle est correcte.</p>
      <Button linkProps={{ href: '/' }}>Rechercher une salle</Button>
    </>
  );
}
