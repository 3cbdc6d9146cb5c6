/** Shared with the booking service, which masks where a claim code went: see `@salle/contracts`. */
export { maskAddress } from '@salle/contracts';
