// A partner's data-sharing agreement (FERPA's studies exception): only under one do writer
// codes stay the same across that partner's de-identified files.

import { api } from '../../api.js';
import { dateInput, el, formMessage, simpleForm } from '../../dom.js';

/** The section on a partner's page: the agreement on record, and a form to record or end it. */
export async function dataSharingSection(institution) {
  const section = el('section', { className: 'data-sharing', id: 'data-sharing' });
  async function show() {
    const agreement = await api.dataSharingAgreement(institution.id);
    const signedOn = dateInput({ name: 'signedOn', placeholder: 'YYYY-MM-DD', value: agreement?.signedOn ?? '' });
    const purpose = el('input', { name: 'purpose', autocomplete: 'off', maxLength: 300, value: agreement?.purpose ?? '' });
    const form = simpleForm('data-sharing-form', [['Date signed', signedOn], ['Purpose', purpose, 'the study it allows']],
      agreement ? 'Save agreement' : 'Record agreement',
      () => api.recordDataSharingAgreement(institution.id, signedOn.value, purpose.value), show);
    const status = agreement
      ? el('p', { id: 'data-sharing-status' }, `Agreement of ${agreement.signedOn}: ${agreement.purpose}. A writer keeps one code in every de-identified file for ${institution.name}.`)
      : el('p', { id: 'data-sharing-status' }, `No agreement recorded: every de-identified file for ${institution.name} gets new writer codes, so files can't be joined.`);
    const end = agreement ? el('button', { type: 'button', className: 'secondary', id: 'end-data-sharing' }, 'End agreement') : null;
    end?.addEventListener('click', async () => {
      try {
        await api.endDataSharingAgreement(institution.id);
        await show();
      } catch (error) {
        formMessage(form, error.message);
      }
    });
    section.replaceChildren(el('h3', {}, 'Data-sharing agreement'), status, form, end);
  }
  await show();
  return section;
}
