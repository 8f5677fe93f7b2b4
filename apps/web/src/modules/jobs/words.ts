import { useI18n } from '../../i18n';

/** This module's words in both UI languages (kept with the module, so adding it edits no shared catalogue). */
const WORDS = {
  zh: {
    title: '后台任务',
    refreshing: '每 5 秒自动刷新；应答的服务进程：{runner}',
    schedules: '定时任务',
    queues: '队列',
    failures: '最近失败',
    name: '任务',
    every: '间隔',
    lastRun: '上次完成',
    nextRun: '下次到期',
    runs: '运行次数',
    failed: '失败次数',
    state: '状态',
    lastError: '最近错误',
    idle: '空闲',
    runningBy: '运行中：{runner}',
    streak: '连续失败 {n} 次',
    perProcess: '每个进程',
    perProcessHint: '每个服务进程各自运行，这里是应答进程的计数',
    notRegistered: '本进程未注册',
    queue: '队列',
    pending: '待处理',
    retrying: '失败待重试',
    dead: '死信',
    oldest: '最早待处理',
    unavailable: '暂时无法读取',
    deadLetters: '查看死信',
    runner: '服务进程',
    finishedAt: '完成时间',
    error: '错误',
    noFailures: '没有失败的运行',
    none: '暂无',
    seconds: '{n} 秒',
    minutes: '{n} 分钟',
    hours: '{n} 小时',
    days: '{n} 天',
  },
  en: {
    title: 'Background jobs',
    refreshing: 'Refreshes every 5 s; answered by server process {runner}',
    schedules: 'Recurring jobs',
    queues: 'Queues',
    failures: 'Recent failures',
    name: 'Job',
    every: 'Every',
    lastRun: 'Last finished',
    nextRun: 'Next due',
    runs: 'Runs',
    failed: 'Failures',
    state: 'State',
    lastError: 'Last error',
    idle: 'Idle',
    runningBy: 'Running: {runner}',
    streak: '{n} failures in a row',
    perProcess: 'Per process',
    perProcessHint: 'Each server process runs its own; counts of the process that answered',
    notRegistered: 'Not registered here',
    queue: 'Queue',
    pending: 'Pending',
    retrying: 'Failed, retrying',
    dead: 'Dead letters',
    oldest: 'Oldest pending',
    unavailable: 'Cannot be read just now',
    deadLetters: 'See dead letters',
    runner: 'Server process',
    finishedAt: 'Finished',
    error: 'Error',
    noFailures: 'No failed runs',
    none: 'None',
    seconds: '{n} s',
    minutes: '{n} min',
    hours: '{n} h',
    days: '{n} d',
  },
} as const;

/** What each job and queue is, in words; the name itself is shown beside it. */
const LABELS: Record<string, { zh: string; en: string }> = {
  'audit.seal': { zh: '审计日志封存', en: 'Audit log sealing' },
  'audit.upkeep': { zh: '审计写入补写与锚定', en: 'Audit retry and anchoring' },
  'care.daily_overdue_check': { zh: '每日逾期检查', en: 'Daily overdue check' },
  'care.rollups.fold': { zh: '督导统计汇总', en: 'Dashboard rollup folding' },
  'events.deliver': { zh: '模块间事件投递', en: 'Event delivery' },
  'events.prune': { zh: '已处理事件清理', en: 'Delivered event pruning' },
  'jobs.prune': { zh: '运行记录清理', en: 'Run log pruning' },
  'media.prune_uploads': { zh: '未使用照片清理（24 小时）', en: 'Unused photo upload pruning (24 h)' },
  'notifications.deliver': { zh: '通知外发（短信、Webhook）', en: 'Notification delivery (SMS, webhook)' },
  audit_pending: { zh: '待封存的审计记录', en: 'Audit rows not yet sealed' },
  event_outbox: { zh: '待投递的模块间事件', en: 'Events not yet delivered' },
  'notifications.outbox': { zh: '通知外发队列', en: 'Notification outbox' },
};

export const MENU_LABEL = { zh: WORDS.zh.title, en: WORDS.en.title };

export function useJobsWords() {
  const { lang } = useI18n();
  const key = lang === 'en' ? 'en' : 'zh';
  return { ...WORDS[key], label: (name: string): string | null => LABELS[name]?.[key] ?? null };
}

export type JobsWords = ReturnType<typeof useJobsWords>;
