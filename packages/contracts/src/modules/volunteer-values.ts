// The fixed lists of the volunteers module (skills, availability, team colours, ID types, statuses) with their words.
import { z } from 'zod';

/** Skills a volunteer picks from (志愿者技能). */
export const VOLUNTEER_SKILLS = [
  'medical',
  'counselling',
  'legal',
  'tutoring',
  'arts',
  'repair',
  'haircut',
  'driving',
  'photography',
  'it',
  'language',
  'other',
] as const;
export const VolunteerSkill = z.enum(VOLUNTEER_SKILLS);
export type VolunteerSkill = z.infer<typeof VolunteerSkill>;
export const SKILL_LABELS: Record<VolunteerSkill, { zh: string; en: string }> = {
  medical: { zh: '医疗护理', en: 'Medical care' },
  counselling: { zh: '心理疏导', en: 'Counselling' },
  legal: { zh: '法律咨询', en: 'Legal advice' },
  tutoring: { zh: '教育辅导', en: 'Tutoring' },
  arts: { zh: '文体艺术', en: 'Arts and sports' },
  repair: { zh: '家电维修', en: 'Appliance repair' },
  haircut: { zh: '理发', en: 'Haircuts' },
  driving: { zh: '驾驶', en: 'Driving' },
  photography: { zh: '摄影', en: 'Photography' },
  it: { zh: '信息技术', en: 'IT' },
  language: { zh: '外语', en: 'Foreign languages' },
  other: { zh: '其他', en: 'Other' },
};

export const AVAILABILITY = ['weekday_morning', 'weekday_afternoon', 'weekday_evening', 'weekend'] as const;
export const Availability = z.enum(AVAILABILITY);
export type Availability = z.infer<typeof Availability>;
export const AVAILABILITY_LABELS: Record<Availability, { zh: string; en: string }> = {
  weekday_morning: { zh: '工作日上午', en: 'Weekday mornings' },
  weekday_afternoon: { zh: '工作日下午', en: 'Weekday afternoons' },
  weekday_evening: { zh: '工作日晚上', en: 'Weekday evenings' },
  weekend: { zh: '周末', en: 'Weekends' },
};

/** Team colours (the seed city's five-colour teams: 先锋红、活力橙 … 卫士白). */
export const TEAM_COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'white'] as const;
export const TeamColour = z.enum(TEAM_COLOURS);
export type TeamColour = z.infer<typeof TeamColour>;
export const TEAM_COLOUR_LABELS: Record<TeamColour, { zh: string; en: string; hex: string }> = {
  red: { zh: '先锋红', en: 'Pioneer red', hex: '#d4380d' },
  orange: { zh: '活力橙', en: 'Vitality orange', hex: '#fa8c16' },
  yellow: { zh: '阳光黄', en: 'Sunshine yellow', hex: '#fadb14' },
  green: { zh: '生态绿', en: 'Eco green', hex: '#52c41a' },
  blue: { zh: '守护蓝', en: 'Guardian blue', hex: '#1677ff' },
  white: { zh: '卫士白', en: 'Guardian white', hex: '#bfbfbf' },
};

export const ID_TYPES = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permit'] as const;
export const IdType = z.enum(ID_TYPES);
export type IdType = z.infer<typeof IdType>;
export const ID_TYPE_LABELS: Record<IdType, { zh: string; en: string }> = {
  resident_id: { zh: '居民身份证', en: 'Resident ID card' },
  passport: { zh: '护照', en: 'Passport' },
  hk_macao_permit: { zh: '港澳居民来往内地通行证', en: 'HK/Macao permit' },
  taiwan_permit: { zh: '台湾居民来往大陆通行证', en: 'Taiwan permit' },
  foreign_permit: { zh: '外国人永久居留身份证', en: 'Foreign permanent residence ID' },
};

export const VOLUNTEER_STATUSES = ['pending', 'active', 'rejected', 'suspended', 'left'] as const;
export const VolunteerStatus = z.enum(VOLUNTEER_STATUSES);
export type VolunteerStatus = z.infer<typeof VolunteerStatus>;
