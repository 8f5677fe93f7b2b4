import { careCommonEn, careCommonZh } from './common';
import { casesEn, casesZh } from './cases';
import { clientsEn, clientsZh } from './clients';
import { consentsEn, consentsZh } from './consents';
import { exportsEn, exportsZh } from './exports';
import { householdsEn, householdsZh } from './households';
import { ledgerEn, ledgerZh } from './ledger';
import { referralsEn, referralsZh } from './referrals';
import { supervisionEn, supervisionZh } from './supervision';
import { tiersEn, tiersZh } from './tiers';
import { visitsEn, visitsZh } from './visits';

/**
 * The care module's catalogues, one per feature (care.client.*, care.case.* …), each with its Chinese and English
 * halves side by side; every feature's English object is typed by its Chinese keys, so a key missing (or extra) in
 * either language fails the typecheck. Shared words (required, save, reason…) live in the app catalogue (app.*).
 */
export const careZh = {
  ...careCommonZh,
  ...clientsZh,
  ...visitsZh,
  ...tiersZh,
  ...casesZh,
  ...referralsZh,
  ...consentsZh,
  ...householdsZh,
  ...ledgerZh,
  ...exportsZh,
  ...supervisionZh,
} as const;

export const careEn: Record<keyof typeof careZh, string> = {
  ...careCommonEn,
  ...clientsEn,
  ...visitsEn,
  ...tiersEn,
  ...casesEn,
  ...referralsEn,
  ...consentsEn,
  ...householdsEn,
  ...ledgerEn,
  ...exportsEn,
  ...supervisionEn,
};
