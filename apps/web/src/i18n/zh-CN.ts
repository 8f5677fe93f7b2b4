import type { Role } from '@linli/contracts';
import { areasZh } from './areas';
import { auditZh } from './audit';
import { authZh } from './auth';
import { careZh } from './care';
import { homeZh } from './home';
import { usersZh } from './users';

/**
 * Chinese (default) catalogue: the shell's words (app.*, menu.*, area.*, home.*) here, each module's from its own file
 * (auth, audit, areas, users, care/), Chinese and English side by side. Keys are the source of truth: en.ts must define
 * every one.
 */
export const zhCN = {
  'app.name': '邻里 Linli',
  'app.shortName': '邻里',
  'app.loading': '加载中…',
  'app.retry': '重试',
  'app.notFound': '页面不存在',
  'app.backHome': '返回工作台',
  'app.crashed': '页面出错了',
  'app.crashedHint': '请刷新页面重试；如果问题持续，请联系系统管理员。',
  'app.reload': '刷新页面',
  'app.forbidden': '您没有访问此页面的权限',
  'app.empty': '暂无数据',
  'app.ok': '确定',
  'app.cancel': '取消',
  'app.save': '保存',
  'app.submit': '提交',
  'app.close': '关闭',
  'app.yes': '是',
  'app.no': '否',
  'app.done': '操作成功',
  'app.search': '查询',
  'app.reset': '重置',
  'app.total': '共 {total} 条',
  'app.openMenu': '打开菜单',
  'app.version': '版本 {version}',
  'app.remove': '删除',
  'app.actions': '操作',
  'app.note': '备注',
  'app.reason': '理由',
  'app.approve': '批准',
  'app.reject': '驳回',
  'app.confirm': '确认执行此操作？',
  'app.tableScroll': '表格（可左右滚动）',
  'app.title.login': '登录',
  'app.title.clientDetail': '服务对象详情',
  'app.title.caseDetail': '个案详情',
  'app.title.residents': '居民端',

  'lang.switch': 'English',
  'lang.switchTitle': 'Switch to English',

  'menu.home': '工作台',
  'menu.worklist': '工作清单',
  'menu.clients': '服务对象',
  'menu.approvals': '等级审批',
  'menu.overdue': '逾期督办',
  'menu.cases': '个案',
  'menu.caseApprovals': '个案审批',
  'menu.ledgerImport': '台账导入',
  'menu.exports': '导出审批',
  'menu.caseload': '工作量移交',
  'menu.policy': '分级策略',
  'menu.areas': '区域管理',
  'menu.users': '用户管理',
  'menu.audit': '审计日志',
  'menu.profile': '个人中心',
  'menu.logout': '退出登录',
  'menu.userMenu': '用户菜单',

  'area.switcher': '切换区域',
  'area.wholeJurisdiction': '全部辖区',
  'area.level.district': '区',
  'area.level.street': '街道',
  'area.level.community': '社区',
  'area.level.grid': '网格',

  'home.welcome': '欢迎，{name}',
  'home.roles': '我的角色',
  'home.areas': '我的辖区',
  'home.noAreas': '尚未分配辖区',
  'home.security': '账号安全',
  'home.totpOn': '已启用动态口令',
  'home.totpOff': '未启用动态口令',
  'home.sessionExpires': '会话到期时间：{time}',
  ...authZh,
  ...auditZh,
  ...areasZh,
  ...usersZh,
  ...homeZh,
  ...careZh,
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

export const rolesZh: Record<Role, string> = {
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  district_officer: '区级干部',
  street_officer: '街道干部',
  community_supervisor: '社区负责人',
  community_worker: '社区工作者',
  social_worker: '社工',
  grid_worker: '网格员',
  partner_member: '合作单位成员',
  resident: '居民',
};

/** Shown when the server sends a code this build does not know (newer server). */
export const unknownErrorZh = '操作失败，请稍后重试';
export const networkErrorZh = '无法连接服务器，请检查网络后重试';
