/** The app's own component layer; `/composants` shows them all. */
export { Alert, type Severity } from './alert';
export { Badge, type BadgeSeverity } from './badge';
export { Breadcrumb } from './breadcrumb';
export { Button, buttonClass, type ButtonPriority } from './button';
export { CallOut } from './call-out';
export { CheckboxGroup, RadioGroup, SingleCheckbox } from './choice-groups';
export { cx } from './class-names';
export { ConnectButton } from './connect-button';
export { fieldId } from './field-parts';
export { Pagination, pageWindow, type PaginationProps } from './pagination';
export { ResponsiveTable, type TableColumn } from './responsive-table';
export { SkipLinks } from './skip-links';
export { Tile } from './tile';
// The date and time fields (`./date-time-fields`, react-aria) are imported from their own module, never through
// this index: re-exported here, the bundler would put them (about 33 kB gzipped) on the first page.
