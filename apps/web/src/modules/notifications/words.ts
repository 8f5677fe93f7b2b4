import type { NotificationEvent } from '@linli/contracts/modules/notifications';
import { useI18n } from '../../i18n';
import { interpolate } from '../../lib/format';

type Params = Record<string, string | number>;

/** This module's words in both UI languages (kept with the module, so adding it edits no shared catalogue). */
const WORDS = {
  zh: {
    title: '消息通知',
    inbox: '消息',
    bell: '消息通知，{n} 条未读',
    unreadOnly: '只看未读',
    markRead: '标为已读',
    markAllRead: '全部标为已读',
    open: '查看',
    unread: '未读',
    read: '已读',
    urgent: '紧急',
    message: '内容',
    time: '时间',
    none: '暂无消息',
    settings: '通知设置',
    settingsHint: '站内消息总是开启。短信在 {from}–{to}（北京时间）静默，紧急通知除外，其余顺延到 {to} 发送。',
    event: '事件',
    channelInbox: '站内',
    sms: '短信',
    webhook: '推送（Webhook）',
    smsUnavailable: '账号未登记手机号，无法接收短信',
    webhookUnavailable: '本服务器未配置推送地址',
    outbox: '外发队列',
    status: '状态',
    channel: '渠道',
    attempts: '尝试次数',
    nextAttempt: '下次尝试',
    lastError: '最近错误',
    retry: '重试',
    allStatuses: '全部状态',
    status_pending: '待发送',
    status_sending: '发送中',
    status_sent: '已发送',
    status_dead: '死信',
  },
  en: {
    title: 'Notifications',
    inbox: 'Inbox',
    bell: 'Notifications, {n} unread',
    unreadOnly: 'Unread only',
    markRead: 'Mark read',
    markAllRead: 'Mark all read',
    open: 'Open',
    unread: 'Unread',
    read: 'Read',
    urgent: 'Urgent',
    message: 'Message',
    time: 'Time',
    none: 'No notifications',
    settings: 'Notification settings',
    settingsHint:
      'The inbox is always on. No SMS from {from} to {to} (China time) except urgent ones; the rest wait until {to}.',
    event: 'Event',
    channelInbox: 'Inbox',
    sms: 'SMS',
    webhook: 'Webhook',
    smsUnavailable: 'No mobile number on this account',
    webhookUnavailable: 'No webhook configured on this server',
    outbox: 'Outbox',
    status: 'Status',
    channel: 'Channel',
    attempts: 'Attempts',
    nextAttempt: 'Next attempt',
    lastError: 'Last error',
    retry: 'Retry',
    allStatuses: 'All statuses',
    status_pending: 'Pending',
    status_sending: 'Sending',
    status_sent: 'Sent',
    status_dead: 'Dead letter',
  },
} as const;

const KINDS = {
  zh: { tier_change: '等级调整', case_plan: '个案计划', case_closure: '结案', export: '明文导出' },
  en: { tier_change: 'tier change', case_plan: 'case plan', case_closure: 'case closure', export: 'unmasked export' },
} as const;
const CHANGES = {
  zh: { roles: '角色已变更', disabled: '已被停用', enabled: '已被启用', password_reset: '密码已由管理员重置' },
  en: {
    roles: 'roles were changed',
    disabled: 'was disabled',
    enabled: 'was enabled',
    password_reset: 'password was reset by an administrator',
  },
} as const;
const DECISIONS = {
  zh: { approved: '已批准', rejected: '已驳回', accepted: '已接收', declined: '已拒绝', completed: '已完成' },
  en: {
    approved: 'approved',
    rejected: 'rejected',
    accepted: 'accepted',
    declined: 'declined',
    completed: 'completed',
  },
} as const;

/** Each event's title; `{name}` is filled from the notification's params (words for codes first). */
const EVENTS: Record<'zh' | 'en', Record<NotificationEvent, string>> = {
  zh: {
    'referral.received': '收到一条新的转介',
    'referral.answered': '您发出的转介有了答复：{answer}',
    'approval.waiting': '有一项{kind}等待您审批',
    'approval.decided': '您提交的{kind}{decision}',
    'visit.overdue_escalated': '一次逾期 {days} 天的走访已升级给您',
    'account.changed': '您的账号{change}',
    'notice.published': '社区发布了新公告：{title}',
    'wish.published': '您的微心愿 {number} 已发布到心愿墙',
    'wish.claimed': '微心愿 {number} 已被认领',
    'wish.fulfilled': '您的微心愿 {number} 已完成，请确认收到',
    'wish.claim_expired': '您认领的微心愿 {number} 超期未完成，已退回心愿墙',
    'volunteer.confirmed': '您的志愿者注册已通过社区确认，欢迎加入！',
    'volunteer.rejected': '您的志愿者注册未通过，原因请在“我的志愿服务”中查看',
    'activity.promoted': '您已从候补转为正式报名：{title}',
    'activity.cancelled': '您报名的活动已取消：{title}',
    'hours.star_awarded': '恭喜！您的志愿服务时长已达 {hours} 小时，获评{level}星志愿者',
    'hours.claim_decided': '您申报的志愿服务时长已处理，请查看',
    'request.assigned': '有一件民生诉求 {number} 派给您的单位，请签收',
    'request.reminder': '民生诉求 {number} 即将到期，请及时处理',
    'request.escalated': '民生诉求 {number} 已升级给您',
    'request.resolved': '您的诉求 {number} 已办结，请评价',
    'request.rejected': '您的诉求 {number} 未被受理',
    'request.reopened': '民生诉求 {number} 因居民不满意已退回重办',
    'supermarket.reservation_expired':
      '您在爱心超市预约的物品超过 {days} 天未领取，预约已自动取消，{points} 积分已退回',
  },
  en: {
    'referral.received': 'A new referral was received',
    'referral.answered': 'Your referral was answered: {answer}',
    'approval.waiting': 'A {kind} is waiting for your approval',
    'approval.decided': 'Your {kind} was {decision}',
    'visit.overdue_escalated': 'A visit {days} days overdue was escalated to you',
    'account.changed': 'Your account {change}',
    'notice.published': 'A new notice was published: {title}',
    'wish.published': 'Your micro-wish {number} is on the wish wall',
    'wish.claimed': 'Micro-wish {number} was claimed',
    'wish.fulfilled': 'Your micro-wish {number} was fulfilled: please confirm receipt',
    'wish.claim_expired': 'Your claim of micro-wish {number} expired; it is back on the wall',
    'volunteer.confirmed': 'Your volunteer registration was confirmed by the community: welcome!',
    'volunteer.rejected': 'Your volunteer registration was not accepted; see the reason under My volunteering',
    'activity.promoted': 'You moved up from the waitlist: {title}',
    'activity.cancelled': 'An activity you signed up for was cancelled: {title}',
    'hours.star_awarded': 'Congratulations: {hours} hours of service make you a {level}-star volunteer',
    'hours.claim_decided': 'Your self-reported hours were decided: please have a look',
    'request.assigned': 'Request {number} was assigned to your unit: please sign for it',
    'request.reminder': 'Request {number} is nearly due',
    'request.escalated': 'Request {number} was escalated to you',
    'request.resolved': 'Your request {number} was resolved: please rate it',
    'request.rejected': 'Your request {number} was not accepted',
    'request.reopened': 'Request {number} was reopened: the resident was not satisfied',
    'supermarket.reservation_expired':
      'Your supermarket reservation was not collected within {days} days: it expired and {points} points are back',
  },
};

/** Each event's short name (the settings page). */
const EVENT_NAMES: Record<'zh' | 'en', Record<NotificationEvent, string>> = {
  zh: {
    'referral.received': '收到转介',
    'referral.answered': '转介有答复',
    'approval.waiting': '待我审批',
    'approval.decided': '审批结果',
    'visit.overdue_escalated': '逾期走访升级',
    'account.changed': '账号变更',
    'notice.published': '社区公告',
    'wish.published': '心愿已发布',
    'wish.claimed': '心愿被认领',
    'wish.fulfilled': '心愿已完成',
    'wish.claim_expired': '认领已超期',
    'volunteer.confirmed': '志愿者注册通过',
    'volunteer.rejected': '志愿者注册未通过',
    'activity.promoted': '活动候补转正',
    'activity.cancelled': '活动已取消',
    'hours.star_awarded': '星级志愿者',
    'hours.claim_decided': '时长申报已处理',
    'request.assigned': '诉求派单',
    'request.reminder': '诉求到期提醒',
    'request.escalated': '诉求升级',
    'request.resolved': '诉求已办结',
    'request.rejected': '诉求未受理',
    'request.reopened': '诉求重办',
    'supermarket.reservation_expired': '超市预约已过期',
  },
  en: {
    'referral.received': 'Referral received',
    'referral.answered': 'Referral answered',
    'approval.waiting': 'Waiting for my approval',
    'approval.decided': 'Approval decided',
    'visit.overdue_escalated': 'Overdue visit escalated',
    'account.changed': 'Account changed',
    'notice.published': 'Community notice',
    'wish.published': 'Wish published',
    'wish.claimed': 'Wish claimed',
    'wish.fulfilled': 'Wish fulfilled',
    'wish.claim_expired': 'Claim expired',
    'volunteer.confirmed': 'Volunteer registration confirmed',
    'volunteer.rejected': 'Volunteer registration not accepted',
    'activity.promoted': 'Off the waitlist',
    'activity.cancelled': 'Activity cancelled',
    'hours.star_awarded': 'Star volunteer',
    'hours.claim_decided': 'Hours claim decided',
    'request.assigned': 'Request assigned',
    'request.reminder': 'Request due soon',
    'request.escalated': 'Request escalated',
    'request.resolved': 'Request resolved',
    'request.rejected': 'Request not accepted',
    'request.reopened': 'Request reopened',
    'supermarket.reservation_expired': 'Supermarket reservation expired',
  },
};

export const MENU_LABEL = { zh: WORDS.zh.title, en: WORDS.en.title };
export const OUTBOX_LABEL = { zh: WORDS.zh.outbox, en: WORDS.en.outbox };

function lookup(table: Record<string, string>, value: string | number | undefined): string | number {
  if (value === undefined) return '';
  return typeof value === 'string' && value in table ? (table[value] as string) : value;
}

export function useNotificationsWords() {
  const { lang } = useI18n();
  const l = lang === 'en' ? 'en' : 'zh';
  const words = WORDS[l];
  /** The title of a notification, in the UI language. */
  const eventText = (event: NotificationEvent, params: Params): string =>
    interpolate(EVENTS[l][event], {
      ...params,
      kind: lookup(KINDS[l], params.kind),
      change: lookup(CHANGES[l], params.change),
      decision: lookup(DECISIONS[l], params.decision),
      answer: lookup(DECISIONS[l], params.answer),
      days: params.days ?? '',
      title: params.title ?? '',
    }).trim();
  return { ...words, eventText, eventName: (event: NotificationEvent) => EVENT_NAMES[l][event] };
}
