// The demo volunteers, teams and memberships (seeded by volunteers-demo.ts).

export type Who = {
  username: string;
  name: string;
  birth: string;
  area: 'A' | 'B';
  status: 'active' | 'pending';
  skills: string[];
};

export const PEOPLE: Who[] = [
  {
    username: 'r_demo_1',
    name: '王秀兰',
    birth: '1958-04-12',
    area: 'A',
    status: 'active',
    skills: ['medical', 'haircut'],
  },
  {
    username: 'r_demo_2',
    name: '李建国',
    birth: '1952-09-03',
    area: 'A',
    status: 'active',
    skills: ['repair', 'driving'],
  },
  {
    username: 'v_demo_3',
    name: '张晓明',
    birth: '1990-01-20',
    area: 'A',
    status: 'active',
    skills: ['it', 'photography'],
  },
  {
    username: 'v_demo_4',
    name: '陈静',
    birth: '1995-06-08',
    area: 'A',
    status: 'active',
    skills: ['tutoring', 'language'],
  },
  { username: 'v_demo_5', name: '刘强', birth: '1985-11-30', area: 'A', status: 'active', skills: ['legal'] },
  {
    username: 'v_demo_6',
    name: '赵敏',
    birth: '1988-03-15',
    area: 'A',
    status: 'active',
    skills: ['counselling', 'arts'],
  },
  { username: 'v_demo_7', name: '孙丽', birth: '1979-07-22', area: 'B', status: 'active', skills: ['medical'] },
  {
    username: 'v_demo_8',
    name: '周伟',
    birth: '1992-12-01',
    area: 'B',
    status: 'active',
    skills: ['driving', 'other'],
  },
  { username: 'v_demo_9', name: '吴芳', birth: '1966-05-17', area: 'B', status: 'active', skills: ['arts'] },
  { username: 'v_demo_10', name: '郑浩', birth: '2001-02-09', area: 'B', status: 'active', skills: ['it'] },
  { username: 'v_demo_11', name: '冯雪', birth: '1998-08-25', area: 'A', status: 'pending', skills: ['tutoring'] },
  { username: 'v_demo_12', name: '何磊', birth: '1983-10-11', area: 'B', status: 'pending', skills: ['repair'] },
];

export const TEAMS = [
  { key: 'red', area: 'A', name: '党员先锋队', colour: 'red', description: '先锋红：党员带头，急难险重任务冲在前。' },
  {
    key: 'orange',
    area: 'A',
    name: '青春活力队',
    colour: 'orange',
    description: '活力橙：青年志愿者，文体活动与宣传。',
  },
  { key: 'yellow', area: 'A', name: '阳光助老队', colour: 'yellow', description: '阳光黄：为独居老人上门理发、陪伴。' },
  { key: 'green', area: 'B', name: '生态环保队', colour: 'green', description: '生态绿：垃圾分类指导、楼道清洁。' },
  { key: 'blue', area: 'B', name: '平安守护队', colour: 'blue', description: '守护蓝：夜间巡逻、防诈宣传。' },
  { key: 'white', area: 'B', name: '医护卫士队', colour: 'white', description: '卫士白：义诊、测血压、健康讲座。' },
] as const;

/** username → [team key, role][] */
export const MEMBERS: Record<string, [string, 'member' | 'leader'][]> = {
  r_demo_1: [
    ['red', 'leader'],
    ['yellow', 'member'],
  ],
  r_demo_2: [
    ['red', 'member'],
    ['yellow', 'member'],
  ],
  v_demo_3: [['orange', 'leader']],
  v_demo_4: [
    ['orange', 'member'],
    ['red', 'member'],
  ],
  v_demo_5: [['red', 'member']],
  v_demo_6: [
    ['yellow', 'leader'],
    ['orange', 'member'],
  ],
  v_demo_7: [['white', 'leader']],
  v_demo_8: [
    ['blue', 'leader'],
    ['green', 'member'],
  ],
  v_demo_9: [
    ['green', 'leader'],
    ['white', 'member'],
  ],
  v_demo_10: [
    ['blue', 'member'],
    ['green', 'member'],
  ],
};
