/**
 * The audit log and its chain check (no imports but types and its words: loads eagerly). Every action code the server writes
 * (AUDIT_ACTIONS in packages/contracts/src/audit.ts) has a label here: `AUDIT_LABELS_COMPLETE` below fails to compile
 * when one is missing.
 */
import type { AuditAction, AuditObjectType } from '@linli/contracts';
import { auditWordsEn, auditWordsZh } from './audit-words';

export const auditZh = {
  'audit.title': '审计日志',
  'audit.range': '时间范围',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.result': '结果',
  'audit.objectId': '对象编号',
  'audit.at': '时间',
  'audit.role': '角色',
  'audit.object': '对象',
  'audit.fields': '字段',
  'audit.ip': 'IP',
  'audit.requestId': '请求号',
  'audit.detail': '详情',
  'audit.result.success': '成功',
  'audit.result.failure': '失败',
  'audit.result.denied': '拒绝',
  'audit.anyResult': '全部结果',
  'audit.verify': '校验日志链',
  'audit.verifyOk': '日志链完整：已校验 {checked} 条记录',
  'audit.lastAnchored': '已锚定到数据库之外的最后一条：第 {seq} 条。',
  'audit.notAnchored': '尚无锚定记录。',
  'audit.verifyBroken': '日志链断裂：在序号 {seq} 处（已校验 {checked} 条）',
  'audit.verifyReason': '原因：{reason}',
  'audit.anyAction': '全部操作',
  'audit.client': '服务对象',
  ...auditWordsZh,
} as const;

export const auditEn: Record<keyof typeof auditZh, string> = {
  'audit.title': 'Audit log',
  'audit.range': 'Time range',
  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.result': 'Result',
  'audit.objectId': 'Object ID',
  'audit.at': 'Time',
  'audit.role': 'Role',
  'audit.object': 'Object',
  'audit.fields': 'Fields',
  'audit.ip': 'IP',
  'audit.requestId': 'Request ID',
  'audit.detail': 'Detail',
  'audit.result.success': 'Success',
  'audit.result.failure': 'Failure',
  'audit.result.denied': 'Denied',
  'audit.anyResult': 'Any result',
  'audit.verify': 'Verify chain',
  'audit.verifyOk': 'Chain intact: {checked} entries checked',
  'audit.lastAnchored': 'Last entry anchored outside the database: #{seq}.',
  'audit.notAnchored': 'Nothing anchored yet.',
  'audit.verifyBroken': 'Chain broken at sequence {seq} ({checked} entries checked)',
  'audit.verifyReason': 'Reason: {reason}',
  'audit.anyAction': 'Any action',
  'audit.client': 'Client',
  ...auditWordsEn,
};

/** Compile-time check: every audit action code and object type has a label (a missing one makes this `never`). */
type Labelled = `audit.action.${AuditAction}` | `audit.objectType.${AuditObjectType}` extends keyof typeof auditZh
  ? true
  : never;
export const AUDIT_LABELS_COMPLETE: Labelled = true;
