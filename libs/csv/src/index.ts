export { guardFormula, unguardFormula } from './formula-guard';
export { csvCell, writeCsv } from './french-csv';
