// Setup file of web's unit specs (jest.config.cjs). Testing Library's `findBy…` and `waitFor` give up after 1 s by
// default: under `npm test`, with the rest of the run sharing the 2 cores, a screen that loads its (mocked) data
// and renders again took longer than that (booking-request-page.spec.tsx, 2026-12-07). 5 s is still far below the
// test's own timeout, and a passing check returns as soon as its element appears.
'use strict';
if (typeof document !== 'undefined') require('@testing-library/react').configure({ asyncUtilTimeout: 5_000 });
