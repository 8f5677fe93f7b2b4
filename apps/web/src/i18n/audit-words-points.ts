/** Audit labels of the points module (issue 12), kept apart so audit-words.ts stays short. */
export const pointsAuditZh = {
  'audit.action.points.accounts_list': '查看积分账户',
  'audit.action.points.statement_read': '查看积分明细',
  'audit.action.points.community_read': '查看社区积分汇总',
  'audit.action.points.mine': '志愿者查看本人积分',
  'audit.action.points.adjust': '人工调整积分',
  'audit.action.points.rule_set': '设置积分规则',
  'audit.action.points.export_xlsx': '导出积分台账',
  'audit.action.points.team_read': '查看队伍积分统计',
  'audit.objectType.point_account': '积分账户',
  'audit.objectType.point_transfer': '积分流水',
  'audit.objectType.point_rule': '积分规则',
};

export const pointsAuditEn: Record<keyof typeof pointsAuditZh, string> = {
  'audit.action.points.accounts_list': 'View points accounts',
  'audit.action.points.statement_read': 'View a points statement',
  'audit.action.points.community_read': "View a community's points summary",
  'audit.action.points.mine': 'Volunteer views own points',
  'audit.action.points.adjust': 'Adjust points by hand',
  'audit.action.points.rule_set': 'Set points earning rules',
  'audit.action.points.export_xlsx': 'Export the points ledger',
  'audit.action.points.team_read': "View a team's points statement",
  'audit.objectType.point_account': 'Points account',
  'audit.objectType.point_transfer': 'Points transfer',
  'audit.objectType.point_rule': 'Points rule',
};
