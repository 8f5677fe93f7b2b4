// The domain modules' audit words, each module's in its own file, gathered once for audit-words.ts.
import { activitiesAuditEn, activitiesAuditZh } from './audit-words-activities';
import { hoursAuditEn, hoursAuditZh } from './audit-words-hours';
import { organisationAuditWordsEn, organisationAuditWordsZh } from './audit-words-organisations';
import { pointsAuditEn, pointsAuditZh } from './audit-words-points';
import { requestsAuditEn, requestsAuditZh } from './audit-words-requests';
import { residentsAuditEn, residentsAuditZh } from './audit-words-residents';
import { supermarketAuditEn, supermarketAuditZh } from './audit-words-supermarket';
import { volunteersAuditEn, volunteersAuditZh } from './audit-words-volunteers';

export const moduleAuditWordsZh = {
  ...residentsAuditZh,
  ...requestsAuditZh,
  ...organisationAuditWordsZh,
  ...volunteersAuditZh,
  ...activitiesAuditZh,
  ...hoursAuditZh,
  ...pointsAuditZh,
  ...supermarketAuditZh,
};

export const moduleAuditWordsEn: Record<keyof typeof moduleAuditWordsZh, string> = {
  ...residentsAuditEn,
  ...requestsAuditEn,
  ...organisationAuditWordsEn,
  ...volunteersAuditEn,
  ...activitiesAuditEn,
  ...hoursAuditEn,
  ...pointsAuditEn,
  ...supermarketAuditEn,
};
