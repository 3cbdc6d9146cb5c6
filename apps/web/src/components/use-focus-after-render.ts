import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Moves the focus to an element a state change is about to show (a result,
 * a confirmation), for keyboard and screen-reader users. `focusSoon()` is
 * called with that state change; the focus moves in an effect, that is once
 * React has committed the render that shows the element. (A
 * requestAnimationFrame could run before that commit on a busy machine and
 * find no element.)
 */
export function useFocusAfterRender<T extends HTMLElement>(): [RefObject<T | null>, () => void] {
  const ref = useRef<T | null>(null);
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests > 0) ref.current?.focus();
  }, [requests]);
  return [ref, () => setRequests((count) => count + 1)];
}
