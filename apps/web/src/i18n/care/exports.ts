/** Exports feature: requests for unmasked exports, their approval and the one download (no imports: loads eagerly). */
export const exportsZh = {
  'care.export.title': '导出审批',
  'care.export.areas': '涉及区域',
  'care.export.approveConfirm':
    '批准后，申请人可在 24 小时内下载一次 {areas} 约 {rows} 行未脱敏数据（含完整身份证号和手机号）。',
  'care.export.rejectConfirm': '驳回对 {areas} 未脱敏数据的导出申请？',
  'care.export.requester': '申请人',
  'care.export.filter': '筛选条件',
  'care.export.allClients': '全部',
  'care.export.status': '状态',
  'care.export.createdAt': '申请时间',
  'care.export.expiresAt': '下载截止',
  'care.export.rows': '行数',
  'care.export.download': '下载',
  'care.export.none': '暂无导出申请',
  'care.export.status.pending': '待审批',
  'care.export.status.approved': '已批准',
  'care.export.status.rejected': '已驳回',
  'care.export.status.downloaded': '已下载',
  'care.export.status.expired': '已过期',
} as const;

export const exportsEn: Record<keyof typeof exportsZh, string> = {
  'care.export.title': 'Export requests',
  'care.export.areas': 'Areas',
  'care.export.approveConfirm':
    'If approved, the requester may download, once within 24 hours, about {rows} unmasked rows of {areas} (full ID and mobile numbers).',
  'care.export.rejectConfirm': 'Reject the unmasked export of {areas}?',
  'care.export.requester': 'Requester',
  'care.export.filter': 'Filters',
  'care.export.allClients': 'All',
  'care.export.status': 'Status',
  'care.export.createdAt': 'Requested',
  'care.export.expiresAt': 'Download by',
  'care.export.rows': 'Rows',
  'care.export.download': 'Download',
  'care.export.none': 'No export requests',
  'care.export.status.pending': 'Pending',
  'care.export.status.approved': 'Approved',
  'care.export.status.rejected': 'Rejected',
  'care.export.status.downloaded': 'Downloaded',
  'care.export.status.expired': 'Expired',
};
