// Every form field a screen needs, from the component layer (ui/), in one module: the native text, text area and
// select fields, the checkbox and radio groups, and the `fieldId` that error summaries link to.
export { fieldId } from '../ui/field-parts';
export { CheckboxGroup, RadioGroup, SingleCheckbox } from '../ui/choice-groups';
export { SelectField, TextAreaField, TextField, type Option } from '../ui/text-fields';
