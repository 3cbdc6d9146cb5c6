import { fieldId, RadioGroup, SingleCheckbox, TextAreaField, TextField } from '../../components/form-fields';
import { weekdayLabel } from '../../lib/labels';
import { formatDate, isoWeekday, todayInParis } from '../../lib/paris-time';
import { DatePicker } from '../../ui/date-picker';
import { TimeField } from '../../ui/date-time-fields';
import type { BookingRequestForm } from './booking-request-model';

/**
 * The fields of a request (once or every week, the slot, the series' end and what it leaves out, the activity, the
 * attendees, a commune's invoicing identifiers): a member's request and the request a collège's staff enter for an
 * organisation share them.
 */
export function RequestFields({
  formId,
  form,
  update,
  errors,
  step,
  invoiced,
}: {
  formId: string;
  form: BookingRequestForm;
  update: <K extends keyof BookingRequestForm>(field: K, value: BookingRequestForm[K]) => void;
  errors: Record<string, string>;
  step: number;
  /** A commune's booking or series: it is invoiced, so the form asks what the invoice needs. */
  invoiced: boolean;
}) {
  return (
    <>
      <RadioGroup
        formId={formId}
        name="mode"
        legend="Fréquence"
        inline
        options={[
          { value: 'once', label: 'Une seule fois' },
          { value: 'weekly', label: 'Chaque semaine (série)', hint: 'Par exemple pour une saison sportive' },
        ]}
        value={form.mode}
        onChange={(value) => update('mode', value as BookingRequestForm['mode'])}
      />
      <div className="salle-grid-row salle-grid-row--gutters salle-mb-2w">
        <div className="salle-col-12 salle-col-md-4">
          <DatePicker
            id={fieldId(formId, 'date')}
            min={todayInParis()}
            name="date"
            label={form.mode === 'once' ? 'Date' : 'Date de la première séance'}
            value={form.date}
            onChange={(value) => update('date', value)}
            error={errors['date']}
          />
        </div>
        <div className="salle-col-6 salle-col-md-4">
          <TimeField
            id={fieldId(formId, 'startTime')}
            name="startTime"
            label="Heure de début"
            hint={`Par pas de ${step}\u00a0minutes`}
            value={form.startTime}
            onChange={(value) => update('startTime', value)}
            error={errors['startTime']}
          />
        </div>
        <div className="salle-col-6 salle-col-md-4">
          <TimeField
            id={fieldId(formId, 'endTime')}
            name="endTime"
            label="Heure de fin"
            hint={`Par pas de ${step}\u00a0minutes`}
            value={form.endTime}
            onChange={(value) => update('endTime', value)}
            error={errors['endTime']}
          />
        </div>
      </div>
      {form.mode === 'weekly' && (
        <div className="salle-panel">
          <p>
            {/^\d{4}-\d{2}-\d{2}$/.test(form.date)
              ? `Chaque ${weekdayLabel(isoWeekday(form.date))}, à partir du ${formatDate(form.date)}.`
              : 'Chaque semaine, le jour de la première séance.'}
          </p>
          <DatePicker
            id={fieldId(formId, 'until')}
            min={form.date || todayInParis()}
            name="until"
            label="Dernière séance au plus tard le"
            value={form.until}
            onChange={(value) => update('until', value)}
            error={errors['until']}
          />
          <fieldset className="salle-fieldset">
            <legend className="salle-fieldset__legend salle-fieldset__legend--regular">
              Séances à ne pas demander
            </legend>
            <div className="salle-fieldset__element">
              <SingleCheckbox
                formId={formId}
                name="skipSchoolHolidays"
                label="Pendant les vacances scolaires"
                checked={form.skipSchoolHolidays}
                onChange={(checked) => update('skipSchoolHolidays', checked)}
              />
            </div>
            <div className="salle-fieldset__element">
              <SingleCheckbox
                formId={formId}
                name="skipPublicHolidays"
                label="Les jours fériés"
                checked={form.skipPublicHolidays}
                onChange={(checked) => update('skipPublicHolidays', checked)}
              />
            </div>
            <div className="salle-fieldset__element">
              <SingleCheckbox
                formId={formId}
                name="skipClosures"
                label="Pendant les fermetures du collège"
                checked={form.skipClosures}
                onChange={(checked) => update('skipClosures', checked)}
              />
            </div>
          </fieldset>
        </div>
      )}
      <TextAreaField
        formId={formId}
        name="purpose"
        label="Activité prévue"
        hint={'Facultatif. Par exemple\u00a0: entraînement de basket, assemblée générale'}
        rows={3}
        maxLength={1000}
        value={form.purpose}
        onChange={(e) => update('purpose', e.target.value)}
        error={errors['purpose']}
      />
      <TextField
        formId={formId}
        name="attendees"
        label="Nombre de participants"
        hint="Facultatif"
        type="number"
        inputMode="numeric"
        min={1}
        value={form.attendees}
        onChange={(e) => update('attendees', e.target.value)}
        error={errors['attendees']}
      />
      {invoiced && (
        <fieldset className="salle-fieldset">
          <legend className="salle-fieldset__legend">Facturation de la collectivité</legend>
          <p>
            Une collectivité ne paie pas en ligne&nbsp;: le collège lui adresse une facture électronique, payée par
            mandat administratif.
          </p>
          <TextField
            formId={formId}
            name="payerSiret"
            label="SIRET de la collectivité"
            hint="14 chiffres, celui du service qui paie"
            inputMode="numeric"
            autoComplete="off"
            value={form.payerSiret}
            onChange={(e) => update('payerSiret', e.target.value)}
            error={errors['payerSiret']}
          />
          <TextField
            formId={formId}
            name="engagementNumber"
            label="Numéro d’engagement"
            hint="Le numéro du bon de commande ou de l’engagement juridique"
            value={form.engagementNumber}
            onChange={(e) => update('engagementNumber', e.target.value)}
            error={errors['engagementNumber']}
          />
          <TextField
            formId={formId}
            name="serviceCode"
            label="Code service Chorus Pro"
            hint="Facultatif, si votre collectivité en utilise un"
            value={form.serviceCode}
            onChange={(e) => update('serviceCode', e.target.value)}
            error={errors['serviceCode']}
          />
        </fieldset>
      )}
    </>
  );
}
