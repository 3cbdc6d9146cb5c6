import { lazy, Suspense, useEffect, useState } from 'react';
import { toastQueue } from '../ui/toast-queue';

const ToastRegion = lazy(() => import('../ui/toast'));

/** Mounts the toast region once a first toast is queued, so that its code is not part of the first page. */
export function ToastHost() {
  const [wanted, setWanted] = useState(() => toastQueue.visibleToasts.length > 0);
  useEffect(() => {
    if (wanted) return;
    const check = () => {
      if (toastQueue.visibleToasts.length > 0) setWanted(true);
    };
    check();
    return toastQueue.subscribe(check);
  }, [wanted]);
  return wanted ? (
    <Suspense fallback={null}>
      <ToastRegion />
    </Suspense>
  ) : null;
}
