import type { ReactNode } from 'react';
import {
  Button as AriaButton,
  Dialog as AriaDialog,
  DialogTrigger,
  Heading,
  Modal,
  ModalOverlay,
} from 'react-aria-components';
import { buttonClass, type ButtonPriority } from './button';

export interface DialogProps {
  /** The label of the button that opens the dialog. */
  triggerLabel: string;
  triggerPriority?: ButtonPriority;
  /** The dialog's title (its accessible name), an h2. */
  title: string;
  /** What the dialog holds; `close` ends it (after an action, or from a « Retour » button). */
  children: (close: () => void) => ReactNode;
}

/**
 * A modal dialog on react-aria's pattern: focus moves into it and stays there (Tab cycles within), Escape and a
 * click outside close it, and focus comes back to the button that opened it. The page behind is inert to
 * assistive technologies while it is open. Import it from `ui/dialog`, not `ui/index.ts` (first-page budget).
 */
export function Dialog({ triggerLabel, triggerPriority = 'secondary', title, children }: DialogProps) {
  return (
    <DialogTrigger>
      <AriaButton className={buttonClass(triggerPriority)}>{triggerLabel}</AriaButton>
      <ModalOverlay className="salle-modal-overlay" isDismissable>
        <Modal className="salle-modal">
          <AriaDialog className="salle-modal__dialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="salle-h4">
                  {title}
                </Heading>
                {children(close)}
              </>
            )}
          </AriaDialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
