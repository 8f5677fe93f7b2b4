/** Households feature: the client's household and "also seen" members of a visit (no imports: loads eagerly). */
export const householdsZh = {
  'care.household.title': '家庭户',
  'care.household.none': '尚未加入家庭户',
  'care.household.id': '家庭户编号',
  'care.household.members': '同户成员',
  'care.household.create': '创建家庭户并加入',
  'care.household.join': '加入已有家庭户',
  'care.household.address': '家庭住址',
  'care.household.joined': '已加入家庭户',
  'care.household.membersSeen': '同户在场成员',
  'care.household.membersSeenHelp': '勾选本次同时见到的家庭成员，他们的走访也记为完成',
} as const;

export const householdsEn: Record<keyof typeof householdsZh, string> = {
  'care.household.title': 'Household',
  'care.household.none': 'Not in a household',
  'care.household.id': 'Household ID',
  'care.household.members': 'Members',
  'care.household.create': 'Create a household and join',
  'care.household.join': 'Join an existing household',
  'care.household.address': 'Address',
  'care.household.joined': 'Joined the household',
  'care.household.membersSeen': 'Household members also seen',
  'care.household.membersSeenHelp': 'Tick the members you saw in this visit; their visits count as done too',
};
