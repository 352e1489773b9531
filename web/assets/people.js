// How the portal names a person: an erased member's contributions stay, under a localised name.

import { t } from './i18n.js';

const FORMER_MEMBER = 'former member';

export function personName(person) {
  if (!person) return '';
  return person.name === FORMER_MEMBER ? t('person.formerMember') : person.name;
}
