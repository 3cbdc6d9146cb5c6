/** The provider name of payments taken at the collège's counter (`payment.provider`): no adapter, no provider call. */
export const COUNTER_PROVIDER = 'counter';
/** The ledger's account of the money a collège's régie holds (its side, as PayFiP's numcli is for PayFiP). */
export const REGIE_ACCOUNT = 'regie';
