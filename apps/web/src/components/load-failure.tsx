import type { ApiError } from '../api/api-error';
import { usePageTitle } from '../app/site-context';
import { Button } from '../ui';
import { ProblemAlert } from './problem-alert';

/**
 * A screen whose subject could not be loaded is still a page: its h1 and the window's title say what
 * happened (« Espace introuvable »), the problem says why, and a link leads back to the search.
 */
export function LoadFailure({
  error,
  notFoundTitle,
  failureTitle,
}: {
  error: ApiError | null;
  /** « Espace introuvable » */
  notFoundTitle: string;
  /** « L’espace n’a pas pu être affiché » */
  failureTitle: string;
}) {
  const notFound = error?.status === 404 || (error?.status === 400 && error.code === 'validation_failed');
  const title = notFound ? notFoundTitle : failureTitle;
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      {notFound ? (
        <p className="salle-text--lead">
          L’adresse ne correspond à rien de connu, ou ce qu’elle désignait a été retiré.
        </p>
      ) : (
        <ProblemAlert error={error} focus={false} />
      )}
      <Button linkProps={{ href: '/' }}>Rechercher une salle</Button>
    </>
  );
}
