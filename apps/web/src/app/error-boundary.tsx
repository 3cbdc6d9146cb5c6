import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert } from '../ui';

interface State {
  failed: boolean;
}

/** A screen that failed to load (e.g. a chunk missing after a redeployment) offers a reload instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert
        severity="error"
        title="Cette page n’a pas pu s’afficher."
        description={
          <p>
            Le service a peut-être été mis à jour.{' '}
            <button type="button" className="salle-link" onClick={() => window.location.reload()}>
              Recharger la page
            </button>
          </p>
        }
      />
    );
  }
}
