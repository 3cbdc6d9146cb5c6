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
export { SelectField, TextAreaField, TextField, type Option } from './text-fields';
export { Tile } from './tile';
// The react-aria components are imported from their own modules, never through this index, which the first page
// loads: the date and time fields (`./date-time-fields`, about 33 kB gzipped, which the search page imports
// itself), `./date-picker`, `./combo-box` (about 34 kB more), `./dialog`, `./tabs`, and the toasts (`./toast-queue`
// to show one, `./toast` for their region, which the app loads with the first toast).
