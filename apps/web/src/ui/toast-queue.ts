import { UNSTABLE_ToastQueue as ToastQueue } from 'react-aria-components';

// The queue of the app's toasts, apart from their region (`toast.tsx`): a page shows a toast without loading the
// region's code, which the app loads once a first toast is queued.

export type ToastSeverity = 'success' | 'info';

export interface ToastMessage {
  title: string;
  severity: ToastSeverity;
}

/** Three at most on screen; the others wait. */
export const toastQueue = new ToastQueue<ToastMessage>({ maxVisibleToasts: 3 });

/** How long a toast stays: 8 s, paused while the pointer or the focus is on it (react-aria's rule). */
export const TOAST_TIMEOUT_MS = 8_000;

/** Says the outcome of an action that leaves the person where they are (« Horaires enregistrés. »). */
export function showToast(title: string, severity: ToastSeverity = 'success'): void {
  toastQueue.add({ title, severity }, { timeout: TOAST_TIMEOUT_MS });
}
