import {
  Button as AriaButton,
  Text,
  UNSTABLE_Toast as AriaToast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastRegion as AriaToastRegion,
} from 'react-aria-components';
import { cx } from './class-names';
import { toastQueue, type ToastMessage } from './toast-queue';

/**
 * Where toasts appear, bottom of the screen: react-aria's toast region, a landmark (« Notifications », reached with
 * F6) whose toasts screen readers announce as they come, each with its « Fermer » button. A toast waits while the
 * pointer or the focus is on it; when one closes, the focus goes to the next or back where it was.
 */
export function ToastRegion() {
  return (
    <AriaToastRegion queue={toastQueue} className="salle-toasts" aria-label="Notifications">
      {({ toast }) => <Toast toast={toast} />}
    </AriaToastRegion>
  );
}

function Toast({ toast }: { toast: Parameters<typeof AriaToast<ToastMessage>>[0]['toast'] }) {
  return (
    <AriaToast toast={toast} className={cx('salle-toast', `salle-toast--${toast.content.severity}`)}>
      <ToastContent className="salle-toast__content">
        <Text slot="title">{toast.content.title}</Text>
      </ToastContent>
      <AriaButton slot="close" className="salle-toast__close" aria-label="Fermer">
        <span aria-hidden="true">×</span>
      </AriaButton>
    </AriaToast>
  );
}

export default ToastRegion;
